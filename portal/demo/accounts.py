"""Demo schools, companies and one login per role."""
from __future__ import annotations

from sqlalchemy import select

from portal.demo import DEMO_DOMAIN, DEMO_PASSWORD, demo_step
from portal.models import Municipality, Organisation, Region, User, utcnow

# name, sector, BRIN (fictional, 'DM' prefix), municipality slug
SCHOOLS = [
    ("Basisschool De Windroos", "po", "DM01A1", "almere"),
    ("OBS Het Palet", "po", "DM02B2", "almere"),
    ("CBS De Regenboog", "po", "DM03C3", "dronten"),
    ("Basisschool De Zeester", "po", "DM04D4", "lelystad"),
    ("OBS Emelwerda", "po", "DM05E5", "noordoostpolder"),
    ("CBS Het Baken", "po", "DM06F6", "urk"),
    ("Basisschool Het Lispeltuutje", "po", "DM07G7", "zeewolde"),
    ("Technasium Almere Poort (vmbo)", "vo", "DM11H1", "almere"),
    ("Vmbo College Lelystad", "vo", "DM12J2", "lelystad"),
    ("Vakcollege Dronten", "vo", "DM13K3", "dronten"),
    ("Zuyderzee Vmbo Emmeloord", "vo", "DM14L4", "noordoostpolder"),
    ("Maritieme Vmbo Urk", "vo", "DM15M5", "urk"),
    ("Vmbo Zeewolde Groen en Techniek", "vo", "DM16N6", "zeewolde"),
]

# name, municipality slug, website, verified
COMPANIES = [
    ("Windpark Flevopolder Energie", "lelystad", "https://windpark.example", True),
    ("Almeerse Installatietechniek", "almere", "https://ait.example", True),
    ("Scheepswerf Urk Maritiem", "urk", "https://werf-urk.example", True),
    ("Kassen NOP Agritech", "noordoostpolder", "https://kassen-nop.example", True),
    ("Robotica Lab Flevoland", "almere", "https://robolab.example", True),
    ("Bouwbedrijf Zeewolde", "zeewolde", "https://bouw-zeewolde.example", False),
    ("Dronten Mobiliteit en Logistiek", "dronten", "https://dml.example", False),
    ("Lelystad Airport Techniek", "lelystad", "https://airport-techniek.example", True),
    ("Zorgtech Flevoziekenhuis Innovatie", "almere", "https://zorgtech.example", False),
    ("Waterschap Zuiderzeeland Techniek", "lelystad", "https://waterschap.example", True),
    ("Media Makers Almere", "almere", "https://mediamakers.example", False),
    ("Las- en Constructiebedrijf Emmeloord", "noordoostpolder", "https://las-nop.example", True),
]

# key, email local part, name, role, organisation name or None
PEOPLE = [
    ("teacher", "docent", "Sanne de Vries", "teacher", "Basisschool De Windroos"),
    ("teacher_vmbo", "docent.vmbo", "Youssef El Amrani", "teacher", "Vmbo College Lelystad"),
    ("provider", "aanbieder", "Pieter Bakker", "provider", "Windpark Flevopolder Energie"),
    ("provider_unverified", "aanbieder.bouw", "Marieke Jansen", "provider", "Bouwbedrijf Zeewolde"),
    ("coordinator", "coordinator", "Fatima Yilmaz", "coordinator", None),
    ("admin", "beheerder", "Jan Visser", "admin", None),
]


@demo_step(10)
def seed_accounts(session, made: dict) -> None:
    municipalities = {m.slug: m for m in session.scalars(select(Municipality))}
    orgs = {o.name: o for o in session.scalars(select(Organisation))}
    for name, sector, brin, muni in SCHOOLS:
        if name not in orgs:
            orgs[name] = Organisation(kind="school", name=name, sector=sector, brin=brin,
                                      municipality=municipalities[muni], verified=True,
                                      verified_at=utcnow())
            session.add(orgs[name])
    for name, muni, website, verified in COMPANIES:
        if name not in orgs:
            orgs[name] = Organisation(kind="company", name=name, municipality=municipalities[muni],
                                      website=website, verified=verified,
                                      verified_at=utcnow() if verified else None,
                                      email=f"info@{website.split('//')[1]}")
            session.add(orgs[name])
    flevoland = session.scalar(select(Region).where(Region.slug == "flevoland"))
    users = {}
    for key, local, name, role, org in PEOPLE:
        email = f"{local}@{DEMO_DOMAIN}"
        user = session.scalar(select(User).where(User.email == email))
        if user is None:
            user = User(email=email, name=name, role=role, organisation=orgs.get(org),
                        region=flevoland if role == "coordinator" else None,
                        confirmed_at=utcnow())
            user.set_password(DEMO_PASSWORD)
            session.add(user)
        users[key] = user
    session.flush()
    made["organisations"] = orgs
    made["users"] = users


def demo_logins() -> list[tuple[str, str, str]]:
    """(role label, email, password) for the README and ``make run``'s banner."""
    return [(role, f"{local}@{DEMO_DOMAIN}", DEMO_PASSWORD) for _, local, _, role, _ in PEOPLE]
