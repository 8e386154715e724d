"""The list at /bewaard and the comparison of two or three saved offers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.models import local_now

COMPARE = "/bewaard/vergelijken"


def compare_url(*ids) -> str:
    return COMPARE + "?" + "&".join(f"id={i}" for i in ids)


def test_the_list_shows_my_saved_offers_with_what_a_card_needs(
    client, db, make, login_as, teacher, offers, save
):
    make.slot(offers[1], days_ahead=7)
    db.session.commit()
    save(teacher, *offers)
    login_as(teacher)

    page = client.get("/bewaard").get_data(as_text=True)

    for offer in offers:
        assert offer.title in page and f"/aanbod/{offer.id}-{offer.slug}" in page
        assert f'name="id" value="{offer.id}"' in page  # tick to compare
    assert "Gastles · Komt naar je school" in page
    assert "Bedrijfsbezoek · Almere" in page
    assert "Op aanvraag" in page  # the request-mode offers
    assert (local_now() + timedelta(days=7)).strftime("%Y") in page  # the visit's next date
    assert "€ 25,00" in page and "Gratis" in page
    assert page.count("Verwijderen<span") == 3
    assert "3 van maximaal 50 bewaard" in page


def test_an_empty_list_points_to_the_offers(client, login_as, teacher):
    login_as(teacher)
    page = client.get("/bewaard").get_data(as_text=True)
    assert "Je hebt nog geen aanbod bewaard." in page
    assert 'href="/aanbod"' in page


def test_an_archived_offer_stays_on_the_list_marked_and_cannot_be_compared(
    client, db, login_as, teacher, offers, save
):
    save(teacher, *offers)
    offers[0].status = "archived"
    db.session.commit()
    login_as(teacher)

    page = client.get("/bewaard").get_data(as_text=True)

    assert offers[0].title in page and "niet meer beschikbaar" in page
    assert f"/aanbod/{offers[0].id}-{offers[0].slug}" not in page  # no link to a page that is gone
    assert f'name="id" value="{offers[0].id}"' not in page
    response = client.get(compare_url(offers[0].id, offers[1].id), follow_redirects=True)
    assert "is niet meer beschikbaar" in response.get_data(as_text=True)
    assert "niet meer beschikbaar" in client.get("/mijn/").get_data(as_text=True)


def test_another_users_list_is_never_shown(client, db, make, login_as, teacher, offers, save):
    colleague = make.user("teacher", organisation=teacher.organisation)
    save(colleague, offers[0], offers[1])
    save(teacher, offers[2])
    login_as(teacher)

    page = client.get("/bewaard").get_data(as_text=True)
    dashboard = client.get("/mijn/").get_data(as_text=True)

    assert offers[2].title in page and offers[0].title not in page and offers[1].title not in page
    assert offers[0].title not in dashboard
    assert "Bewaard (1)" in dashboard
    response = client.get(compare_url(offers[0].id, offers[1].id), follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "alleen aanbod van je eigen bewaarde lijst" in html
    assert "<table" not in html


@pytest.mark.both_databases
@pytest.mark.parametrize("count", [2, 3])
def test_two_or_three_saved_offers_side_by_side(client, db, make, login_as, teacher, offers, save, count):
    make.slot(offers[1], days_ahead=7)
    offers[0].terms = [make.term("audience", "po-7-8"), make.term("theme", "energietransitie")]
    db.session.commit()
    save(teacher, *offers)
    login_as(teacher)
    chosen = offers[:count]

    response = client.get(compare_url(*(o.id for o in chosen)))

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    headers = html.split("<thead>")[1].split("</thead>")[0]
    assert [o.title for o in chosen if o.title in headers] == [o.title for o in chosen]
    for label in ("Soort", "Aanbieder", "Waar", "Doelgroepen", "Vmbo-profielen", "Thema&#39;s", "Duur"):
        assert f'<th scope="row" class="shortlist-compare-label">{label}</th>' in html
    for label in ("Groepsgrootte", "Prijs", "Eerstvolgende data", "Boeken"):
        assert f'<th scope="row" class="shortlist-compare-label">{label}</th>' in html
    assert "Op je school (de aanbieder komt naar je toe)" in html  # the guest lesson
    assert "po groep 7-8" in html and "Energietransitie" in html
    assert "Op aanvraag" in html and "90 minuten" in html and "5 tot 30 leerlingen" in html
    assert (local_now() + timedelta(days=7)).strftime("%Y, 09:00") in html
    if count == 3:
        assert "€ 25,00" in html and "Leskist micro:bits" in html
    else:
        assert "Leskist micro:bits" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Kies twee of drie bewaarde aanbiedingen om te vergelijken."),
        ("?id={0}", "Kies twee of drie bewaarde aanbiedingen om te vergelijken."),
        ("?id={0}&id={0}", "Kies twee of drie bewaarde aanbiedingen om te vergelijken."),
        ("?id={0}&id={1}&id={2}&id={3}", "Je kunt maximaal drie aanbiedingen tegelijk vergelijken."),
        ("?id={0}&id=abc", "Die link noemt geen bewaarde aanbiedingen."),
        ("?id={0}&id=-1", "Die link noemt geen bewaarde aanbiedingen."),
        ("?id={0}&id=99999999999999999999", "Die link noemt geen bewaarde aanbiedingen."),
        ("?id={0}&id=999999", "alleen aanbod van je eigen bewaarde lijst"),
        ("?id={0}&id={4}", "alleen aanbod van je eigen bewaarde lijst"),
    ],
)
def test_a_wrong_choice_gets_a_dutch_message_on_the_list(
    client, db, make, login_as, teacher, offers, save, query, message
):
    fourth = make.offer()
    unsaved = make.offer()
    db.session.commit()
    save(teacher, *offers, fourth)
    login_as(teacher)
    ids = [o.id for o in (*offers, fourth, unsaved)]

    response = client.get(COMPARE + query.format(*ids))

    assert response.status_code == 303
    assert response.headers["Location"].startswith("/bewaard")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert message in page
    assert "<table" not in page


def test_a_refused_choice_keeps_the_ticks_that_were_on_the_list(client, login_as, teacher, offers, save):
    save(teacher, *offers)
    login_as(teacher)
    response = client.get(compare_url(offers[0].id))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'value="{offers[0].id}" id="vergelijk-{offers[0].id}" checked' in page
    assert f'value="{offers[1].id}" id="vergelijk-{offers[1].id}">' in page


def test_the_list_and_the_comparison_need_a_login(client, offers):
    for path in ("/bewaard", compare_url(offers[0].id, offers[1].id)):
        response = client.get(path)
        assert response.status_code == 302 and "/inloggen" in response.headers["Location"]


def test_mijn_shows_the_newest_saved_offers_and_a_teacher_learns_about_saving(
    client, make, login_as, teacher, offers, save
):
    login_as(teacher)
    assert "Bewaard (0)" in client.get("/mijn/").get_data(as_text=True)
    save(teacher, offers[0], offers[1])
    page = client.get("/mijn/").get_data(as_text=True)
    assert "Bewaard (2)" in page and offers[0].title in page and 'href="/bewaard"' in page
    # Other roles see the section only once they saved something.
    provider = make.user("provider")
    login_as(provider)
    assert "Bewaard (" not in client.get("/mijn/").get_data(as_text=True).split("</nav>", 1)[1]
