"""Realistic Dutch offers for the benchmark: a large, varied vocabulary, Zipf-like use.

Words come from domain lists (techniek, onderwijs, beroepen), Dutch compounds built from
them (zonne+paneel, las+robot ...) and inflections, so 100k offers have tens of thousands
of distinct words with a long tail of rare ones, like real text.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

NOUNS = """
techniek robot paneel motor machine installatie energie warmte pomp lucht water stroom kabel
schakelaar sensor printer computer code programma website app drone boot schip haven dijk brug
weg tunnel spoor trein bus auto fiets vrachtwagen tractor kas tomaat melk koe stal boerderij
voedsel bakkerij brood oven keuken zorg ziekenhuis rolstoel prothese lab microscoop chemie
kunststof staal hout metaal beton steen glas verf lijm schroef bout moer zaag boor hamer
tekening ontwerp maquette prototype model simulatie meting proef experiment onderzoek
leerling klas groep docent leraar school opleiding beroep baan stage vakman monteur lasser
elektricien timmerman metselaar loodgieter installateur programmeur ontwerper ingenieur
fabriek werkplaats bedrijf kantoor magazijn logistiek transport pakket container kraan
windmolen zonnepark batterij accu laadpaal waterstof gas leiding ventilatie riolering
isolatie dak muur vloer raam deur trap gevel woning huis wijk stad dorp polder natuur bos
vogel vis insect plant bloem boom akker grond zand klei veen meer rivier zee strand kust
ruimte raket satelliet vliegtuig luchthaven helikopter radar camera licht geluid muziek film
foto video game spel puzzel wedstrijd uitdaging opdracht project presentatie verslag
""".split()
VERBS = """
bouwen maken ontwerpen programmeren lassen solderen zagen boren meten testen onderzoeken
ontdekken leren werken besturen repareren monteren installeren printen tekenen rekenen
bedenken verbeteren verduurzamen isoleren verwarmen koelen transporteren vervoeren
verpakken sorteren recyclen oogsten planten verzorgen bakken koken proeven presenteren
samenwerken kiezen bezoeken bekijken proberen oefenen
""".split()
ADJECTIVES = """
duurzaam slim elektrisch digitaal technisch praktisch creatief nieuw modern veilig groen
circulair snel sterk licht zwaar klein groot handig uitdagend leuk spannend echt
""".split()
FILLER = """
de het een en in op met voor van over bij naar door je jij we wij ze zij onze jullie
leerlingen ontdekken hoe wat waarom waar samen zelf echt ook nog meer alle elke veel
""".split()
PREFIXES = """
zonne wind water las robot lucht warmte bouw auto scheeps computer kunststof hout staal
drone voedsel melk lab proef energie licht geluid spoor haven dijk kas zorg ruimte
""".split()
TITLE_FORMS = [
    "{Verb} met {noun}s",
    "Gastles {noun}",
    "Bedrijfsbezoek {noun}",
    "{Adj} {noun} {verb}",
    "Zelf een {noun} {verb}",
    "De {noun} van de toekomst",
    "Lespakket {noun} en {noun2}",
    "{Noun} in de klas",
    "Werken in de {noun}",
    "Van {noun} tot {noun2}",
]
KINDS = ["guest_lesson"] * 5 + ["company_visit"] * 3 + ["material"] * 2
AUDIENCES = [
    "po-1-2",
    "po-3-4",
    "po-5-6",
    "po-7-8",
    "vmbo-bb",
    "vmbo-kb",
    "vmbo-gl",
    "vmbo-tl",
    "havo",
    "mbo",
]
PROFILES = ["bwi", "pie", "mt", "mvi", "mar", "groen", "zw", "ec", "hbr", "dp"]
THEMES = [
    "energietransitie",
    "bouw",
    "installatietechniek",
    "ict",
    "maritiem",
    "mobiliteit",
    "agri-food",
    "zorgtechnologie",
    "media-design",
    "productie-robotica",
    "water-infra",
    "onderzoekend-leren",
    "lucht-ruimtevaart",
    "duurzaamheid",
]
MUNICIPALITIES = ["almere", "dronten", "lelystad", "noordoostpolder", "urk", "zeewolde"]
REGIONS = ["noordwest", "flevoland"]


def places(r, kind: str, online: bool, place: str) -> dict:
    """The served places and distance tokens of a document (see portal.search.nearby): online
    offers and material serve every municipality; a guest lesson its own and a few near."""
    if online or kind == "material":
        return {"municipality": list(MUNICIPALITIES), "region": REGIONS, "near": ["here-all", f"at-{place}"]}
    served = sorted({place, *r.sample(MUNICIPALITIES, r.randint(0, 3))})
    near = [f"at-{place}"] + ([f"here-{m}" for m in served] if kind == "guest_lesson" else [])
    return {"municipality": served, "region": REGIONS, "near": sorted(near)}


COMPANY_WORDS = [
    "Techniek",
    "Installatie",
    "Bouw",
    "Metaal",
    "Energie",
    "Scheepswerf",
    "Agro",
    "Robotica",
    "Digitaal",
    "Water",
    "Logistiek",
    "Zorgtech",
]


def vocabulary(rng: random.Random) -> list[str]:
    """Base words, compounds and inflections: the distinct words offers draw from."""
    words = set(NOUNS) | set(VERBS) | set(ADJECTIVES)
    for prefix in PREFIXES:
        for noun in NOUNS:
            if rng.random() < 0.35:
                words.add(prefix + noun)
    for noun in list(NOUNS):
        words.update({noun + "en", noun + "s", noun + "je", noun + "tjes"})
    for verb in VERBS:
        stem = verb[:-2] if verb.endswith("en") else verb
        words.update({"ge" + stem + "d", stem + "t", stem + "de"})
    real = sorted(words)
    rng.shuffle(real)
    tail = sorted({_pseudo_word(rng) for _ in range(6000)} - words)  # names, jargon: the long tail
    rng.shuffle(tail)
    return real + tail  # Zipf rank order: domain words common, the tail rare


def _pseudo_word(rng: random.Random) -> str:
    syllables = [
        "ka",
        "ro",
        "ver",
        "ste",
        "lin",
        "mo",
        "de",
        "tra",
        "pel",
        "zu",
        "gen",
        "bo",
        "ri",
        "an",
        "sel",
        "vo",
        "ter",
        "ma",
        "ki",
        "wa",
    ]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))


class Corpus:
    def __init__(self, seed: int = 42):
        self.rng = random.Random(seed)
        self.words = vocabulary(self.rng)
        n = len(self.words)
        self.weights = [1.0 / (rank + 1) ** 0.9 for rank in range(n)]  # Zipf-like

    def sentence(self, length: int) -> str:
        picked = self.rng.choices(self.words, weights=self.weights, k=length)
        for i in range(0, length, 3):
            picked.insert(i, self.rng.choice(FILLER))
        return " ".join(picked).capitalize() + "."

    def title(self) -> str:
        r = self.rng
        form = r.choice(TITLE_FORMS)
        noun, noun2, verb, adj = r.choice(NOUNS), r.choice(NOUNS), r.choice(VERBS), r.choice(ADJECTIVES)
        return form.format(
            noun=noun,
            noun2=noun2,
            verb=verb,
            adj=adj,
            Noun=noun.capitalize(),
            Verb=verb.capitalize(),
            Adj=adj.capitalize(),
        )

    def offer(self, offer_id: int, organisation: str, today: date) -> dict:
        """One offer as the search document dict (see portal.search.documents)."""
        r = self.rng
        kind = r.choice(KINDS)
        slots = kind != "material" and r.random() < 0.6
        slot_days = (
            sorted({today + timedelta(days=r.randint(-30, 240)) for _ in range(r.randint(1, 6))})
            if slots
            else []
        )
        upcoming = [d for d in slot_days if d >= today]
        online = r.random() < 0.2
        place = r.choice(MUNICIPALITIES)
        doc = {
            "id": offer_id,
            "title": self.title(),
            "summary": self.sentence(12),
            "body": " ".join(self.sentence(r.randint(8, 16)) for _ in range(5)),
            "provider": organisation,
            "kind": kind,
            "audience": sorted(r.sample(AUDIENCES, r.randint(1, 3))),
            "profile": sorted(r.sample(PROFILES, r.randint(0, 2))),
            "theme": sorted(r.sample(THEMES, r.randint(1, 2))),
            **places(r, kind, online, place),
            "online": online,
            "free": r.random() < 0.7,
            "published": datetime(2025, 1, 1) + timedelta(minutes=r.randint(0, 600000)),
            "next_date": min(upcoming) if upcoming else date(9999, 12, 31),
            "slot_days": slot_days,
            "open_until": None if slots else date(9999, 12, 31),
        }
        doc["keywords"] = f"{organisation} {' '.join(doc['theme'])} {place}"
        return doc

    def organisations(self, count: int) -> list[str]:
        return [
            f"{self.rng.choice(COMPANY_WORDS)} {self.rng.choice(NOUNS).capitalize()} "
            f"{_pseudo_word(self.rng).capitalize()} {n}"
            for n in range(count)
        ]

    def documents(self, size: int, today: date) -> list[dict]:
        from portal.search.documents import fingerprint

        orgs = self.organisations(max(10, size // 50))
        docs = [self.offer(i + 1, self.rng.choice(orgs), today) for i in range(size)]
        for doc in docs:
            doc["fingerprint"] = fingerprint(doc)
        return docs
