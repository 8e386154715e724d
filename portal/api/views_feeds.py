"""``/aanbod.ics`` (upcoming dates) and ``/aanbod.atom`` (new offers): the /aanbod search as feeds

The filters are those of /aanbod and forgiving as the page is (an unknown value is left
out); the answers carry an ETag and may be read from any origin.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request, url_for
from flask_babel import gettext as _

from portal.api import feeds, services
from portal.api.http import add_http_details
from portal.search.params import known_filters_only, parse_args, to_args

bp = Blueprint("feeds", __name__)
bp.after_request(add_http_details)


def _params():
    params, _problems = parse_args(request.args)
    params, _dropped = known_filters_only(params, services.filter_labels())
    return params


@bp.get("/aanbod.ics")
def dates():
    slots = services.upcoming_slots(_params(), feeds.MAX_DATES)
    name = _("%(site)s: upcoming dates", site=current_app.config["SITE_NAME"])
    response = Response(feeds.dates_calendar(slots, name), mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="aanbod.ics"'
    response.last_modified = services.offers_changed_at()
    return response


@bp.get("/aanbod.atom")
def atom():
    params = _params()
    offers = services.new_offers(params, feeds.MAX_ENTRIES)
    args = to_args(params)
    body = feeds.offers_feed(
        offers,
        _("%(site)s: new offers", site=current_app.config["SITE_NAME"]),
        url_for("feeds.atom", _external=True, **args),
        url_for("search.index", _external=True, **args),
    )
    response = Response(body, mimetype="application/atom+xml")
    response.last_modified = services.offers_changed_at()
    return response
