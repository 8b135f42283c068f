"""The example registry of docs/spec.md §7: a fictional call, clearly labelled, for demos and tests.

Deterministic (fixed seed): the same database every time. Real state codes, generated
organisations (Faker, several locales), three years of endorsements with a launch-day spike, a
slow tail, dates of mixed precision, a few withdrawals and one rename. Written through the
service layer like any other change, so the example has a complete event history too.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from dataclasses import replace

from django.db import transaction
from faker import Faker

from pactlog.claims.demo import add_example_claims
from pactlog.registry import services
from pactlog.registry.countries import country_name
from pactlog.registry.dates import Interval
from pactlog.registry.models import Actor, Agreement
from pactlog.registry.services import ActorSpec, spec_of
from pactlog.registry.vocabulary import ActorKind, Category, Nature, Status

SLUG = "example-call"
SEED = 20230301
LAUNCH = dt.date(2023, 3, 1)
LAST_DAY = dt.date(2026, 2, 28)

#: Faker locale -> the country its companies are placed in.
LOCALES = {
    "en_GB": "GBR", "fr_FR": "FRA", "de_DE": "DEU", "es_ES": "ESP", "it_IT": "ITA",
    "en_US": "USA", "pt_BR": "BRA", "ja_JP": "JPN", "nl_NL": "NLD", "pl_PL": "POL",
    "en_IN": "IND", "es_MX": "MEX",
}  # fmt: skip

#: Public authorities: the English body, and its French form before the city's name.
AUTHORITIES = {
    "City Council": "Conseil municipal ",
    "Digital Agency": "Agence numérique ",
    "Region": "Région ",
}
VOWELS = frozenset("AEIOUYÂÉÈÊÎÔ")

STATES = [
    "ARG", "ARM", "AUS", "AUT", "BEL", "BGR", "BRA", "CAN", "CHE", "CHL", "COL", "CRI", "CYP",
    "CZE", "DEU", "DNK", "DOM", "ECU", "EST", "ESP", "FIN", "FRA", "GBR", "GEO", "GHA", "GRC",
    "HRV", "HUN", "IDN", "IRL", "ISL", "ITA", "JPN", "KEN", "KOR", "LTU", "LUX", "LVA", "MAR",
    "MDA", "MEX", "MLT", "NGA", "NLD", "NOR", "NZL", "PER", "POL", "PRT", "ROU", "SEN", "SGP",
    "SVK", "SVN", "SWE", "TUN", "UKR", "URY", "USA", "ZAF",
]  # fmt: skip

NATURES = {
    Category.PRIVATE_SECTOR: [Nature.COMPANY] * 6
    + [Nature.PROFESSIONAL_ASSOCIATION, Nature.CHAMBER_OF_COMMERCE],
    Category.CIVIL_SOCIETY: [
        Nature.NGO, Nature.NGO, Nature.FOUNDATION, Nature.THINK_TANK, Nature.UNIVERSITY,
        Nature.RESEARCH_CENTRE, Nature.SCHOOL,
    ],
    Category.PUBLIC_AUTHORITY: [Nature.LOCAL_GOVERNMENT, Nature.PUBLIC_BODY],
}  # fmt: skip

PRINCIPLES = [
    ("Keep the network open", "Garder le réseau ouvert",
     "Protect the general availability and integrity of the Internet's public core.",
     "Protéger la disponibilité générale et l'intégrité du cœur public de l'Internet."),
    ("Protect people online", "Protéger les personnes en ligne",
     "Prevent harm to individuals from malicious activity online.",
     "Prévenir les atteintes aux personnes causées par des activités malveillantes en ligne."),
    ("Secure by design", "Sécurisé dès la conception",
     "Build security into products and services throughout their lifecycle.",
     "Intégrer la sécurité aux produits et services tout au long de leur cycle de vie."),
    ("Share what we learn", "Partager ce que nous apprenons",
     "Report and share vulnerabilities and lessons responsibly.",
     "Signaler et partager de manière responsable les vulnérabilités et les enseignements."),
    ("Teach safety", "Enseigner la sécurité",
     "Support education in digital safety for everyone.",
     "Soutenir l'éducation de tous à la sécurité numérique."),
]  # fmt: skip


def _start(rng: random.Random) -> Interval:
    """A launch-day spike, then a slow tail; exact days, months and "by" dates mixed."""
    if rng.random() < 0.3:
        return Interval.day(LAUNCH)
    day = min(LAUNCH + dt.timedelta(days=1 + int(rng.expovariate(1 / 220))), LAST_DAY)
    precision = rng.random()
    if precision < 0.6:
        return Interval.day(day)
    if precision < 0.85:
        last = calendar.monthrange(day.year, day.month)[1]
        return Interval(day.replace(day=1), min(day.replace(day=last), LAST_DAY))
    return Interval(None, day)


def _organisations(rng: random.Random, count: int) -> list[ActorSpec]:
    fakers = {locale: Faker(locale) for locale in LOCALES}
    for i, faker in enumerate(fakers.values()):
        faker.seed_instance(SEED + i)
    categories = (
        [Category.PRIVATE_SECTOR] * 11
        + [Category.CIVIL_SOCIETY] * 7
        + [Category.PUBLIC_AUTHORITY] * 2
    )
    specs: list[ActorSpec] = []
    seen: set[str] = set()
    while len(specs) < count:
        names: dict[str, str] = {}
        locale = rng.choice(sorted(LOCALES))
        faker = fakers[locale]
        category = rng.choice(categories)
        if category == Category.PRIVATE_SECTOR:
            name = faker.company()
        elif category == Category.CIVIL_SOCIETY:
            name = (
                f"{faker.last_name()} {rng.choice(['Foundation', 'Institute', 'Network', 'Lab'])}"
            )
        else:
            city, body = faker.city(), rng.choice(list(AUTHORITIES))
            name = f"{city} {body}"
            if locale == "fr_FR":  # writes itself in French, and gives its English name
                names = {"en": name}
                name = AUTHORITIES[body] + ("d’" if city[0] in VOWELS else "de ") + city
        if name in seen:
            continue
        seen.add(name)
        nature = rng.choice(NATURES[category])
        slug = "".join(ch for ch in name.lower() if ch.isascii() and ch.isalnum())[:20] or "org"
        specs.append(
            ActorSpec(
                kind=ActorKind.ORGANISATION,
                name=name,
                category=category,
                nature=nature,
                country=LOCALES[locale],
                website=f"https://{slug}.example" if rng.random() < 0.7 else "",
                names=names,
            )
        )
    return specs


@transaction.atomic
def load_example(organisations: int = 600) -> Agreement:
    """Create the example agreement and its supporters (refuses to run twice)."""
    if Agreement.objects.filter(slug=SLUG).exists():
        raise ValueError(f"the example agreement {SLUG!r} is already loaded")
    rng = random.Random(SEED)
    agreement, _ = services.save_agreement(
        SLUG,
        title_en="Example Call for a Safer Internet",
        title_fr="Appel d'exemple pour un Internet plus sûr",
        summary_en="Example data: a fictional call with generated supporters, to try pactlog.",
        summary_fr="Données d’exemple : un appel fictif, aux soutiens générés, pour essayer.",
        text_en="This call is fictional. Its supporters were generated; none endorses anything.",
        text_fr="Cet appel est fictif. Ses soutiens ont été générés et ne soutiennent rien.",
        launched_on=LAUNCH,
        is_example=True,
        principles=[
            {"number": n, "title_en": te, "title_fr": tf, "text_en": xe, "text_fr": xf}
            for n, (te, tf, xe, xf) in enumerate(PRINCIPLES, start=1)
        ],
    )
    specs = [
        ActorSpec(
            kind=ActorKind.STATE, name=country_name(code), category=Category.STATE, country=code
        )
        for code in STATES
    ] + _organisations(rng, organisations)
    existing_states = {
        a.country: a for a in Actor.objects.filter(kind=ActorKind.STATE, merged_into__isnull=True)
    }
    new_specs = [
        s for s in specs if not (s.kind == ActorKind.STATE and s.country in existing_states)
    ]
    created = iter(services.create_actors(new_specs))
    actors = [
        existing_states[s.country]
        if s.kind == ActorKind.STATE and s.country in existing_states
        else next(created)
        for s in specs
    ]
    endorsements = services.start_endorsements(
        agreement, [(actor, _start(rng)) for actor in actors], source="example"
    )
    organisations_only = [e for e in endorsements if e.actor.kind == ActorKind.ORGANISATION]
    withdrawn = []
    for endorsement in rng.sample(organisations_only, 8):
        day = min(endorsement.start_not_after + dt.timedelta(days=rng.randint(60, 500)), LAST_DAY)
        withdrawn.append((endorsement, Status.WITHDRAWN, Interval.day(day)))
    services.end_endorsements(withdrawn)
    renamed = next(e.actor for e in organisations_only if e.status == Status.ACTIVE)
    services.update_actors([(renamed, replace(spec_of(renamed), name=f"{renamed.name} Group"), [])])
    add_example_claims(agreement)
    return agreement
