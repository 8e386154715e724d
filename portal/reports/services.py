"""What the report pages ask: the filters read from the URL (scoped to the person), every
report table and matrix as a ``Table`` for the page, its chart and its export.

Reading filters never raises: a value that does not parse or lies outside the person's
region is dropped and named in ``errors`` (field -> Dutch message), so the page says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from portal.extensions import db
from portal.models import Municipality, Region
from portal.models.base import local_now
from portal.models.statuses import BookingStatus
from portal.models.taxonomy import Term
from portal.offers.choices import KIND_LABELS
from portal.reports import coverage, figures
from portal.reports.digest import Digest
from portal.reports.exports import Table

VOCABULARIES = {"doelgroep": "audience", "profiel": "profile", "thema": "theme"}
YEARS_BACK = 5


@dataclass
class ReportQuery:
    filters: figures.Filters
    region: Region | None  # the region the figures are about (None: every region)
    errors: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)  # what the form shows
    school_year: int | None = None
    regions: list[Region] = field(default_factory=list)  # what the person may choose
    municipalities: list[Municipality] = field(default_factory=list)
    themes: list[Term] = field(default_factory=list)
    years: list[int] = field(default_factory=list)

    @property
    def period_label(self) -> str:
        if self.school_year is not None:
            return _("school year %(year)s", year=figures.school_year_label(self.school_year))
        return _(
            "%(start)s to %(end)s",
            start=self.filters.start.strftime("%d-%m-%Y"),
            end=self.filters.end.strftime("%d-%m-%Y"),
        )

    def offers_args(self, vocabulary: str, municipality: Municipality, term: Term) -> dict[str, str]:
        """The /aanbod URL arguments of one white-spot cell: the offers it counts, i.e. those
        serving the municipality with the term, of the kind and theme the report is about."""
        args = {"gemeente": municipality.slug}
        if self.values.get("soort") and "soort" not in self.errors:
            args["soort"] = self.values["soort"]
        if self.values.get("thema") and "thema" not in self.errors:
            args["thema"] = self.values["thema"]
        parameter = next(name for name, v in VOCABULARIES.items() if v == vocabulary)
        args[parameter] = term.code
        return args

    def args(self) -> dict[str, str]:
        """The URL arguments that give this report again (for links and exports)."""
        return {k: v for k, v in self.values.items() if v and k not in self.errors}


def _date(raw: str) -> date | None:
    try:
        value = date.fromisoformat(raw.strip()[:10])
    except ValueError:
        return None
    return value if 2000 <= value.year <= 2100 else None


def read_query(user, args) -> ReportQuery:
    """The report a person asked for in ``args``, within what they may see."""
    values = {
        k: (args.get(k) or "").strip()[:40]
        for k in ("schooljaar", "van", "tot", "regio", "gemeente", "soort", "thema")
    }
    errors: dict[str, str] = {}
    this_year = figures.school_year_of(local_now().date())

    # Region: a coordinator their own region or one below it; an admin any (or all).
    own = None if user.role == "admin" else user.region
    allowed = list(db.session.scalars(select(Region).order_by(Region.name)))
    if own is not None:
        allowed = [r for r in allowed if r.id in own.region_ids()]
    region = own
    if values["regio"]:
        chosen = next((r for r in allowed if r.slug == values["regio"]), None)
        if chosen is None:
            errors["regio"] = _("Choose one of the regions in the list.")
        else:
            region = chosen
    scope = figures.scope_municipality_ids(region)
    places_query = select(Municipality).order_by(Municipality.name)
    if scope is not None:
        places_query = places_query.where(Municipality.id.in_(sorted(scope)))
    places = list(db.session.scalars(places_query))

    municipality_id = None
    if values["gemeente"]:
        place = next((p for p in places if p.slug == values["gemeente"]), None)
        if place is None:
            errors["gemeente"] = _("Choose one of the municipalities in the list.")
        else:
            municipality_id = place.id

    kind = values["soort"] or None
    if kind and kind not in KIND_LABELS:
        errors["soort"] = _("Choose one of the kinds in the list.")
        kind = None

    themes = coverage.terms_of("theme")
    theme_id = None
    if values["thema"]:
        theme = next((t for t in themes if t.code == values["thema"]), None)
        if theme is None:
            errors["thema"] = _("Choose one of the themes in the list.")
        else:
            theme_id = theme.id

    # Period: van/tot when given, else a school year (this one by default).
    school_year: int | None = this_year
    if values["schooljaar"]:
        if values["schooljaar"].isdigit() and 2000 <= int(values["schooljaar"]) <= 2100:
            school_year = int(values["schooljaar"])
        else:
            errors["schooljaar"] = _("Choose one of the school years in the list.")
    start, end = figures.school_year_bounds(school_year or this_year)
    if values["van"] or values["tot"]:
        low = _date(values["van"]) if values["van"] else start
        high = _date(values["tot"]) if values["tot"] else end
        if low is None:
            errors["van"] = _("Enter a date as dd-mm-yyyy, e.g. 01-08-2025.")
        if high is None:
            errors["tot"] = _("Enter a date as dd-mm-yyyy, e.g. 31-07-2026.")
        if low is not None and high is not None:
            if high < low:
                errors["tot"] = _("The end date is before the start date.")
            else:
                start, end, school_year = low, high, None

    filters = figures.Filters(
        start=start,
        end=end,
        municipality_ids=scope,
        municipality_id=municipality_id,
        kind=kind,
        theme_id=theme_id,
    )
    return ReportQuery(
        filters=filters,
        region=region,
        errors=errors,
        values=values,
        school_year=school_year,
        regions=allowed,
        municipalities=places,
        themes=themes,
        years=list(range(this_year, this_year - YEARS_BACK, -1)),
    )


# Report tables ------------------------------------------------------------------------------
def _pupil_headers(first: str) -> list[str]:
    return [
        first,
        _("Bookings"),
        _("Pupils reached"),
        _("counted present"),
        _("booked size, not counted"),
    ]


def _rows_table(name: str, title: str, first: str, rows: list[figures.Row]) -> Table:
    return Table(
        name,
        title,
        _pupil_headers(first),
        [[r.label, r.bookings, r.pupils, r.attended, r.booked] for r in rows],
    )


REPORTS = (
    "schooljaren",
    "maanden",
    "regios",
    "gemeenten",
    "sectoren",
    "doelgroepen",
    "profielen",
    "themas",
    "soorten",
    "aanbieders",
    "scholen",
    "annuleringen",
    "reactietijd",
)


def report_tables(
    query: ReportQuery, only: str | None = None, report: Digest | None = None
) -> dict[str, Table]:
    """Every report table of the page (or only the one named ``only``), in page order, from
    one ``Digest`` of the period (pass the page's own to share it with the totals)."""
    d = report or Digest(query.filters)
    kinds = {k: str(v) for k, v in KIND_LABELS.items()}
    builders = {
        "schooljaren": lambda: _rows_table(
            "schooljaren", _("Per school year"), _("School year"), d.per_school_year()
        ),
        "maanden": lambda: _rows_table("maanden", _("Per month"), _("Month"), d.per_month()),
        "regios": lambda: _rows_table("regios", _("Per region"), _("Region"), d.per_region()),
        "gemeenten": lambda: _rows_table(
            "gemeenten", _("Per municipality of the school"), _("Municipality"), d.per_municipality()
        ),
        "sectoren": lambda: _rows_table("sectoren", _("Per school sector"), _("Sector"), d.per_sector()),
        "doelgroepen": lambda: _rows_table(
            "doelgroepen", _("Per audience (the level booked for)"), _("Audience"), d.per_audience()
        ),
        "profielen": lambda: _rows_table(
            "profielen", _("Per vmbo profile of the offer"), _("vmbo profile"), d.per_term("profile")
        ),
        "themas": lambda: _rows_table("themas", _("Per theme of the offer"), _("Theme"), d.per_term("theme")),
        "soorten": lambda: _rows_table("soorten", _("Per kind of offer"), _("Kind"), d.per_kind(kinds)),
        "aanbieders": lambda: _rows_table(
            "aanbieders", _("Most active providers"), _("Provider"), d.top_providers()
        ),
        "scholen": lambda: _rows_table("scholen", _("Most active schools"), _("School"), d.top_schools()),
        "annuleringen": lambda: _cancellations_table(d.cancellations()),
        "reactietijd": lambda: _responsiveness_table(d.responsiveness()),
    }
    if query.region is not None:
        builders.pop("regios")
    names = [n for n in REPORTS if n in builders and (only is None or n == only)]
    return {name: builders[name]() for name in names}


def _cancellations_table(c: figures.Cancellations) -> Table:
    rows: list[list] = [
        [str(BookingStatus(status).label), count]
        for status, count in sorted(c.by_status.items(), key=lambda kv: BookingStatus(kv[0]).label)
    ]
    rows.append([_("The group did not come (no-show)"), c.no_show])
    rows.append([_("Cancelled at the last minute"), c.cancelled_late])
    rows.append([_("Every booking and request in the period"), c.total])
    return Table("annuleringen", _("Cancellations and no-shows"), [_("What happened"), _("Number")], rows)


def _responsiveness_table(rows: list[figures.Responsiveness]) -> Table:
    return Table(
        "reactietijd",
        _("Providers' time to answer a request"),
        [
            _("Provider"),
            _("Requests"),
            _("Answered"),
            _("Median hours to answer"),
            _("Expired"),
            _("Share expired (percent)"),
        ],
        [[r.label, r.requests, r.answered, r.median_hours, r.expired, r.expired_share] for r in rows],
    )


def matrix_table(result: coverage.Matrix) -> Table:
    """A matrix for export: a row per municipality, per term "offers / bookings"."""
    headers = [_("Municipality")]
    for term in result.terms:
        name = coverage.term_name(term)
        headers += [_("%(term)s: offers", term=name), _("%(term)s: bookings", term=name)]
    rows: list[list] = []
    for place in result.municipalities:
        row: list = [place.name]
        for term in result.terms:
            cell = result.cell(place, term)
            row += [cell.offers, cell.bookings]
        rows.append(row)
    titles = {
        "audience": _("White spots per audience"),
        "profile": _("White spots per vmbo profile"),
        "theme": _("White spots per theme"),
    }
    return Table(f"witte-vlekken-{result.vocabulary}", titles[result.vocabulary], headers, rows)
