"""Booking pages: book an offer, the booking page with its timeline and actions,
waiting lists, and the private calendar feed.

Every handler reads the same: load (404/403), check access, act via a service, flash,
redirect. ``portal.web`` commits the request once; a refused rule (``BookingError``) rolls
back and becomes a flash (on the booking page for its actions, ``web.on_refusal``) or,
inside ``web.refused_on(form)``, the error of the form field it names.
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal import permissions, web
from portal.bookings import aftercare, deadlines, forms, holidays, queries, services, waitlist
from portal.extensions import db
from portal.loaders import get_or_403, get_or_404
from portal.models import Booking, Offer, Slot, Term, WaitlistEntry, local_now
from portal.models.statuses import BookingStatus
from portal.offers.slots import upcoming as upcoming_slots
from portal.offers.venue import booking_venue

bp = Blueprint("bookings", __name__)
# What the booking pages and mails ask: where, by when the provider answers, request or booking.
bp.add_app_template_global(booking_venue)
bp.add_app_template_global(deadlines.answer_due_at)
bp.add_app_template_global(deadlines.answer_due_for_new_request)
bp.add_app_template_global(deadlines.answer_days)
bp.add_app_template_global(services.confirms_at_once)
bp.add_app_template_global(services.takes_a_meeting_link)

# URL word -> service action
ACTIONS = {
    "bevestigen": "confirm",
    "voorstellen": "propose",
    "afwijzen": "decline",
    "voorstel-accepteren": "accept_proposal",
    "voorstel-afwijzen": "decline_proposal",
    "intrekken": "withdraw",
    "annuleren": "cancel",
}
ACTION_SLUGS = {action: slug for slug, action in ACTIONS.items()}


@bp.app_template_global()
def booking_action_url(booking: Booking, action: str) -> str:
    return url_for("bookings.act", booking_id=booking.id, slug=ACTION_SLUGS[action])


@bp.app_template_global()
def offer_rating(offer) -> tuple[float, int] | None:
    return aftercare.rating_summary(offer.id)


@bp.app_template_global()
def cannot_book_reason(offer) -> str:
    """Why the current user cannot book ``offer`` (said where the offer page's form would be)."""
    return str(services.cannot_book_reason(current_user, offer))


@bp.app_template_global()
def booking_form_for(offer, slots=None):
    """The booking form the offer page shows (``bookings/_offer_booking.html``)."""
    return _booking_form(offer, slots if slots is not None else upcoming_slots(offer))


def _booking_form(offer: Offer, slots: list[Slot]):
    if offer.booking_mode == "slots":
        form = forms.SlotBookingForm()
        # Full slots stay valid choices: a place taken meanwhile gets the clear "vol" message.
        form.slot.choices = [(s.id, format_datetime(s.starts_at, "EEEE d MMMM y, HH:mm")) for s in slots]
    else:
        form = forms.RequestBookingForm()
    form.set_audiences(offer)
    if request.method == "GET":
        form.prefill(current_user, offer)
    return form


@bp.app_template_global()
def holiday_warning(offer: Offer, day, until=None, booking: Booking | None = None):
    """The school-holiday warning for a date of ``offer`` (by the current teacher's school,
    or by the school of ``booking``), or None."""
    school = booking.school if booking is not None else permissions.acting_organisation(current_user)
    return holidays.warning(day, school, offer, until)


@bp.app_template_global()
def slot_holiday_warnings(offer: Offer, slots) -> dict:
    """``{slot id: warning}`` for the dates of the booking form in the teacher's school holiday."""
    days = [s.starts_at.date() for s in slots]
    notes = holidays.warnings_on(days, permissions.acting_organisation(current_user), offer)
    return {s.id: notes[s.starts_at.date()] for s in slots if s.starts_at.date() in notes}


# Booking an offer -------------------------------------------------------------------------
@bp.route("/aanbod/<int:offer_id>/boeken", methods=["GET", "POST"])
@login_required
def book(offer_id: int):
    offer = get_or_404(Offer, offer_id)
    if not permissions.can_view_offer(current_user, offer) or offer.booking_mode == "download":
        abort(404)
    if not permissions.can_book(current_user, offer):
        # Say why on the offer page, instead of a bare 403.
        flash(services.cannot_book_reason(current_user, offer), "warning")
        return redirect(url_for("offers.detail", offer_id=offer.id, slug=offer.slug), code=303)
    slots = upcoming_slots(offer)
    form = _booking_form(offer, slots)
    if form.validate_on_submit():
        web.on_refusal(url_for("bookings.book", offer_id=offer.id))  # e.g. the date is full now
        with web.refused_on(form):
            booking = _create_booking(offer, form)
            flash(
                _("Your booking is confirmed.")
                if booking.status == BookingStatus.CONFIRMED
                else _("Your request has been sent to the provider."),
                "success",
            )
            _flash_holidays(booking)
            return redirect(url_for("bookings.detail", booking_id=booking.id))
    return render_template("bookings/book.html", offer=offer, slots=slots, form=form)


def _create_booking(offer: Offer, form) -> Booking:
    audience = db.session.get(Term, form.audience.data) if form.audience.data else None
    details = dict(audience=audience, group_name=form.group_name.data, notes=form.notes.data)
    if offer.booking_mode == "slots":
        slot = db.session.get(Slot, form.slot.data)
        if slot is None or slot.offer_id != offer.id:
            abort(404)
        return services.book_slot(current_user, slot, form.group_size.data, **details)
    return services.request_booking(
        current_user, offer, form.preferred_dates(), form.group_size.data, **details
    )


def _flash_holidays(booking: Booking) -> None:
    """A date in a school holiday is allowed, but worth a second look."""
    dates: list[tuple[date, date | None]]
    if booking.status == BookingStatus.PROPOSED and booking.proposed_starts_at is not None:
        dates = [(booking.proposed_starts_at.date(), None)]
    elif booking.starts_at is not None:
        dates = [(booking.starts_at.date(), None)]
    else:
        dates = [(p.date_from, p.date_to) for p in booking.preferred_dates]
    for day, until in dates:
        note = holidays.warning(day, booking.school, booking.offer, until)
        if note:
            flash(note, "warning")


@bp.get("/aanbod/<int:offer_id>/vakantiecheck")
@login_required
def holiday_check(offer_id: int):
    """The live holiday warning of the booking form (JSON; the form works without it)."""
    offer = get_or_404(Offer, offer_id)
    if not permissions.can_view_offer(current_user, offer):
        abort(404)
    return {"warning": _warning_for(offer, None)}


@bp.get("/mijn/boekingen/<int:booking_id>/vakantiecheck")
@login_required
def booking_holiday_check(booking_id: int):
    """The live holiday warning of the confirm and propose forms (the school of the booking)."""
    booking = get_or_403(Booking, booking_id, permissions.can_view_booking)
    return {"warning": _warning_for(booking.offer, booking)}


def _warning_for(offer: Offer, booking: Booking | None) -> str | None:
    day, until = _date_arg("datum"), _date_arg("tot")
    note = holiday_warning(offer, day, until, booking) if day else None
    return str(note) if note else None


def _date_arg(name: str):
    try:
        return date.fromisoformat(request.args.get(name, "")[:10])
    except ValueError:
        return None


# Waiting lists ----------------------------------------------------------------------------
@bp.post("/aanbod/tijdslot/<int:slot_id>/wachtlijst")
@login_required
def join_waitlist(slot_id: int):
    slot = get_or_404(Slot, slot_id)
    if not permissions.can_book(current_user, slot.offer):
        abort(403)
    web.on_refusal(url_for("bookings.mine"))  # where the person's waiting lists are
    form = forms.WaitlistForm()
    if form.validate_on_submit():
        waitlist.join(current_user, slot, form.group_size.data)
        flash(_("You are on the waiting list. We will mail you when a place comes free."), "success")
    else:
        flash(_("Give the number of pupils."), "danger")
    return redirect(url_for("bookings.mine"))


@bp.post("/mijn/wachtlijst/<int:entry_id>/plaats")
@login_required
def take_place(entry_id: int):
    entry = get_or_403(WaitlistEntry, entry_id, permissions.can_act_on_waitlist_entry)
    booking = waitlist.take(entry, current_user)
    flash(_("The place is yours."), "success")
    return redirect(url_for("bookings.detail", booking_id=booking.id))


@bp.post("/mijn/wachtlijst/<int:entry_id>/verlaten")
@login_required
def leave_waitlist(entry_id: int):
    entry = get_or_403(WaitlistEntry, entry_id, permissions.can_act_on_waitlist_entry)
    waitlist.leave(entry)
    flash(_("You left the waiting list."), "success")
    return redirect(url_for("bookings.mine"))


# Lists and the booking page ---------------------------------------------------------------
@bp.get("/mijn/boekingen")
@login_required
def mine():
    asked = request.args.get("status", "")
    status = BookingStatus(asked) if asked in BookingStatus.values() else None
    return render_template(
        "bookings/mine.html",
        bookings=queries.all_for(current_user, status),
        status=status,
        entries=queries.waiting_lists(current_user),
    )


def _action_forms(booking: Booking, override: dict | None = None) -> dict:
    built = {}
    for action in services.allowed_actions(booking):
        if services.may_act(current_user, booking, action):
            built[action] = (override or {}).get(action) or _form_for(booking, action, fresh=True)
    return built


def _form_for(booking: Booking, action: str, fresh: bool = False):
    # Several answer forms share one page: a prefix per action keeps field ids unique.
    kwargs = {"prefix": ACTION_SLUGS[action], **({"formdata": None} if fresh else {})}
    if action in ("decline", "cancel"):
        return forms.ReasonForm(**kwargs)
    if action in ("decline_proposal", "withdraw"):
        return forms.OptionalReasonForm(**kwargs)
    if action == "propose" or (action == "confirm" and booking.slot_id is None):
        form = forms.ConfirmRequestForm(**kwargs) if action == "confirm" else forms.DateTimeForm(**kwargs)
        if fresh:  # start from what the teacher asked for
            form.prefill(booking, local_now().date())
        return form
    if action == "confirm" and services.takes_a_meeting_link(booking):
        return forms.ConfirmSlotForm(**kwargs)
    # A one-button answer (also posted from /mijn, without the prefixed fields): no form.
    return forms.OptionalReasonForm(**kwargs) if fresh else None


@bp.get("/mijn/boekingen/<int:booking_id>")
@login_required
def detail(booking_id: int):
    booking = get_or_403(Booking, booking_id, permissions.can_view_booking)
    return _render_detail(booking)


def _link_form(booking: Booking, override=None):
    """The meeting-link form, for the provider of an online booking once it is underway."""
    if override is not None:
        return override
    if not (
        permissions.can_act_as_provider(current_user, booking)
        and services.takes_a_meeting_link(booking)
        and booking.status in (BookingStatus.PROPOSED, BookingStatus.CONFIRMED)
    ):
        return None
    return forms.MeetingLinkForm(formdata=None, meeting_link=booking.meeting_link)


def _render_detail(booking: Booking, override: dict | None = None, status: int = 200):
    return render_template(
        "bookings/detail.html",
        booking=booking,
        link_form=_link_form(booking, (override or {}).get("meeting_link")),
        action_forms=_action_forms(booking, override),
        attendance_form=forms.AttendanceForm(formdata=None, obj=booking.attendance),
        feedback_form=forms.FeedbackForm(formdata=None),
        can_mark=aftercare.may_mark_attendance(current_user, booking),
        can_review=aftercare.may_give_feedback(current_user, booking),
    ), status


@bp.post("/mijn/boekingen/<int:booking_id>/<slug>")
@login_required
def act(booking_id: int, slug: str):
    action = ACTIONS.get(slug) or abort(404)
    booking = get_or_403(Booking, booking_id, permissions.can_view_booking)
    if not services.may_act(current_user, booking, action):
        abort(403)
    form = _form_for(booking, action)
    if form is None or form.validate_on_submit():
        # A refusal shows the booking as it is now, also when the answer came from /mijn.
        web.on_refusal(url_for("bookings.detail", booking_id=booking.id))
        with web.refused_on(form) if form is not None else nullcontext():
            _run(booking, action, form)
            flash(_('Done: the booking is now "%(status)s".', status=booking.status.label), "success")
            return redirect(url_for("bookings.detail", booking_id=booking.id), code=303)
    return _render_detail(booking, {action: form}, status=400)


def _run(booking: Booking, action: str, form) -> None:
    if action == "confirm":
        link = form.meeting_link.data if form is not None and "meeting_link" in form else None
        if form is None or "day" not in form:
            services.confirm(booking, current_user, meeting_link=link)
        else:
            services.confirm(booking, current_user, form.starts_at(), form.ends_at(), meeting_link=link)
    elif action == "propose":
        services.propose(booking, current_user, form.starts_at(), form.ends_at(), form.message.data)
    elif action == "accept_proposal":
        services.accept_proposal(booking, current_user)
    else:
        getattr(services, action)(booking, current_user, form.reason.data)
    if action in ("confirm", "propose"):
        _flash_holidays(booking)


@bp.post("/mijn/boekingen/<int:booking_id>/link")
@login_required
def meeting_link(booking_id: int):
    booking = get_or_403(Booking, booking_id, permissions.can_act_as_provider)
    web.on_refusal(url_for("bookings.detail", booking_id=booking.id))
    form = forms.MeetingLinkForm()
    if form.validate_on_submit():
        with web.refused_on(form):
            services.set_meeting_link(booking, current_user, form.meeting_link.data)
            flash(_("The link is saved."), "success")
            return redirect(url_for("bookings.detail", booking_id=booking.id), code=303)
    return _render_detail(booking, {"meeting_link": form}, status=400)


# After the event --------------------------------------------------------------------------
@bp.post("/mijn/boekingen/<int:booking_id>/aanwezigheid")
@login_required
def attendance(booking_id: int):
    booking = get_or_403(Booking, booking_id, permissions.can_act_as_provider)
    web.on_refusal(url_for("bookings.detail", booking_id=booking.id))  # also when marked on /mijn
    form = forms.AttendanceForm()
    if form.validate_on_submit():
        aftercare.mark_attendance(booking, current_user, form.status.data, form.pupils.data)
        flash(_("Attendance saved."), "success")
    else:
        flash(_("Choose what happened."), "danger")
    return redirect(url_for("bookings.detail", booking_id=booking.id), code=303)


@bp.post("/mijn/boekingen/<int:booking_id>/feedback")
@login_required
def feedback(booking_id: int):
    booking = get_or_403(Booking, booking_id, permissions.can_give_feedback)
    web.on_refusal(url_for("bookings.detail", booking_id=booking.id))
    form = forms.FeedbackForm()
    if form.validate_on_submit():
        aftercare.give_feedback(booking, current_user, form.rating.data, form.text.data)
        flash(_("Thank you for your feedback."), "success")
    else:
        flash(_("Give a rating from 1 to 5."), "danger")
    return redirect(url_for("bookings.detail", booking_id=booking.id), code=303)
