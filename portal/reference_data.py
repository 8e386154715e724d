"""Reference data every installation starts with: regions, municipalities, taxonomy.

Loaded by a data migration (so ``flask db upgrade`` on an empty database gives a
working portal) and by the test fixtures. Another province adds its own rows
through the admin pages or a migration; nothing in code names Flevoland.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.models import Municipality, Region, Term

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


def load_reference_data(session) -> None:
    """Insert whatever reference rows are missing (idempotent)."""
    regions = {r.slug: r for r in session.scalars(select(Region))}
    for slug, name, parent in REGIONS:
        if slug not in regions:
            regions[slug] = Region(slug=slug, name=name, parent=regions.get(parent))
            session.add(regions[slug])
    existing = set(session.scalars(select(Municipality.slug)))
    for slug, name, cbs, region in MUNICIPALITIES:
        if slug not in existing:
            session.add(Municipality(slug=slug, name=name, cbs_code=cbs, region=regions[region]))
    have = {(t.vocabulary, t.code) for t in session.scalars(select(Term))}
    for vocabulary, terms in TERMS.items():
        for position, (code, label, group) in enumerate(terms):
            if (vocabulary, code) not in have:
                session.add(
                    Term(vocabulary=vocabulary, code=code, label=label, group=group, position=position)
                )
    session.flush()
