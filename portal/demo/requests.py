"""Demo teacher requests: an open one without answers, an answered one the teacher can accept,
one that became a booking and one the teacher closed (idempotent)."""

from __future__ import annotations

from datetime import time, timedelta

from sqlalchemy import select

from portal.models import TeacherRequest, Term, local_now
from portal.models.statuses import OfferStatus
from portal.requests import answers, services


def _term(session, vocabulary: str, code: str) -> Term | None:
    return session.scalar(select(Term).where(Term.vocabulary == vocabulary, Term.code == code))


def _details(session, teacher, title: str, text: str, kind: str, theme: str, weeks: int, profile=None):
    today = local_now().date()
    levels = teacher.teaching_levels or []
    return services.RequestDetails(
        title=title,
        kind=kind,
        period_from=today + timedelta(weeks=weeks),
        period_to=today + timedelta(weeks=weeks + 6),
        group_size=teacher.usual_group_size or 20,
        description=text,
        audience=_term(session, "audience", levels[-1]) if levels else None,
        profile=_term(session, "profile", profile) if profile else None,
        theme=_term(session, "theme", theme),
        municipality_id=teacher.organisation.municipality_id,
        online=False,
    )


def seed_requests(session, made: dict) -> None:
    users = made.get("users", {})
    teacher, vmbo, provider = users.get("teacher"), users.get("teacher_vmbo"), users.get("provider")
    if teacher is None or vmbo is None or provider is None:
        return
    if session.scalar(
        select(TeacherRequest.id).where(TeacherRequest.teacher_id.in_([teacher.id, vmbo.id])).limit(1)
    ):
        return
    offers = [
        o
        for o in made.get("offers", [])
        if o.organisation_id == provider.organisation_id and o.status == OfferStatus.PUBLISHED
    ]
    services.create(
        teacher,
        _details(
            session,
            teacher,
            "Wie vertelt groep 8 over drones?",
            "Een gastles over drones en hoe ze vliegen, graag met een demonstratie op het schoolplein.",
            "guest_lesson",
            "lucht-ruimtevaart",
            4,
        ),
    )
    answered = services.create(
        vmbo,
        _details(
            session,
            vmbo,
            "Gastles PIE: zonnepanelen installeren voor 3 KB",
            "Mijn leerlingen (PIE) willen zien hoe een installateur zonnepanelen aansluit. "
            "Liefst in de klas met echt materiaal.",
            "guest_lesson",
            "energietransitie",
            3,
            "pie",
        ),
    )
    day = local_now().date() + timedelta(weeks=4)
    answers.answer(
        answered,
        provider,
        answers.AnswerDetails(
            proposed_from=day,
            starts=time(9, 0),
            ends=time(11, 0),
            message="Wij nemen een omvormer en twee panelen mee en laten de leerlingen zelf aansluiten.",
            price_cents=0,
            offer=offers[0] if offers else None,
        ),
    )
    booked = services.create(
        vmbo,
        _details(
            session,
            vmbo,
            "Bezoek aan een windpark voor 2 BB",
            "Een ochtend op een windpark: hoe werkt een windturbine en wie onderhoudt hem?",
            "company_visit",
            "energietransitie",
            6,
        ),
    )
    chosen = answers.answer(
        booked,
        provider,
        answers.AnswerDetails(
            proposed_from=day + timedelta(weeks=3),
            proposed_to=day + timedelta(weeks=4),
            message="Kom op een dinsdag of donderdag; de windturbine is van binnen te bekijken.",
            offer=offers[-1] if offers else None,
        ),
    )
    answers.accept(booked, chosen.id, vmbo)
    closed = services.create(
        teacher,
        _details(
            session,
            teacher,
            "Robots programmeren in groep 7",
            "We zoeken iemand met lesmateriaal over robots.",
            "material",
            "ict",
            2,
        ),
    )
    services.close(closed, teacher, "We hebben al lesmateriaal gevonden.")
    session.flush()
