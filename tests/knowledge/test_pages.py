"""The article page: sanitised Markdown with its own images, files that follow the article's
visibility, related offers linked both ways, experiences shared without contact details,
and the author anonymised (the article kept) when they delete their account."""

from __future__ import annotations

import io

from PIL import Image

from portal.accounts import services as accounts
from portal.extensions import db
from portal.knowledge import reactions, services
from portal.models import ArticleReaction
from portal.models.statuses import ReactionStatus
from portal.plugs import plugs
from tests.factories import PASSWORD
from tests.knowledge.conftest import write


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), (11, 90, 115)).save(out, "PNG")
    return out.getvalue()


def test_related_offers_are_linked_both_ways(client, make):
    offer = make.offer(title="Gastles zonne-energie")
    draft_offer = make.offer(title="Nog niet gepubliceerd", status="draft")
    article = write(
        make.user("coordinator"), title="Energie in groep 7", offer_ids=[offer.id, draft_offer.id]
    )
    assert [o.id for o in article.offers] == [offer.id]  # only published offers can be linked
    page = client.get(f"/kennisbank/{article.id}-{article.slug}").get_data(as_text=True)
    assert f"/aanbod/{offer.id}-{offer.slug}" in page and "Gastles zonne-energie" in page
    offer_page = client.get(f"/aanbod/{offer.id}-{offer.slug}").get_data(as_text=True)
    assert "In de kennisbank" in offer_page and f"/kennisbank/{article.id}-{article.slug}" in offer_page


def test_an_offer_page_does_not_list_an_unpublished_article(client, make):
    offer = make.offer()
    write(make.user("teacher"), publish=False, title="Geheim concept", offer_ids=[offer.id])
    page = client.get(f"/aanbod/{offer.id}-{offer.slug}").get_data(as_text=True)
    assert "Geheim concept" not in page and "In de kennisbank" not in page


def test_markdown_is_sanitised_and_only_our_own_images_are_kept(client, make):
    body = (
        "<script>alert(1)</script>\n\n![Eigen](/kennisbank/bestand/abc_DEF-1.png)\n\n"
        "![Vreemd](https://elders.example/x.png) [klik](javascript:alert(1))"
    )
    article = write(make.user("coordinator"), body=body)
    page = client.get(f"/kennisbank/{article.id}-{article.slug}").get_data(as_text=True)
    assert "<script>alert" not in page and "javascript:" not in page
    assert '<img alt="Eigen" src="/kennisbank/bestand/abc_DEF-1.png">' in page
    assert "elders.example" not in page


def test_files_are_checked_and_follow_the_articles_visibility(client, login_as, make):
    author = login_as("teacher")
    article = write(author, publish=False)
    refused = client.post(
        f"/kennisbank/{article.id}/bestanden",
        data={"file": (io.BytesIO(b"MZ\x90\x00 not a picture"), "foto.png")},
        content_type="multipart/form-data",
    )
    assert "Dit soort bestand is niet toegestaan" in refused.get_data(as_text=True)
    assert not article.files
    client.post(
        f"/kennisbank/{article.id}/bestanden",
        data={"file": (io.BytesIO(_png()), "klas.png"), "alt_text": "Leerlingen aan het werk"},
        content_type="multipart/form-data",
    )
    db.session.refresh(article)
    (image,) = article.files
    url = f"/kennisbank/bestand/{image.stored_name}"
    assert client.get(url).status_code == 200  # the author sees their draft's image
    anonymous = client.application.test_client()
    assert anonymous.get(url).status_code == 404
    services.submit(article, author)
    services.approve(article, make.user("coordinator"), article.version)
    db.session.commit()
    response = anonymous.get(url)
    assert response.status_code == 200 and response.mimetype == "image/png"


