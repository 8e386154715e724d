"""Calendar pages of the bookings area: a booking's .ics file and the private calendar feed
(routes on the ``bookings`` blueprint of ``views``)."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal import permissions
from portal.bookings import feed, ics
from portal.bookings.views import bp
from portal.loaders import get_or_403
from portal.models import Booking


@bp.get("/mijn/boekingen/<int:booking_id>/agenda.ics")
@login_required
def booking_ics(booking_id: int):
    booking = get_or_403(Booking, booking_id, permissions.can_view_booking)
    method = ics.calendar_method(booking) or abort(404)
    with_attendee = permissions.can_see_teacher_contact(current_user, booking)
    return Response(
        ics.booking_calendar(booking, method, with_attendee),
        mimetype="text/calendar",
        headers={"Content-Disposition": f"attachment; filename=boeking-{booking.id}.ics"},
    )


@bp.get("/mijn/agenda")
@login_required
def calendar_settings():
    url = (
        url_for("bookings.calendar_feed", token=current_user.calendar_token, _external=True)
        if current_user.calendar_token
        else None
    )
    return render_template("bookings/calendar.html", feed_url=url)


@bp.post("/mijn/agenda")
@login_required
def calendar_new():
    feed.new_token(current_user)
    flash(_("Your calendar link is ready. Any older link no longer works."), "success")
    return redirect(url_for("bookings.calendar_settings"), code=303)


@bp.post("/mijn/agenda/intrekken")
@login_required
def calendar_revoke():
    feed.revoke(current_user)
    flash(_("Your calendar link has been switched off."), "success")
    return redirect(url_for("bookings.calendar_settings"), code=303)


@bp.get("/agenda/<token>.ics")
def calendar_feed(token: str):
    user = feed.user_for_token(token) or abort(404)
    body = ics.feed_calendar(feed.feed_bookings(user), _("Bookings %(site)s", site="Techniek Flevoland"))
    return Response(body, mimetype="text/calendar", headers={"Cache-Control": "private, max-age=900"})
