"""Reference data every installation starts with: regions, municipalities, taxonomy, search synonyms.

Loaded by a data migration (so ``flask db upgrade`` on an empty database gives a
working portal) and by the test fixtures. Another province adds its own rows
through the admin pages or a migration; nothing in code names Flevoland.

The municipalities of the whole landsdeel come from ``portal/data/landsdeel_municipalities.csv``
(sources and date: docs/DATA-SOURCES.md), read by :func:`landsdeel_municipalities`, which both
the fixtures (:func:`load_reference_data`) and migration 0007 use.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import select

from portal.models import Municipality, Region, SchoolHoliday, SearchSynonym, Term

REGIONS = [
    # slug, name, parent slug
    ("noordwest", "Landsdeel Noordwest", None),
    ("flevoland", "Flevoland", "noordwest"),
    ("noord-holland", "Noord-Holland", "noordwest"),
    ("utrecht", "Utrecht", "noordwest"),
]

# Sub-regions of the landsdeel that are not a province of their own. Noord-Holland splits into
# two; for Utrecht and Flevoland the province row is the sub-region too (the CSV's subregion
# column names ``utrecht`` and ``flevoland``), so a coordinator scoped to a province sees all
# its municipalities through ``Region.region_ids()``. Not in REGIONS: migration 0002 inserts
# REGIONS as they were; migration 0007 adds these.
SUBREGIONS = [
    # slug, name, parent slug
    ("metropoolregio-amsterdam", "Metropoolregio Amsterdam", "noord-holland"),
    ("noord-holland-noord", "Noord-Holland-Noord", "noord-holland"),
]

LANDSDEEL_CSV = Path(__file__).resolve().parent / "data" / "landsdeel_municipalities.csv"


class LandsdeelMunicipality(NamedTuple):
    """One row of ``landsdeel_municipalities.csv``; ``region`` is the region slug the
    municipality belongs to (its sub-region, which for Utrecht and Flevoland is the province)."""

    slug: str
    name: str
    cbs_code: str
    province: str
    region: str
    latitude: float
    longitude: float
    holiday_region: str
    grid_row: int
    grid_col: int


def landsdeel_municipalities(path: Path = LANDSDEEL_CSV) -> list[LandsdeelMunicipality]:
    """The 76 municipalities of Noord-Holland, Utrecht and Flevoland from the shipped CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            LandsdeelMunicipality(
                slug=row["slug"],
                name=row["name"],
                cbs_code=row["cbs_code"],
                province=row["province"],
                region=row["subregion"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                holiday_region=row["holiday_region"],
                grid_row=int(row["grid_row"]),
                grid_col=int(row["grid_col"]),
            )
            for row in csv.DictReader(handle)
        ]


# Flevoland's six as migration 0002 inserted them (it imports this list: keep it as it is).
MUNICIPALITIES = [
    # slug, name, CBS code, region slug
    ("almere", "Almere", "GM0034", "flevoland"),
    ("dronten", "Dronten", "GM0303", "flevoland"),
    ("lelystad", "Lelystad", "GM0995", "flevoland"),
    ("noordoostpolder", "Noordoostpolder", "GM0171", "flevoland"),
    ("urk", "Urk", "GM0184", "flevoland"),
    ("zeewolde", "Zeewolde", "GM0050", "flevoland"),
]

# slug -> (latitude, longitude, school-holiday region) of the municipality's main town, as
# migration 0005 filled them (it imports this; the CSV holds the same values for these six).
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
    for slug, name, parent in REGIONS + SUBREGIONS:
        if slug not in regions:
            regions[slug] = Region(slug=slug, name=name, parent=regions.get(parent))
            session.add(regions[slug])
    existing = {m.slug: m for m in session.scalars(select(Municipality))}
    by_code = {m.cbs_code: m for m in existing.values() if m.cbs_code}
    for row in landsdeel_municipalities():
        place = existing.get(row.slug) or by_code.get(row.cbs_code)
        if place is None:
            place = Municipality(slug=row.slug, name=row.name, region=regions[row.region])
            existing[row.slug] = place
            session.add(place)
        # Fill what is missing; a value someone set keeps its value.
        if place.cbs_code is None:
            place.cbs_code = row.cbs_code
        if place.latitude is None:
            place.latitude, place.longitude = row.latitude, row.longitude
        if place.holiday_region is None:
            place.holiday_region = row.holiday_region
        if place.grid_row is None:
            place.grid_row, place.grid_col = row.grid_row, row.grid_col
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
