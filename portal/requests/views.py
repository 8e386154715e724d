"""Request pages: the public list ``/vragen``, posting a request, the request page where
providers answer and the teacher compares and accepts, the provider's mail preference and
the coordinators' review queue.

Every handler reads the same: load (404/403), check access, act via a service, flash,
redirect. ``portal.web`` commits the request once; a refused rule (``RequestError``) rolls
back and becomes a flash or, inside ``web.refused_on(form)``, the error of its form field.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal import permissions, web
from portal.extensions import db
from portal.loaders import get_or_403, get_or_404, require
from portal.models import MailFrequency, Offer, RequestPreference, TeacherRequest, Term, utcnow
from portal.models.statuses import TeacherRequestStatus
from portal.offers.choices import KIND_LABELS
from portal.requests import answers, forms, queries, services

bp = Blueprint("requests", __name__)
PER_PAGE = 20


@bp.app_template_global()
def request_kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


@bp.get("/vragen")
def index():
    form = forms.FilterForm(formdata=request.args)
    form.validate()
    filters = form.filters()
    page = db.paginate(
        queries.open_requests(filters), per_page=PER_PAGE, max_per_page=PER_PAGE, error_out=False
    )
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("requests/index.html", form=form, page=page, args=args)


@bp.route("/vragen/nieuw", methods=["GET", "POST"])
@login_required
def new():
    require(permissions.can_post_request)
    form = forms.RequestForm()
    if request.method == "GET":
        form.group_size.data = current_user.usual_group_size
    if form.validate_on_submit():
        with web.refused_on(form):
            created = services.create(current_user, _details(form))
            if created.status == TeacherRequestStatus.OPEN:
                flash(_("Your request is published. Matching providers hear of it."), "success")
            else:
                flash(
                    _("Your request waits for a coordinator's review. We mail you when it is published."),
                    "info",
                )
            return redirect(url_for("requests.detail", request_id=created.id))
    return render_template("requests/new.html", form=form)


def _details(form) -> services.RequestDetails:
    def term(value):
        return db.session.get(Term, value) if value else None

    return services.RequestDetails(
        title=form.title.data or "",
        kind=form.kind.data,
        period_from=form.period_from.data,
        period_to=form.period_to.data,
        group_size=form.group_size.data,
        description=form.description.data or "",
        audience=term(form.audience.data),
        profile=term(form.profile.data),
        theme=term(form.theme.data),
        municipality_id=form.municipality.data or None,
        online=bool(form.online.data),
    )


def _load(request_id: int) -> TeacherRequest:
    teacher_request = get_or_404(TeacherRequest, request_id)
    if not permissions.can_view_request(current_user, teacher_request):
        abort(404)
    return teacher_request


@bp.get("/vragen/<int:request_id>")
def detail(request_id: int):
    teacher_request = _load(request_id)
    answer_form = None
    if permissions.can_answer_request(current_user, teacher_request) and not permissions.is_request_answerer(
        current_user, teacher_request
    ):
        answer_form = forms.AnswerForm()
        answer_form.set_offers(permissions.acting_organisation_id(current_user))
    return _render_detail(teacher_request, answer_form=answer_form)


def _render_detail(teacher_request, **forms_):
    forms_.setdefault("close_form", forms.CloseForm())
    forms_.setdefault("reject_form", forms.RejectForm())
    return render_template("requests/detail.html", req=teacher_request, **forms_)


@bp.post("/vragen/<int:request_id>/antwoorden")
@login_required
def answer(request_id: int):
    teacher_request = get_or_404(TeacherRequest, request_id)
    if not permissions.can_view_request(current_user, teacher_request):
        abort(404)
    require(permissions.can_answer_request)
    form = forms.AnswerForm()
    form.set_offers(permissions.acting_organisation_id(current_user))
    if form.validate_on_submit():
        with web.refused_on(form):
            answers.answer(
                teacher_request,
                current_user,
                answers.AnswerDetails(
                    proposed_from=form.proposed_from.data,
                    proposed_to=form.proposed_to.data,
                    starts=form.starts.data,
                    ends=form.ends.data,
                    message=form.message.data or "",
                    price_cents=form.price_cents(),
                    offer=db.session.get(Offer, form.offer.data) if form.offer.data else None,
                ),
            )
            flash(_("Your answer has been sent to the teacher."), "success")
            return redirect(url_for("requests.detail", request_id=teacher_request.id))
    return _render_detail(teacher_request, answer_form=form), 422


@bp.post("/vragen/<int:request_id>/accepteren/<int:answer_id>")
@login_required
def accept(request_id: int, answer_id: int):
    teacher_request = get_or_403(TeacherRequest, request_id, permissions.can_manage_request)
    web.on_refusal(url_for("requests.detail", request_id=teacher_request.id))
    booking = answers.accept(teacher_request, answer_id, current_user)
    flash(_("You accepted the answer. It is now a booking."), "success")
    return redirect(url_for("bookings.detail", booking_id=booking.id), 303)


@bp.post("/vragen/<int:request_id>/sluiten")
@login_required
def close(request_id: int):
    teacher_request = get_or_403(TeacherRequest, request_id, permissions.can_manage_request)
    web.on_refusal(url_for("requests.detail", request_id=teacher_request.id))
    form = forms.CloseForm()
    if not form.validate_on_submit():
        return _render_detail(teacher_request, close_form=form), 422
    services.close(teacher_request, current_user, form.reason.data)
    flash(_("Your request is closed."), "success")
    return redirect(url_for("requests.detail", request_id=teacher_request.id), 303)


# The provider's mail preference ----------------------------------------------------------
@bp.route("/mijn/vraagmeldingen", methods=["GET", "POST"])
@login_required
def preferences():
    require(permissions.can_set_request_preferences)
    organisation_id = permissions.acting_organisation_id(current_user)
    pref = db.session.get(RequestPreference, organisation_id)
    form = forms.PreferenceForm()
    if request.method == "GET":
        form.frequency.data = (pref.frequency if pref else MailFrequency.DAILY).value
        form.themes.data = list(pref.theme_ids or []) if pref else []
    if form.validate_on_submit():
        if pref is None:
            pref = RequestPreference(organisation_id=organisation_id)
            db.session.add(pref)
        pref.frequency = MailFrequency(form.frequency.data)
        pref.theme_ids = sorted(form.themes.data or [])
        pref.updated_at = utcnow()
        flash(_("Your preference is saved."), "success")
        return redirect(url_for("requests.preferences"), 303)
    return render_template("requests/preferences.html", form=form)


# Review by coordinators ---------------------------------------------------------------------
@bp.get("/beheer/vragen")
@login_required
def review_queue():
    require(permissions.can_moderate)
    waiting = queries.waiting_for_review(current_user, permissions.can_moderate_request)
    return render_template("requests/review.html", waiting=waiting, reject_form=forms.RejectForm())


@bp.post("/beheer/vragen/<int:request_id>/goedkeuren")
@login_required
def approve(request_id: int):
    teacher_request = get_or_403(TeacherRequest, request_id, permissions.can_moderate_request)
    web.on_refusal(url_for("requests.review_queue"))
    services.approve(teacher_request, current_user)
    flash(_("The request is published."), "success")
    return redirect(url_for("requests.review_queue"), 303)


@bp.post("/beheer/vragen/<int:request_id>/afwijzen")
@login_required
def reject(request_id: int):
    teacher_request = get_or_403(TeacherRequest, request_id, permissions.can_moderate_request)
    web.on_refusal(url_for("requests.review_queue"))
    form = forms.RejectForm()
    if not form.validate_on_submit():
        flash(_("Give a reason."), "danger")
        return redirect(url_for("requests.review_queue"), 303)
    services.reject(teacher_request, current_user, form.reason.data)
    flash(_("The request is rejected; the teacher gets the reason by mail."), "success")
    return redirect(url_for("requests.review_queue"), 303)
