"""Request fixtures: a verified school with a teacher, providers in and out of reach, and
``post(**overrides)`` which posts a request through the service."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from portal.models import MailFrequency, RequestPreference
from portal.requests import services
from tests.clock import days_ahead


@pytest.fixture
def world(make, db):
    school = make.school(name="Vmbo De Polder", sector="vo", municipality_slug="lelystad")
    teacher = make.user("teacher", organisation=school, name="Sanne Docent")
    near = make.company(verified=True, name="Lasbedrijf Lelystad", municipality_slug="lelystad")
    near_staff = make.user("provider", organisation=near, name="Piet Lasser")
    near_offer = make.offer(
        near,
        title="Gastles lassen",
        terms=[("theme", "installatietechniek"), ("audience", "vmbo-kb")],
    )
    far = make.company(verified=True, name="Installateur Den Helder", municipality_slug="den-helder")
    far_staff = make.user("provider", organisation=far, name="Fleur Ver")
    make.offer(
        far, title="Gastles installeren", terms=[("theme", "installatietechniek"), ("audience", "vmbo-kb")]
    )
    online = make.company(verified=True, name="Online Techniek", municipality_slug="texel")
    online_staff = make.user("provider", organisation=online, name="Olaf Online")
    make.offer(
        online,
        title="Online les installatietechniek",
        location_mode="online",
        terms=[("theme", "installatietechniek"), ("audience", "vmbo-kb")],
    )
    other_theme = make.company(verified=True, name="ICT Lelystad", municipality_slug="lelystad")
    make.user("provider", organisation=other_theme)
    make.offer(other_theme, title="Programmeren", terms=[("theme", "ict"), ("audience", "vmbo-kb")])
    for org in (near, far, online):
        db.session.add(RequestPreference(organisation_id=org.id, frequency=MailFrequency.INSTANT))
    db.session.commit()
    return SimpleNamespace(
        school=school,
        teacher=teacher,
        near=near,
        near_staff=near_staff,
        near_offer=near_offer,
        far=far,
        far_staff=far_staff,
        online=online,
        online_staff=online_staff,
        other_theme=other_theme,
    )


@pytest.fixture
def details(make):
    def build(**overrides):
        values = dict(
            title="Gastles PIE lassen voor 3 KB",
            kind="guest_lesson",
            period_from=days_ahead(10),
            period_to=days_ahead(40),
            group_size=16,
            description="Leerlingen leren lassen en solderen.",
            audience=make.term("audience", "vmbo-kb"),
            profile=make.term("profile", "pie"),
            theme=make.term("theme", "installatietechniek"),
            municipality_id=make.municipality("lelystad").id,
            online=False,
        )
        values.update(overrides)
        return services.RequestDetails(**values)

    return build


@pytest.fixture
def post(world, details, db):
    def run(teacher=None, **overrides):
        created = services.create(teacher or world.teacher, details(**overrides))
        db.session.commit()
        return created

    return run
