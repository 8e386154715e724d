"""Saved searches of teacher requests: a provider saves the /vragen search and is mailed the
requests that went live since, matched by the list's own query, without personal data."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.alerts import searches
from portal.formatting import nldate
from portal.models import SavedSearch
from portal.models.statuses import TeacherRequestStatus
from portal.requests import services
from tests.alerts.conftest import alert_mails, unsubscribe_path
from tests.clock import days_ahead


@pytest.fixture
def provider(make, db):
    user = make.user("provider", name="Piet Lasser", organisation=make.company(name="Lasbedrijf Lelystad"))
    db.session.commit()
    return user


@pytest.fixture
def school(make, db):
    school = make.school(name="Vmbo De Polder", sector="vo", municipality_slug="lelystad")
    teacher = make.user("teacher", organisation=school, name="Sanne Docent", email="sanne@depolder.nl")
    db.session.commit()
    return teacher


@pytest.fixture
def post(make, db, school):
    """A request posted by the teacher (open at once: a verified school), committed."""

    def request(title: str, teacher=None, **overrides):
        values = dict(
            title=title,
            kind="guest_lesson",
            period_from=days_ahead(10),
            period_to=days_ahead(40),
            group_size=16,
            description="Leerlingen van De Polder willen het vak zien.",
            audience=make.term("audience", "vmbo-kb"),
            profile=None,
            theme=make.term("theme", "installatietechniek"),
            municipality_id=make.municipality("lelystad").id,
            online=False,
        )
        values.update(overrides)
        made = services.create(teacher or school, services.RequestDetails(**values))
        db.session.commit()
        return made

    return request


def stored(db, user) -> list[SavedSearch]:
    db.session.expire_all()
    return list(db.session.scalars(select(SavedSearch).where(SavedSearch.user_id == user.id)))


# Saving -----------------------------------------------------------------------------------
def test_a_provider_saves_the_search_of_the_requests_list(client, db, make, login_as, provider):
    login_as(provider)
    lelystad, theme = make.municipality("lelystad"), make.term("theme", "installatietechniek")
    db.session.commit()
    args = f"q=lassen&soort=guest_lesson&thema={theme.id}&gemeente={lelystad.id}&online=y&page=2"

    page = client.get(f"/vragen?{args}").get_data(as_text=True)

    assert "Mail mij nieuwe vragen voor deze zoekopdracht" in page
    query = f"q=lassen&amp;soort=guest_lesson&amp;thema={theme.id}&amp;gemeente={lelystad.id}&amp;online=y"
    assert f'name="zoekopdracht" type="hidden" value="{query}"' in page
    stored_query = query.replace("&amp;", "&")

    response = client.post(
        "/mijn/zoekopdrachten/vragen",
        data={"zoekopdracht": stored_query, "name": "Lassen", "frequency": "daily"},
    )

    assert response.status_code == 302
    assert response.headers["Location"] == f"/vragen?{stored_query}"
    [search] = stored(db, provider)
    assert (search.kind, search.name, search.frequency, search.query) == (
        "request",
        "Lassen",
        "daily",
        stored_query,
    )
    back = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "We mailen je dagelijks als er nieuwe vragen van leerkrachten bij komen" in back
    assert "Je hebt deze zoekopdracht bewaard als “Lassen” (dagelijks)." in back

    mine = client.get("/mijn/zoekopdrachten").get_data(as_text=True)
    assert ">Vragen</span>" in mine
    assert f'href="/vragen?{query}"' in mine
    assert f"“lassen” · Gastles · {theme.label} · Lelystad of online · online mogelijk" in mine


def test_request_and_offer_searches_are_listed_together_and_labelled(client, db, login_as, provider, saved):
    login_as(provider)
    saved(provider, "q=robots", name="Robots in het aanbod")
    saved(provider, "q=lassen", name="Lasvragen", kind="request")

    mine = client.get("/mijn/zoekopdrachten").get_data(as_text=True)

    assert "Robots in het aanbod" in mine and "Lasvragen" in mine
    assert ">Aanbod</span>" in mine and ">Vragen</span>" in mine
    assert 'href="/vragen?q=lassen"' in mine and 'href="/aanbod?q=robots"' in mine


@pytest.mark.parametrize(
    ("raw", "query"),
    [
        ("", ""),  # every new request
        ("q=%00lassen%20%20%20solderen", "q=lassen+solderen"),
        ("soort=bestaat-niet&thema=999999&doelgroep=abc&gemeente=-1", ""),
        ("q=" + "x" * 900, "q=" + "x" * 200),
        ("online=y&page=3", "online=y"),
    ],
)
def test_odd_searches_are_stored_as_the_list_reads_them(client, db, login_as, provider, raw, query):
    login_as(provider)

    response = client.post("/mijn/zoekopdrachten/vragen", data={"zoekopdracht": raw, "frequency": "weekly"})

    assert response.status_code == 302
    [search] = stored(db, provider)
    assert (search.kind, search.query) == ("request", query)
    assert search.name  # a suggested name when none is given


def test_saving_the_same_request_search_twice_keeps_one_and_says_so(client, db, login_as, provider):
    login_as(provider)
    data = {"zoekopdracht": "q=lassen", "frequency": "weekly"}
    client.post("/mijn/zoekopdrachten/vragen", data=data)

    response = client.post("/mijn/zoekopdrachten/vragen", data=data, follow_redirects=True)

    assert len(stored(db, provider)) == 1
    assert "Je hebt deze zoekopdracht al bewaard" in response.get_data(as_text=True)


def test_a_visitor_is_sent_to_log_in_and_comes_back_to_the_search(client, db):
    page = client.get("/vragen?q=lassen").get_data(as_text=True)
    assert "Ben je aanbieder? Log in om deze zoekopdracht te bewaren" in page
    assert "/inloggen?next=/vragen?q%3Dlassen" in page

    response = client.post(
        "/mijn/zoekopdrachten/vragen", data={"zoekopdracht": "q=lassen", "frequency": "daily"}
    )

    assert response.status_code == 302
    assert "/inloggen?next=/vragen?q%3Dlassen" in response.headers["Location"]
    assert db.session.scalar(select(SavedSearch)) is None


@pytest.mark.parametrize("role", ["teacher", "coordinator"])
def test_only_providers_may_save_a_request_search(client, db, login_as, role):
    user = login_as(role)

    page = client.get("/vragen?q=lassen").get_data(as_text=True)
    response = client.post(
        "/mijn/zoekopdrachten/vragen", data={"zoekopdracht": "q=lassen", "frequency": "daily"}
    )

    assert "Mail mij nieuwe vragen" not in page
    assert response.status_code == 403
    assert stored(db, user) == []


# Sending ----------------------------------------------------------------------------------
@pytest.mark.both_databases
def test_the_mail_lists_only_new_matching_open_requests_and_no_personal_data(
    db, make, provider, school, post, saved, later, send
):
    old = post("Gastles lassen (al bekend)")
    lelystad = make.municipality("lelystad")
    search = saved(provider, f"q=lassen&gemeente={lelystad.id}", name="Lassen", kind="request")
    hit = post("Gastles lassen voor 3 KB")
    online = post("Online les lassen", municipality_id=None, online=True)
    post("Gastles zonnepanelen")  # new, other words
    post("Gastles lassen in Almere", municipality_id=make.municipality("almere").id)  # elsewhere
    closed = post("Bedrijfsbezoek lassen")
    services.close(closed, school)
    waiting_teacher = make.user(
        "teacher", organisation=make.school(verified=False), name="Nog Niet Goedgekeurd"
    )
    waiting = post("Lassen, wacht op een coördinator", teacher=waiting_teacher)
    db.session.commit()
    assert hit.status == TeacherRequestStatus.OPEN and waiting.status == TeacherRequestStatus.SUBMITTED
    later(days=1)

    output = send()

    assert "mails queued: 1" in output
    [mail] = alert_mails(db, provider)
    assert mail.recipient == provider.email
    assert mail.subject == "2 nieuwe vragen van leerkrachten voor je zoekopdracht “Lassen”"
    for text in (mail.body_text, mail.body_html):
        assert hit.title in text and online.title in text
        assert f"http://portal.test/vragen/{hit.id}" in text
        assert "Gastles" in text and hit.theme.label in text and "Lelystad" in text
        assert f"{nldate(hit.period_from, 'd MMMM y')} – {nldate(hit.period_to, 'd MMMM y')}" in text
        for absent in (old.title, "zonnepanelen", "Almere", closed.title, waiting.title):
            assert absent not in text
        for personal in ("Sanne Docent", "sanne@depolder.nl", "Vmbo De Polder", "De Polder", "Nog Niet"):
            assert personal not in text
    assert (
        "Er zijn 2 nieuwe vragen van leerkrachten die passen bij je zoekopdracht “Lassen”" in mail.body_text
    )
    assert f"http://portal.test/vragen?q=lassen&gemeente={lelystad.id}" in mail.body_text
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    db.session.refresh(search)
    assert search.last_sent_at is not None

    later(days=1)
    assert "mails queued: 0" in send()
    assert len(alert_mails(db)) == 1


def test_a_request_approved_by_a_coordinator_goes_live_when_approved(
    db, make, provider, post, saved, later, send
):
    waiting = post(
        "Lassen voor de bovenbouw", teacher=make.user("teacher", organisation=make.school(verified=False))
    )
    saved(provider, "q=lassen", name="Lassen", kind="request")
    later(hours=2)
    assert "mails queued: 0" in send()  # it waits for review: nobody is told yet
    later(hours=1)
    services.approve(waiting, make.user("coordinator"))
    db.session.commit()
    later(days=1)

    send()

    [mail] = alert_mails(db, provider)
    assert waiting.title in mail.body_text


def test_the_unsubscribe_link_of_a_request_mail_stops_that_search(
    client, db, provider, post, saved, later, send
):
    search = saved(provider, "q=lassen", kind="request")
    post("Gastles lassen")
    later(days=1)
    send()
    [mail] = alert_mails(db, provider)

    response = client.post(unsubscribe_path(mail), data={"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    db.session.refresh(search)
    assert search.paused


def test_offer_and_request_searches_each_mail_their_own_kind(
    db, make, provider, post, publish, saved, later, send
):
    saved(provider, "q=lassen", name="Lasaanbod")
    saved(provider, "q=lassen", name="Lasvragen", kind="request")
    publish("Lassen in de werkplaats")
    post("Gastles lassen")
    later(days=1)

    send()

    subjects = sorted(m.subject for m in alert_mails(db, provider))
    assert subjects == [
        "1 nieuwe aanbieding voor je zoekopdracht “Lasaanbod”",
        "1 nieuwe vraag van leerkrachten voor je zoekopdracht “Lasvragen”",
    ]


def test_the_mijn_page_links_a_request_search_to_the_requests_list(client, db, login_as, provider, saved):
    login_as(provider)
    saved(provider, "q=lassen&online=y", name="Lasvragen", kind="request")

    page = client.get("/mijn/").get_data(as_text=True)

    assert 'href="/vragen?q=lassen&amp;online=y">Lasvragen</a>' in page


def test_the_unsubscribe_page_of_a_request_search_speaks_of_requests(client, db, provider, saved):
    search = saved(provider, "q=lassen", name="Lasvragen", kind="request")

    page = client.get(f"/zoekopdrachten/afmelden/{searches.unsubscribe_token(search)}").get_data(as_text=True)

    assert "mails over nieuwe vragen van leerkrachten voor de zoekopdracht “Lasvragen”" in page


@pytest.mark.parametrize(
    "args", ["gemeente=abc&thema=-3&doelgroep=%00", "q=%00&soort=<b>&online=nee", "page=x"]
)
def test_odd_list_arguments_still_show_the_list_and_the_save_form(client, login_as, provider, args):
    login_as(provider)

    response = client.get(f"/vragen?{args}")

    assert response.status_code == 200
    assert "Mail mij nieuwe vragen voor deze zoekopdracht" in response.get_data(as_text=True)
