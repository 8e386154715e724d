"""Demo kennisbank: five articles a teacher can really use (onderzoekend en ontwerpend leren
in groep 7-8, LOB with a company visit, the po-vmbo-mbo learning line, a vmbo PIE guest
lesson), linked to demo offers, one waiting for review and one shared experience (idempotent)."""

from __future__ import annotations

from sqlalchemy import select

from portal.knowledge import reactions, services
from portal.models import Article, Offer, Term

OOL = """Onderzoekend en ontwerpend leren (OOL) werkt het best als de vraag van de kinderen zelf
komt. Zo pakten wij het aan in groep 7-8, in zes lessen van een uur.

## De stappen

1. **Verwonderen**: laat een filmpje van een robotarm in een fabriek zien. Welke vragen hebben
   de kinderen? Schrijf ze allemaal op.
2. **Onderzoeksvraag kiezen**: elk groepje kiest één vraag, bijvoorbeeld *Hoe weet een robot
   waar hij moet stoppen?*
3. **Uitzoeken**: proefjes met een micro:bit en een afstandssensor.
4. **Ontwerpen**: het groepje bedenkt een robot die een probleem op school oplost.
5. **Testen en verbeteren**: wat werkte niet? Probeer het opnieuw.
6. **Presenteren** aan groep 5-6.

## Tips

- Plan de gastles *Robots programmeren* rond les 3: dan hebben de kinderen al vragen.
- Beoordeel het proces, niet alleen het eindproduct: een mislukte test is ook een resultaat.
- Hang de vragen van les 1 zichtbaar op en streep af wat is beantwoord.
"""

LOB = """Een bedrijfsbezoek levert voor loopbaanoriëntatie (LOB) pas echt iets op als leerlingen
het voorbereiden en er daarna over praten. Wij gebruiken deze opzet in vmbo 3.

## Voor het bezoek

- Laat leerlingen in tweetallen drie vragen bedenken over het **werk**, niet over het bedrijf:
  *Wat doe je op een gewone dinsdag? Wat vind je lastig? Welke opleiding deed je?*
- Verdeel rollen: fotograaf, interviewer, notulist.

## Tijdens het bezoek

- Vraag het bedrijf om een medewerker die zelf op het vmbo zat.
- Laat leerlingen één taak zelf doen, hoe klein ook.

## Na het bezoek

- Elke leerling schrijft in het LOB-dossier: *Wat past bij mij, wat juist niet?*
- Bespreek het in het mentoruur, en nodig ouders uit voor de presentatie.

Goede ervaringen hebben we met de rondleiding op de scheepswerf en de slimme fabriek.
"""

LEERLIJN = """Een doorlopende leerlijn techniek zorgt dat wat kinderen op de basisschool leren, op het
vmbo en het mbo verder wordt gebouwd, in plaats van opnieuw te beginnen.

## Drie afspraken die werken

1. **Dezelfde taal**: spreek in de regio af welke vaardigheden je benoemt (ontwerpen,
   programmeren, samenwerken, veilig werken met gereedschap).
2. **Warme overdracht**: leerlingen nemen een techniekportfolio mee van groep 8 naar de
   brugklas, en van vmbo naar mbo.
3. **Elkaars lokalen gebruiken**: groep 8 draait een ochtend mee in het techniekpraktijklokaal
   van het vmbo; vmbo-leerlingen geven zelf les aan de basisschool.

## Zo begin je

- Zoek één vmbo-school en één mbo-opleiding in je gemeente en plan een gezamenlijke
  techniekdag.
- Kies samen één thema voor het hele jaar, bijvoorbeeld energie of water.
- Gebruik het aanbod in dit portaal als gezamenlijke gastles, zodat alle leerlingen dezelfde
  ervaring delen.
"""

PIE = """Een installatiemonteur kwam drie middagen bij ons op het vmbo, profiel Produceren,
installeren en energie (PIE), leerjaar 3 BB/KB.

## Wat we deden

- Middag 1: de monteur vertelde over zijn werk en liet foto's zien van echte klussen.
- Middag 2: in tweetallen een **waterleiding aanleggen** met knelkoppelingen en testen op lekkage.
- Middag 3: een eenvoudige **elektrische groep** aansluiten, gecontroleerd door de monteur.

## Wat het opleverde

- Leerlingen die anders weinig zeggen, stelden vragen over het salaris en de opleiding.
- Vier leerlingen vroegen daarna een snuffelstage aan bij het installatiebedrijf.

## Let op

- Regel vooraf wie verantwoordelijk is voor de veiligheid; de monteur heeft een VOG.
- Houd de groepen klein: maximaal acht leerlingen per begeleider.
"""

