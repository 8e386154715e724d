"""The review page shows what a coordinator has to judge, and nothing else.

- An edit shows only the fields that changed. The form's round trip (textareas posted with
  CRLF line ends, a free price that comes back empty where the database holds 0, an older
  revision without a field added since) is no change: once it marked an unchanged
  description and price as removed.
- A new offer (never approved) is no diff: every field, every image (with its alt text) and
  every date is on the page.
"""

from __future__ import annotations

import io
import re

import pytest
from markupsafe import escape

from portal.models import OfferRevision
from portal.offers import lifecycle, revisions
from portal.offers.revisions import FIELD_LABELS
from tests.clock import at, days_ahead
from tests.offers.browser_form import form_fields
from tests.offers.test_uploads import png_bytes

DESCRIPTION = (
    "In de haven van Lelystad laden kranen containers over.\n"
    "Leerlingen zien de kraanmachinist aan het werk.\n\n"
    "- stevige schoenen\n- een hesje (wij lenen ze uit)"
)


@pytest.fixture
def provider(make):
    return make.user("provider", organisation=make.company(verified=False, municipality_slug="almere"))


@pytest.fixture
def approved(db, make, provider):
    """A published offer as the demo and the import store it: LF line ends, free as 0."""
    offer = make.offer(
        provider.organisation,
        status="published",
        description=DESCRIPTION,
        address="Zuigerplasdreef 4, Almere",
        price_cents=0,
        price_note="",
        contact_phone=None,
        terms=[("audience", "vmbo-bb"), ("theme", "ict")],
    )
    revisions.add_revision(offer, None, revisions.snapshot(offer), approved=True)
    db.session.commit()
    return offer


def _change_title_in_the_browser(client, offer, title: str):
    """Open the edit form, change only the title, post the form as a browser would."""
    page = client.get(f"/aanbod/{offer.id}/bewerken").get_data(as_text=True)
    data = form_fields(page, "offer-form")
    assert "\r\n" in data["description"][0]  # what a browser sends back
    data["title"] = [title]
    return client.post(f"/aanbod/{offer.id}/bewerken", data=data)


def _changed_labels(html: str) -> list[str]:
    changes = html.split('id="changes-title"')[1].split('id="offer-title"')[0]
    return re.findall(r'<th scope="row"[^>]*>([^<]+)</th>', changes)


def test_an_edit_of_one_field_shows_only_that_field(
    db, client, client_for, login_as, approved, provider, make
):
    login_as(provider)
    response = _change_title_in_the_browser(client, approved, "Containers in de haven van Lelystad")
    assert response.status_code == 302
    db.session.refresh(approved)
    assert approved.edit_pending

    changed = [label for label, _old, _new in lifecycle.pending_changes(approved)]
    assert changed == [str(FIELD_LABELS["title"])]
    coordinator = client_for(make.user("coordinator"))
    html = coordinator.get(f"/beheer/aanbod/{approved.id}").get_data(as_text=True)
    assert _changed_labels(html) == ["Titel"]
    assert "gratis" not in html.split('id="changes-title"')[1].split('id="offer-title"')[0]


def test_a_resubmitted_offer_shows_only_what_changed_since_it_was_approved(
    db, client, client_for, login_as, approved, provider, make
):
    lifecycle.unpublish(approved, make.user("coordinator"), "Noem de veiligheidsregels.")
    db.session.commit()
    login_as(provider)
    assert _change_title_in_the_browser(client, approved, "Containers overslaan").status_code == 302
    lifecycle.submit(approved, provider)
    db.session.commit()
    html = client_for(make.user("coordinator")).get(f"/beheer/aanbod/{approved.id}").get_data(as_text=True)
    assert _changed_labels(html) == ["Titel"]


