"""Reference data every installation starts with: regions, municipalities, taxonomy, search synonyms.

Loaded by a data migration (so ``flask db upgrade`` on an empty database gives a
working portal) and by the test fixtures. Another province adds its own rows
through the admin pages or a migration; nothing in code names Flevoland.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.models import Municipality, Region, SchoolHoliday, SearchSynonym, Term

REGIONS = [
    # slug, name, parent slug
    ("noordwest", "Landsdeel Noordwest", None),
    ("flevoland", "Flevoland", "noordwest"),
    ("noord-holland", "Noord-Holland", "noordwest"),
    ("utrecht", "Utrecht", "noordwest"),
]

MUNICIPALITIES = [
    # slug, name, CBS code, region slug
    ("almere", "Almere", "GM0034", "flevoland"),
    ("dronten", "Dronten", "GM0303", "flevoland"),
    ("lelystad", "Lelystad", "GM0995", "flevoland"),
    ("noordoostpolder", "Noordoostpolder", "GM0171", "flevoland"),
    ("urk", "Urk", "GM0184", "flevoland"),
    ("zeewolde", "Zeewolde", "GM0050", "flevoland"),
]

# slug -> (latitude, longitude, school-holiday region) of the municipality's main town.
# Holiday regions follow the government's division: Zeewolde is "midden", the rest of
# Flevoland "noord".
MUNICIPALITY_PLACES: dict[str, tuple[float, float, str]] = {
    "almere": (52.3508, 5.2647, "noord"),
    "dronten": (52.5250, 5.7181, "noord"),
    "lelystad": (52.5185, 5.4714, "noord"),
    "noordoostpolder": (52.7106, 5.7500, "noord"),
    "urk": (52.6620, 5.6010, "noord"),
    "zeewolde": (52.3300, 5.5417, "midden"),
}

# School holidays 2026-2027 (the government's advice dates; schools may shift a few days),
# (holiday region, name, first day, last day). Add the next school year as rows here and in a
# data migration; nothing else names a date.
SCHOOL_HOLIDAYS: list[tuple[str, str, date, date]] = [
    *(
        (region, name, start, end)
        for region in ("noord", "midden")
        for name, start, end in (
            ("Herfstvakantie", date(2026, 10, 17), date(2026, 10, 25)),
            ("Kerstvakantie", date(2026, 12, 19), date(2027, 1, 3)),
            ("Goede Vrijdag en Pasen", date(2027, 3, 26), date(2027, 3, 29)),
            ("Meivakantie", date(2027, 4, 24), date(2027, 5, 2)),
            ("Hemelvaart", date(2027, 5, 6), date(2027, 5, 7)),
            ("Tweede Pinksterdag", date(2027, 5, 17), date(2027, 5, 17)),
        )
    ),
    ("noord", "Voorjaarsvakantie", date(2027, 2, 20), date(2027, 2, 28)),
    ("midden", "Voorjaarsvakantie", date(2027, 2, 13), date(2027, 2, 21)),
    ("noord", "Zomervakantie", date(2027, 7, 17), date(2027, 8, 29)),
    ("midden", "Zomervakantie", date(2027, 7, 10), date(2027, 8, 22)),
]

# vocabulary -> [(code, Dutch label, group)]
TERMS: dict[str, list[tuple[str, str, str | None]]] = {
    "audience": [
        ("po-1-2", "po groep 1-2", "po"),
        ("po-3-4", "po groep 3-4", "po"),
        ("po-5-6", "po groep 5-6", "po"),
        ("po-7-8", "po groep 7-8", "po"),
        ("vmbo-bb", "vmbo BB (basisberoepsgerichte leerweg)", "vo"),
        ("vmbo-kb", "vmbo KB (kaderberoepsgerichte leerweg)", "vo"),
        ("vmbo-gl", "vmbo GL (gemengde leerweg)", "vo"),
        ("vmbo-tl", "vmbo TL (theoretische leerweg)", "vo"),
        ("havo", "havo", "vo"),
        ("mbo", "mbo", "mbo"),
    ],
    "profile": [
        ("bwi", "Bouwen, wonen en interieur (BWI)", "technical"),
        ("pie", "Produceren, installeren en energie (PIE)", "technical"),
        ("mt", "Mobiliteit en transport (M&T)", "technical"),
        ("mvi", "Media, vormgeving en ICT (MVI)", "technical"),
        ("mar", "Maritiem en techniek (M&T maritiem)", "technical"),
        ("groen", "Groen", "other"),
        ("zw", "Zorg en welzijn (Z&W)", "other"),
        ("ec", "Economie en ondernemen (E&O)", "other"),
        ("hbr", "Horeca, bakkerij en recreatie (HBR)", "other"),
        ("dp", "Dienstverlening en producten (D&P)", "other"),
    ],
    "theme": [
        ("energietransitie", "Energietransitie", None),
        ("bouw", "Bouw", None),
        ("installatietechniek", "Installatietechniek", None),
        ("ict", "ICT en programmeren", None),
        ("maritiem", "Maritiem", None),
        ("mobiliteit", "Mobiliteit en logistiek", None),
        ("agri-food", "Agri- en foodtech", None),
        ("zorgtechnologie", "Zorgtechnologie", None),
        ("media-design", "Media en design", None),
        ("productie-robotica", "Productie en robotica", None),
        ("water-infra", "Water en infrastructuur", None),
        ("onderzoekend-leren", "Onderzoekend en ontwerpend leren (po)", None),
        ("lucht-ruimtevaart", "Lucht- en ruimtevaart", None),
        ("duurzaamheid", "Duurzaamheid en circulaire economie", None),
    ],
}

# Search synonyms coordinators start with (``/beheer/zoeksynoniemen``): (word, what a search
# for it also finds, whether each one-word synonym finds the word too). Applied at query time.
SEARCH_SYNONYMS: list[tuple[str, str, bool]] = [
    ("windmolen", "windturbine", True),
    ("ict", "informatica", True),
    ("it", "ict, informatica", False),
    ("programmeren", "coderen", True),
    ("po", "basisschool, basisonderwijs, primair onderwijs", True),
    ("vo", "middelbare school, voortgezet onderwijs", True),
    ("trekker", "tractor", True),
    ("excursie", "bedrijfsbezoek", True),
    ("zonnecel", "zonnepaneel", True),
    ("pv", "zonnepaneel, zonnepanelen", False),
    ("lespakket", "lesmateriaal", True),
    ("ai", "kunstmatige intelligentie", True),
    ("elektriciteit", "stroom", True),
    ("luchthaven", "vliegveld", True),
    ("scheikunde", "chemie", True),
    ("imker", "bijenhouder", True),
    ("hergebruik", "recycling", True),
    ("computerspel", "game", True),
]


def load_reference_data(session) -> None:
    """Insert whatever reference rows are missing (idempotent)."""
    regions = {r.slug: r for r in session.scalars(select(Region))}
    for slug, name, parent in REGIONS:
        if slug not in regions:
            regions[slug] = Region(slug=slug, name=name, parent=regions.get(parent))
            session.add(regions[slug])
    existing = {m.slug: m for m in session.scalars(select(Municipality))}
    for slug, name, cbs, region in MUNICIPALITIES:
        if slug not in existing:
            existing[slug] = Municipality(slug=slug, name=name, cbs_code=cbs, region=regions[region])
            session.add(existing[slug])
    for slug, (latitude, longitude, holiday_region) in MUNICIPALITY_PLACES.items():
        place = existing.get(slug)
        if place is not None and place.latitude is None:
            place.latitude, place.longitude, place.holiday_region = latitude, longitude, holiday_region
    known = {(h.holiday_region, h.starts_on) for h in session.scalars(select(SchoolHoliday))}
    for holiday_region, name, starts_on, ends_on in SCHOOL_HOLIDAYS:
        if (holiday_region, starts_on) not in known:
            session.add(
                SchoolHoliday(holiday_region=holiday_region, name=name, starts_on=starts_on, ends_on=ends_on)
            )
    have = {(t.vocabulary, t.code) for t in session.scalars(select(Term))}
    for vocabulary, terms in TERMS.items():
        for position, (code, label, group) in enumerate(terms):
            if (vocabulary, code) not in have:
                session.add(
                    Term(vocabulary=vocabulary, code=code, label=label, group=group, position=position)
                )
    have_synonyms = set(session.scalars(select(SearchSynonym.term)))
    for term, synonyms, two_way in SEARCH_SYNONYMS:
        if term not in have_synonyms:
            session.add(SearchSynonym(term=term, synonyms=synonyms, two_way=two_way))
    session.flush()