# key, author, kind, title, summary, body, theme/audience/profile codes, demo offers, published
ARTICLES = [
    (
        "coordinator",
        "lesson_idea",
        "Onderzoekend en ontwerpend leren in groep 7-8: robots",
        "Zes lessen waarin kinderen zelf vragen stellen, proefjes doen met een micro:bit en een "
        "robot ontwerpen die een probleem op school oplost.",
        OOL,
        [("theme", "onderzoekend-leren"), ("theme", "productie-robotica"), ("audience", "po-7-8")],
        ["demo-001", "demo-017"],
        True,
    ),
    (
        "teacher_vmbo",
        "good_practice",
        "LOB met een bedrijfsbezoek: voorbereiden, beleven, terugkijken",
        "Zo haal je meer uit een bedrijfsbezoek voor loopbaanoriëntatie: vragen over het werk, "
        "rollen tijdens het bezoek en een gesprek in het mentoruur.",
        LOB,
        [("theme", "maritiem"), ("audience", "vmbo-bb"), ("audience", "vmbo-kb")],
        ["demo-022", "demo-017"],
        True,
    ),
    (
        "coordinator",
        "background",
        "Doorlopende leerlijn techniek van po via vmbo naar mbo",
        "Drie afspraken tussen basisschool, vmbo en mbo die zorgen dat leerlingen blijven bouwen "
        "aan wat ze al kunnen.",
        LEERLIJN,
        [("audience", "po-7-8"), ("audience", "vmbo-kb"), ("audience", "mbo"), ("theme", "energietransitie")],
        ["demo-052", "demo-010"],
        True,
    ),
    (
        "provider",
        "good_practice",
        "Good practice: gastles van een installatiemonteur in vmbo PIE",
        "Drie middagen met een installatiemonteur: waterleiding aanleggen, een elektrische groep "
        "aansluiten en praten over het vak.",
        PIE,
        [
            ("theme", "installatietechniek"),
            ("profile", "pie"),
            ("audience", "vmbo-bb"),
            ("audience", "vmbo-kb"),
        ],
        ["demo-030", "demo-003", "demo-040"],
        True,
    ),
    (
        "provider_unverified",
        "lesson_idea",
        "Lesidee: meet de isolatie van je eigen klaslokaal",
        "Met een warmtecamera en een thermometer onderzoeken leerlingen waar hun lokaal warmte verliest.",
        "Leerlingen meten met een warmtecamera waar hun lokaal warmte verliest en bedenken "
        "oplossingen.\n\n- Meet op een koude ochtend.\n- Vergelijk ramen, deuren en muren.",
        [("theme", "bouw"), ("profile", "bwi"), ("audience", "vmbo-kb")],
        ["demo-042"],
        False,  # waits for the coordinator's review
    ),
]

EXPERIENCE = (
    "Wij deden dit in groep 8 met twee gastlessen erbij. De kinderen bleven maar vragen "
    "stellen; plan vooral genoeg tijd voor het testen."
)


def seed_articles(session, made: dict) -> None:
    users = made.get("users", {})
    if not users or session.scalar(select(Article.id).limit(1)) is not None:
        return
    offers = {
        o.external_id: o.id for o in session.scalars(select(Offer).where(Offer.external_id.like("demo-%")))
    }
    coordinator = users.get("coordinator")
    for key, kind, title, summary, body, codes, offer_keys, publish in ARTICLES:
        author = users.get(key)
        if author is None:
            continue
        data = {
            "kind": kind,
            "title": title,
            "summary": summary,
            "body": body,
            "term_ids": [_term(session, vocabulary, code) for vocabulary, code in codes],
            "offer_ids": [offers[k] for k in offer_keys if k in offers],
        }
        article = services.create_article(author, data)
        session.flush()
        services.submit(article, author)
        if publish and not article.is_published and coordinator is not None:
            services.approve(article, coordinator, article.version)
        if key == "coordinator" and "groep 7-8" in title and users.get("teacher") is not None:
            reactions.share(article, users["teacher"], EXPERIENCE)
    session.flush()


def _term(session, vocabulary: str, code: str) -> int | None:
    return session.scalar(select(Term.id).where(Term.vocabulary == vocabulary, Term.code == code))
