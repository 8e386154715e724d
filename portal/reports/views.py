"""``/beheer/rapportages`` and ``/beheer/witte-vlekken``: the reports, the white-spot matrices
and map for coordinators (their region) and admins, and their CSV and .xlsx exports.

GET only; nothing here writes. Filters come from the URL (``services.read_query``), so a
report is a link that can be shared or bookmarked.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import format_decimal
from flask_login import current_user, login_required

from portal.loaders import require
from portal.offers.choices import KIND_LABELS
from portal.permissions import can_view_reports
from portal.reports import coverage, services
from portal.reports.exports import FORMATS

bp = Blueprint("reports", __name__)


@bp.app_template_filter("report_number")
def report_number(value) -> str:
    """A figure in Dutch: 1.234 and 4,5; text stays text."""
    return format_decimal(value) if isinstance(value, int | float) else str(value)


def _download(table, fmt: str) -> Response:
    encode, mimetype = FORMATS[fmt]
    response = Response(encode(table), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{table.name}.{fmt}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/beheer/rapportages", endpoint="index")
@login_required
def index():
    require(can_view_reports)
    query = services.read_query(current_user, request.args)
    report = services.Digest(query.filters)
    return render_template(
        "reports/index.html",
        query=query,
        tables=services.report_tables(query, report=report),
        totals=report.totals(),
        feedback=report.feedback(),
        kind_labels=KIND_LABELS,
    )


@bp.get("/beheer/rapportages/<name>.<fmt>", endpoint="export")
@login_required
def export(name: str, fmt: str):
    require(can_view_reports)
    if fmt not in FORMATS or name not in services.REPORTS:
        abort(404)
    query = services.read_query(current_user, request.args)
    tables = services.report_tables(query, only=name)
    if name not in tables:
        abort(404)
    return _download(tables[name], fmt)


@bp.get("/beheer/witte-vlekken", endpoint="white_spots")
@login_required
def white_spots():
    require(can_view_reports)
    query = services.read_query(current_user, request.args)
    shared: dict = {}  # the matrices and the map read which places each offer serves once
    matrices = coverage.matrices(query.filters, list(services.VOCABULARIES.values()), shared)
    return render_template(
        "reports/white_spots.html",
        query=query,
        matrices=matrices,
        tiles=coverage.tiles(query.filters, shared),
        levels=coverage.COVERAGE_LEVELS,
        thin=coverage.THIN,
        term_name=coverage.term_name,
        white_spot_sentences=coverage.sentences,
        kind_labels=KIND_LABELS,
    )


@bp.get("/beheer/witte-vlekken/<name>.<fmt>", endpoint="export_matrix")
@login_required
def export_matrix(name: str, fmt: str):
    require(can_view_reports)
    if fmt not in FORMATS or name not in services.VOCABULARIES:
        abort(404)
    query = services.read_query(current_user, request.args)
    result = coverage.matrix(query.filters, services.VOCABULARIES[name])
    return _download(services.matrix_table(result), fmt)
