"""Publishing in one go: a new offer is set up in four steps (details, dates, images, check
and submit or publish), each of which saves before it moves on; a bad date or file gets its
message next to the field and nothing typed or uploaded is lost; the last button says
"Publiceren" to a verified provider and "Indienen ter controle" to anyone who is reviewed."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import select

from portal.models import Attachment, Offer, OutboxMail, Slot
from portal.models.statuses import OfferStatus
from portal.offers import lifecycle
from tests.clock import days_ahead
from tests.offers.browser_form import form_fields
from tests.offers.conftest import offer_form, offer_url
from tests.offers.test_uploads import png_bytes


def _offer(db) -> Offer:
    return db.session.scalars(select(Offer).order_by(Offer.id.desc())).first()


def _date(day, start="09:00", end="11:00", capacity="20", **extra) -> dict:
    return {
        "one-day": day.isoformat(),
        "one-start_time": start,
        "one-end_time": end,
        "one-capacity": capacity,
        **extra,
    }


def _image(alt="Een lasser aan het werk", data=None, name="lassen.png", **extra) -> dict:
    return {"file": (io.BytesIO(data if data is not None else png_bytes()), name), "alt_text": alt, **extra}


def _current_step(html: str) -> str:
    """The label of the step the indicator marks with aria-current="step"."""
    match = re.search(r'aria-current="step">.*?class="stepper-label">([^<]+)<', html, re.S)
    assert match, "no current step on the page"
    return match.group(1)


def _field_error(html: str, field_id: str) -> str:
    match = re.search(rf'<div id="{field_id}-error" class="invalid-feedback d-block">([^<]+)</div>', html)
    return match.group(1) if match else ""


@pytest.mark.parametrize("verified", [False, True], ids=["unverified", "verified"])
def test_an_offer_with_two_dates_and_an_image_in_one_flow(client, db, make, login_as, verified):
    provider = make.user("provider", organisation=make.company(verified=verified))
    login_as(provider)
    assert _current_step(client.get("/aanbod/nieuw").get_data(as_text=True)) == "Gegevens"  # the kind
    first = client.get("/aanbod/nieuw?soort=company_visit").get_data(as_text=True)
    assert _current_step(first) == "Gegevens"

    # Step 1: the details (with what the class prepares); on to step 2.
    data = offer_form(make, kind="company_visit", booking_mode="slots", preparation="Neem een laptop mee.")
    response = client.post("/aanbod/nieuw", data={**data, "stap": "2"})
    offer = _offer(db)
    assert response.headers["Location"].endswith(f"/aanbod/{offer.id}/tijden")
    assert offer.status == OfferStatus.DRAFT and offer.preparation == "Neem een laptop mee."
    dates_page = client.get(f"/aanbod/{offer.id}/tijden").get_data(as_text=True)
    assert _current_step(dates_page) == "Data"

    # Step 2: one date added on the page, the second one saved by "next".
    assert client.post(f"/aanbod/{offer.id}/tijden", data=_date(days_ahead(20))).status_code == 302
    response = client.post(f"/aanbod/{offer.id}/tijden", data=_date(days_ahead(27), stap="3"))
    assert response.headers["Location"].endswith(f"/aanbod/{offer.id}/bestanden")
    assert _current_step(client.get(f"/aanbod/{offer.id}/bestanden").get_data(as_text=True)) == "Afbeeldingen"

    # Step 3: the image is uploaded by "next".
    response = client.post(
        f"/aanbod/{offer.id}/bestanden", data=_image(stap="4"), content_type="multipart/form-data"
    )
    assert response.headers["Location"].endswith(f"/aanbod/{offer.id}/controleren")

    # Step 4: everything on one page, and the button that fits the organisation.
    check = client.get(f"/aanbod/{offer.id}/controleren").get_data(as_text=True)
    assert _current_step(check) == ("Controleren en publiceren" if verified else "Controleren en indienen")
    assert "Neem een laptop mee." in check and 'alt="Een lasser aan het werk"' in check
    assert check.count("Plaatsen: 20") == 2
    button = "Publiceren" if verified else "Indienen ter controle"
    assert f">{button}</button>" in check
    assert ("ter controle" in check) is not verified

    assert client.post(f"/aanbod/{offer.id}/indienen").status_code == 302
    db.session.refresh(offer)
    assert offer.status == (OfferStatus.PUBLISHED if verified else OfferStatus.SUBMITTED)
    assert len(offer.slots) == 2 and [a.alt_text for a in offer.attachments] == ["Een lasser aan het werk"]
    assert not offer.attachments[0].awaiting_review  # reviewed with the offer itself


def test_going_back_keeps_what_was_saved(client, db, make, login_as, provider):
    login_as(provider)
    client.post("/aanbod/nieuw", data={**offer_form(make, booking_mode="slots"), "stap": "2"})
    offer = _offer(db)
    response = client.post(f"/aanbod/{offer.id}/tijden", data={**_date(days_ahead(20)), "stap": "1"})
    assert response.headers["Location"].endswith(f"/aanbod/{offer.id}/bewerken")
    details = client.get(f"/aanbod/{offer.id}/bewerken").get_data(as_text=True)
    assert _current_step(details) == "Gegevens"
    assert form_fields(details, "offer-form")["title"] == ["Lassen & solderen"]
    assert len(offer.slots) == 1
    # Saving the details again goes on to the dates, which are still there.
    again = client.post(f"/aanbod/{offer.id}/bewerken", data=form_fields(details, "offer-form"))
    assert again.headers["Location"].endswith(f"/aanbod/{offer.id}/tijden")
    assert len(_offer(db).slots) == 1


def test_an_empty_step_just_moves_on(client, db, make, login_as, provider, draft):
    login_as(provider)
    empty_date = {"one-day": "", "one-start_time": "", "one-end_time": "", "one-capacity": "", "stap": "3"}
    response = client.post(f"/aanbod/{draft.id}/tijden", data=empty_date)
    assert response.headers["Location"].endswith(f"/aanbod/{draft.id}/bestanden")
    response = client.post(
        f"/aanbod/{draft.id}/bestanden",
        data={"file": (io.BytesIO(b""), ""), "alt_text": " ", "stap": "4"},
        content_type="multipart/form-data",
    )
    assert response.headers["Location"].endswith(f"/aanbod/{draft.id}/controleren")
    assert db.session.scalars(select(Slot)).all() == [] and db.session.scalars(select(Attachment)).all() == []


def test_bad_details_keep_everything_typed(client, db, make, login_as, provider):
    login_as(provider)
    data = offer_form(make, address="", preparation="Neem een laptop mee.", stap="2")
    response = client.post("/aanbod/nieuw", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and _offer(db) is None
    assert _field_error(html, "address") == "Vul het adres in, of kies online."
    kept = form_fields(html, "offer-form")
    assert kept["title"] == ["Lassen & solderen"] and kept["preparation"] == ["Neem een laptop mee."]
    assert kept["price"] == ["12,50"] and kept["description"] == ["Een **praktische** les."]


@pytest.mark.parametrize(
    "date,field,message",
    [
        (_date(days_ahead(-1), stap="3"), "one-day", "Kies een datum en tijd in de toekomst."),
        (_date(days_ahead(20), start="11:00", end="09:00", stap="3"), "one-end_time", "De eindtijd moet na"),
        (_date(days_ahead(20), capacity="0", stap="3"), "one-capacity", "Vul minstens 1 in."),
    ],
    ids=["past", "end-before-start", "no-places"],
)
def test_a_bad_date_is_refused_next_to_its_field_and_keeps_the_rest(
    client, db, make, login_as, provider, date, field, message
):
    offer = make.offer(provider.organisation, status="draft", published_at=None, booking_mode="slots")
    login_as(provider)
    response = client.post(f"/aanbod/{offer.id}/tijden", data=date)
    html = response.get_data(as_text=True)
    assert response.status_code == 400  # no move on to step 3
    assert _field_error(html, field).startswith(message)
    assert _current_step(html) == "Data"
    kept = form_fields(html, "slot-form")
    assert kept["one-day"] == [date["one-day"]] and kept["one-start_time"] == [date["one-start_time"]]
    assert kept["one-capacity"] == [date["one-capacity"]]
    assert db.session.scalars(select(Slot)).all() == []


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("lassen.png", b"dit is geen afbeelding", "Dit soort bestand is niet toegestaan."),
        ("lassen.exe", b"MZ\x90\x00", "Dit soort bestand is niet toegestaan."),
        ("lassen.pdf", None, "De inhoud van dit bestand past niet bij de naam (.pdf)."),
        ("lassen.png", "too-large", "Het bestand is te groot"),
    ],
    ids=["not-an-image", "program", "wrong-extension", "too-large"],
)
def test_a_bad_file_is_refused_next_to_its_field_and_keeps_the_alt_text(
    app, client, db, make, login_as, provider, draft, name, data, message
):
    if data == "too-large":
        app.config["MAX_IMAGE_BYTES"] = 1000
        data = None
    login_as(provider)
    response = client.post(
        f"/aanbod/{draft.id}/bestanden",
        data=_image(alt="Een lasser aan het werk", data=data, name=name, stap="4"),
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert _field_error(html, "file").startswith(message)
    assert form_fields(html, "upload-form")["alt_text"] == ["Een lasser aan het werk"]
    assert _current_step(html) == "Afbeeldingen"
    assert db.session.scalars(select(Attachment)).all() == []


def test_an_image_without_alt_text_keeps_the_images_already_uploaded(client, db, login_as, provider, draft):
    login_as(provider)
    first = client.post(f"/aanbod/{draft.id}/bestanden", data=_image(), content_type="multipart/form-data")
    assert first.status_code == 302
    response = client.post(
        f"/aanbod/{draft.id}/bestanden", data=_image(alt="", stap="4"), content_type="multipart/form-data"
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert _field_error(html, "alt_text") == "Beschrijf wat er op de afbeelding staat (alt-tekst)."
    assert 'alt="Een lasser aan het werk"' in html  # the first image is still there
    assert len(db.session.scalars(select(Attachment)).all()) == 1


def test_the_check_step_says_what_is_missing_instead_of_offering_the_button(client, login_as, provider, make):
    offer = make.offer(provider.organisation, status="draft", published_at=None, booking_mode="slots")
    login_as(provider)
    html = client.get(f"/aanbod/{offer.id}/controleren").get_data(as_text=True)
    assert "Voeg minstens één datum in de toekomst toe" in html
    assert "Indienen ter controle</button>" not in html
    assert f'href="/aanbod/{offer.id}/tijden"' in html


def test_editing_a_published_offer_has_no_steps(client, login_as, provider, published):
    login_as(provider)
    html = client.get(f"/aanbod/{published.id}/bewerken").get_data(as_text=True)
    assert 'aria-current="step"' not in html
    assert ">Opslaan</button>" in html


@pytest.mark.parametrize("verified", [False, True], ids=["unverified", "verified"])
def test_the_submit_wording_follows_the_organisation(client, db, make, login_as, verified):
    """Only those who are reviewed see "ter controle": my offers, the offer page, the check
    step, the flashes of restoring and duplicating."""
    provider = make.user("provider", organisation=make.company(verified=verified))
    offer = make.offer(provider.organisation, status="draft", published_at=None)
    login_as(provider)
    pages = [client.get(url).get_data(as_text=True) for url in ("/mijn/aanbod", offer_url(offer))]
    pages.append(client.get(f"/aanbod/{offer.id}/controleren").get_data(as_text=True))
    client.post(f"/aanbod/{offer.id}/archiveren")
    pages.append(client.post(f"/aanbod/{offer.id}/herstellen", follow_redirects=True).get_data(as_text=True))
    pages.append(client.post(f"/aanbod/{offer.id}/dupliceren", follow_redirects=True).get_data(as_text=True))
    for html in pages:
        main = html.split("<main")[1]
        if verified:
            assert "ter controle" not in main
        else:
            assert "Publiceren</button>" not in main
    assert ">Publiceren</button>" in pages[0] if verified else ">Indienen ter controle</button>" in pages[0]
    assert ">Publiceren</button>" in pages[1] if verified else ">Indienen ter controle</button>" in pages[1]
    assert "publiceer het" in pages[3] if verified else "dien het in ter controle" in pages[3]
    assert "publiceer het" in pages[4] if verified else "dien het in ter controle" in pages[4]


def test_the_preparation_is_on_the_offer_page(client, make):
    offer = make.offer(preparation="Bespreek vooraf wat een windmolen doet.\nNeem een laptop mee.")
    html = client.get(offer_url(offer)).get_data(as_text=True)
    block = html.split('id="h-preparation"')[1].split("</section>")[0]
    assert ">Voorbereiding</h2>" in block
    assert "Bespreek vooraf wat een windmolen doet.<br>Neem een laptop mee." in block
    plain = make.offer(preparation=None)
    assert "h-preparation" not in client.get(offer_url(plain)).get_data(as_text=True)


@pytest.mark.parametrize("verified", [False, True], ids=["unverified", "verified"])
def test_the_taken_offline_mail_says_publish_again_only_to_the_verified(db, make, verified):
    provider = make.user("provider", organisation=make.company(verified=verified))
    offer = make.offer(provider.organisation, status="published")
    lifecycle.unpublish(offer, make.user("coordinator"), "De data kloppen niet.")
    db.session.flush()
    mail = db.session.scalars(select(OutboxMail).where(OutboxMail.template == "offer_decision")).one()
    for body in (mail.body_text, mail.body_html):
        if verified:
            assert "opnieuw publiceert" in body and "indient" not in body
        else:
            assert "opnieuw indient" in body and "publiceert" not in body
