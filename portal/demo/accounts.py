"""Demo schools, companies and one login per role."""

from __future__ import annotations

from sqlalchemy import select

from portal.models import Municipality, Organisation, Region, User, utcnow
from portal.models.statuses import MembershipStatus

DEMO_PASSWORD = "demo-wachtwoord"
DEMO_DOMAIN = "demo.techniekflevoland.nl"

# name, sector, BRIN (fictional: the '99' series is not issued to real schools), municipality
SCHOOLS = [
    ("Basisschool De Windroos", "po", "99XA", "almere"),
    ("OBS Het Palet", "po", "99XB", "almere"),
    ("CBS De Regenboog", "po", "99XC", "dronten"),
    ("Basisschool De Zeester", "po", "99XD", "lelystad"),
    ("OBS Emelwerda", "po", "99XE", "noordoostpolder"),
    ("CBS Het Baken", "po", "99XF", "urk"),
    ("Basisschool Het Lispeltuutje", "po", "99XG", "zeewolde"),
    ("Technasium Almere Poort (vmbo)", "vo", "99XH", "almere"),
    ("Vmbo College Lelystad", "vo", "99XJ", "lelystad"),
    ("Vakcollege Dronten", "vo", "99XK", "dronten"),
    ("Zuyderzee Vmbo Emmeloord", "vo", "99XL", "noordoostpolder"),
    ("Maritieme Vmbo Urk", "vo", "99XM", "urk"),
    ("Vmbo Zeewolde Groen en Techniek", "vo", "99XN", "zeewolde"),
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

# Fictional street addresses, so a guest lesson's booking shows where the school is.
STREETS = {
    "Basisschool De Windroos": ("Windroosplein 4", "1324 AB"),
    "OBS Het Palet": ("Paletweg 12", "1315 CD"),
    "CBS De Regenboog": ("Regenbooglaan 3", "8251 EF"),
    "Basisschool De Zeester": ("Zeesterstraat 20", "8224 GH"),
    "OBS Emelwerda": ("Emelwerdastraat 7", "8302 JK"),
    "CBS Het Baken": ("Bakenweg 15", "8321 LM"),
    "Basisschool Het Lispeltuutje": ("Lispeltuutjeslaan 2", "3891 NP"),
    "Technasium Almere Poort (vmbo)": ("Poortdreef 100", "1363 RS"),
    "Vmbo College Lelystad": ("Collegeweg 1", "8232 TV"),
    "Vakcollege Dronten": ("Vakschoolstraat 9", "8253 WX"),
    "Zuyderzee Vmbo Emmeloord": ("Zuyderzeelaan 30", "8302 YZ"),
    "Maritieme Vmbo Urk": ("Wijk 9 nr. 40", "8321 BA"),
    "Vmbo Zeewolde Groen en Techniek": ("Groene Weg 5", "3892 DC"),
}
# A teacher's own classes and usual group size (pre-fill search filters and booking forms).
CLASSES = {"teacher": (["po-7-8"], 26), "teacher_vmbo": (["vmbo-bb", "vmbo-kb"], 16)}

# key, email local part, name, role, organisation name or None
PEOPLE = [
    ("teacher", "docent", "Sanne de Vries", "teacher", "Basisschool De Windroos"),
    ("teacher_vmbo", "docent.vmbo", "Youssef El Amrani", "teacher", "Vmbo College Lelystad"),
    ("provider", "aanbieder", "Pieter Bakker", "provider", "Windpark Flevopolder Energie"),
    ("provider_unverified", "aanbieder.bouw", "Marieke Jansen", "provider", "Bouwbedrijf Zeewolde"),
    ("coordinator", "coordinator", "Fatima Yilmaz", "coordinator", None),
    ("admin", "beheerder", "Jan Visser", "admin", None),
    # asked to join the verified company: its admin (aanbieder@) sees the request
    ("provider_pending", "aanbieder.nieuw", "Tom Kramer", "provider", "Windpark Flevopolder Energie"),
]
PENDING = {"provider_pending"}


def seed_accounts(session, made: dict) -> None:
    municipalities = {m.slug: m for m in session.scalars(select(Municipality))}
    orgs = {o.name: o for o in session.scalars(select(Organisation))}
    for name, sector, brin, muni in SCHOOLS:
        if name not in orgs:
            orgs[name] = Organisation(
                kind="school",
                name=name,
                sector=sector,
                brin=brin,
                municipality=municipalities[muni],
                verified=True,
                verified_at=utcnow(),
            )
            session.add(orgs[name])
        if orgs[name].address is None and name in STREETS:
            orgs[name].address, orgs[name].postcode = STREETS[name]
    for name, muni, website, verified in COMPANIES:
        if name not in orgs:
            orgs[name] = Organisation(
                kind="company",
                name=name,
                municipality=municipalities[muni],
                website=website,
                verified=verified,
                verified_at=utcnow() if verified else None,
                email=f"info@{website.split('//')[1]}",
            )
            session.add(orgs[name])
    flevoland = session.scalar(select(Region).where(Region.slug == "flevoland"))
    users: dict[str, User] = {}
    for key, local, name, role, org in PEOPLE:
        email = f"{local}@{DEMO_DOMAIN}"
        user = session.scalar(select(User).where(User.email == email))
        if user is None:
            organisation = orgs.get(org)
            first = organisation is not None and not any(
                u.organisation is organisation for u in users.values()
            )
            user = User(
                email=email,
                name=name,
                role=role,
                organisation=organisation,
                region=flevoland if role == "coordinator" else None,
                confirmed_at=utcnow(),
                membership_status=_membership(organisation, key),
                is_org_admin=first and key not in PENDING,
                membership_requested_at=utcnow() if organisation else None,
            )
            user.set_password(DEMO_PASSWORD)
            user.teaching_levels, user.usual_group_size = CLASSES.get(key, (None, None))
            session.add(user)
        users[key] = user
    session.flush()
    made["organisations"] = orgs
    made["users"] = users


def _membership(organisation: Organisation | None, key: str) -> MembershipStatus | None:
    if organisation is None:
        return None
    return MembershipStatus.PENDING if key in PENDING else MembershipStatus.APPROVED


def demo_logins() -> list[tuple[str, str, str]]:
    """(role label, email, password) for the README and ``make run``'s banner."""
    return [(role, f"{local}@{DEMO_DOMAIN}", DEMO_PASSWORD) for _, local, _, role, _ in PEOPLE]