def test_a_teacher_shares_an_experience_shown_without_name_or_contact(client, login_as, make):
    article = write(make.user("coordinator"))
    teacher = login_as("teacher", name="Joke de Vries")
    response = client.post(
        f"/kennisbank/{article.id}/ervaring", data={"body": "Werkte goed in groep 8, plan twee lessen."}
    )
    assert response.status_code == 302
    page = (
        client.application.test_client()
        .get(f"/kennisbank/{article.id}-{article.slug}")
        .get_data(as_text=True)
    )
    assert "Werkte goed in groep 8" in page
    assert f"Een docent van {teacher.organisation.name}" in page
    assert "Joke de Vries" not in page and teacher.email not in page


def test_an_experience_with_an_email_address_or_phone_number_is_refused_and_kept_in_the_form(
    client, login_as, make
):
    article = write(make.user("coordinator"))
    login_as("teacher")
    for text in ("Mail me op joke@school.nl voor tips", "Bel me gerust: 06-12345678, dan leg ik het uit"):
        response = client.post(f"/kennisbank/{article.id}/ervaring", data={"body": text})
        page = response.get_data(as_text=True)
        assert response.status_code == 400 and "Laat e-mailadressen en telefoonnummers weg" in page
        assert text.split(":")[0] in page
    assert db.session.scalar(db.select(db.func.count(ArticleReaction.id))) == 0


def test_only_teachers_of_a_school_share_and_coordinators_in_scope_hide(client, client_for, make):
    article = write(make.user("coordinator"))
    for user in (make.user("provider"), make.user("teacher", membership_status="pending")):
        assert (
            client_for(user)
            .post(f"/kennisbank/{article.id}/ervaring", data={"body": "Lange tekst hier."})
            .status_code
            == 403
        )
    teacher = make.user("teacher")
    client_for(teacher).post(f"/kennisbank/{article.id}/ervaring", data={"body": "Een goede les, echt waar."})
    reaction = db.session.scalars(db.select(ArticleReaction)).one()
    other_region = make.user("coordinator", region=make.region("utrecht"))
    assert client_for(other_region).post(f"/kennisbank/ervaring/{reaction.id}/verbergen").status_code in (
        302,
        403,
    )
    client_for(make.user("admin")).post(f"/kennisbank/ervaring/{reaction.id}/verbergen")
    db.session.refresh(reaction)
    assert reaction.status == ReactionStatus.HIDDEN
    assert "Een goede les" not in client.get(f"/kennisbank/{article.id}-{article.slug}").get_data(
        as_text=True
    )


def test_deleting_the_authors_account_keeps_the_article_without_the_author(client, make):
    teacher = make.user("teacher")
    article = write(teacher)
    reader = make.user("teacher")
    reactions.share(article, reader, "Heel bruikbaar voor mijn klas.")
    db.session.commit()
    exported = dict(exporter(teacher) for exporter in plugs(client.application).exporters)
    assert exported["kennisbank"][0]["article"] == "Robots bouwen in groep 8"
    assert (
        dict(exporter(reader) for exporter in plugs(client.application).exporters)["kennisbank"][0][
            "experience"
        ]
        == "Heel bruikbaar voor mijn klas."
    )
    accounts.delete_account(teacher, PASSWORD)
    accounts.delete_account(reader, PASSWORD)
    db.session.commit()
    db.session.refresh(article)
    assert article.is_published and article.author_id is None
    assert article.organisation is not None  # the school still shows as where it comes from
    assert db.session.scalar(db.select(db.func.count(ArticleReaction.id))) == 0


def test_my_overview_shows_my_articles_and_for_coordinators_what_waits(make, client_for):
    teacher = make.user("teacher")
    article = write(teacher, publish=False, title="Mijn eerste lesidee")
    services.submit(article, teacher)
    db.session.commit()
    mine = client_for(teacher).get("/mijn/").get_data(as_text=True)
    assert "Mijn artikelen in de kennisbank" in mine
    overview = client_for(make.user("coordinator")).get("/mijn/").get_data(as_text=True)
    assert "1 artikel wacht op jouw controle." in overview
    listed = client_for(teacher).get("/mijn/kennisbank").get_data(as_text=True)
    assert "Mijn eerste lesidee" in listed and "Wacht op controle" in listed