def test_saving_an_unchanged_published_offer_sends_nothing_for_review(
    db, client, login_as, approved, provider
):
    login_as(provider)
    page = client.get(f"/aanbod/{approved.id}/bewerken").get_data(as_text=True)
    response = client.post(f"/aanbod/{approved.id}/bewerken", data=form_fields(page, "offer-form"))
    assert response.status_code == 302
    db.session.refresh(approved)
    assert not approved.edit_pending
    assert db.session.query(OfferRevision).filter_by(offer_id=approved.id, approved=False).count() == 0


@pytest.mark.parametrize(
    "old,new",
    [
        ({"description": "Een\nles"}, {"description": "Een\r\nles"}),
        ({"description": "Een les "}, {"description": "Een les"}),
        ({"price_cents": 0}, {"price_cents": None}),
        ({"price_note": None}, {"price_note": ""}),
        ({}, {"preparation": None}),  # a revision from before the field existed
        ({"term_ids": [3, 1]}, {"term_ids": [1, 3]}),
        ({"auto_confirm": None}, {"auto_confirm": False}),
    ],
)
def test_values_that_read_the_same_are_no_change(old, new):
    assert revisions.changes(old, new) == []
    assert revisions.same(old, new)


@pytest.mark.parametrize(
    "old,new,label",
    [
        ({"description": "Een les"}, {"description": "Twee lessen"}, "description"),
        ({"price_cents": 0}, {"price_cents": 1250}, "price_cents"),
        ({"preparation": None}, {"preparation": "Neem een laptop mee."}, "preparation"),
    ],
)
def test_a_real_change_is_one(app, old, new, label):
    assert [row[0] for row in revisions.changes(old, new)] == [str(FIELD_LABELS[label])]


def test_a_new_offer_shows_every_field_image_and_date(db, make, client_for):
    company = make.company(verified=False, municipality_slug="almere")
    provider = make.user("provider", organisation=company)
    offer = make.offer(
        company,
        status="draft",
        published_at=None,
        title="Robots bouwen in groep 8",
        booking_mode="slots",
        price_cents=1250,
        price_note="per klas",
        preparation="Neem per tweetal een laptop mee.",
        address="Werkplaatsweg 1, Almere",
        contact_name="Piet Robot",
        contact_email="piet@example.org",
        terms=[("audience", "po-7-8"), ("theme", "ict")],
    )
    slot = make.slot(offer, start=at(days_ahead(30), 9))
    db.session.commit()
    uploader = client_for(provider)
    uploader.post(
        f"/aanbod/{offer.id}/bestanden",
        data={"file": (io.BytesIO(png_bytes()), "robot.png"), "alt_text": "Twee leerlingen met een robotarm"},
        content_type="multipart/form-data",
    )
    assert uploader.post(f"/aanbod/{offer.id}/indienen").status_code == 302
    db.session.refresh(offer)
    assert offer.status == "submitted"

    html = client_for(make.user("coordinator")).get(f"/beheer/aanbod/{offer.id}").get_data(as_text=True)
    assert "nog nooit goedgekeurd" in html
    assert "<del" not in html and "<ins" not in html  # no diff: everything is new
    shown = html.split('id="offer-title"')[1]
    for label in FIELD_LABELS.values():
        assert f'<dt class="col-sm-4">{escape(str(label))}</dt>' in shown, label
    for text in (
        "Robots bouwen in groep 8",
        "€ 12,50",
        "per klas",
        "Neem per tweetal een laptop mee.",
        "Werkplaatsweg 1, Almere",
        "Piet Robot",
        "piet@example.org",
        "Vaste data met plaatsen",
    ):
        assert text in shown, text
    image = offer.attachments[0]
    assert f'src="/bestanden/{image.thumbnail_name}"' in shown
    assert 'alt="Twee leerlingen met een robotarm"' in shown
    assert "Alt-tekst:</span> Twee leerlingen met een robotarm" in shown
    assert slot.starts_at.strftime("%H:%M") in shown.split('id="dates-title"')[1]
