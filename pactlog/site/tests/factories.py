"""Small registries written through the service layer (so every row has its events)."""

from __future__ import annotations

import datetime as dt

from pactlog.registry import services
from pactlog.registry.dates import Interval
from pactlog.registry.models import Actor, Agreement
from pactlog.registry.vocabulary import ActorKind, Category, Nature

HOSTILE_NAMES = [
    "<script>alert('x')</script> Corp",
    '"onmouseover="alert(1)" Ltd',
    '=HYPERLINK("http://evil.example","click")',
    "Evil \u202egnp.exe Foundation",
]


def agreement(slug: str = "test-call", **values: object) -> Agreement:
    fields = {
        "title_en": "Test Call",
        "title_fr": "Appel de test",
        "summary_en": "A call for tests.",
        "launched_on": dt.date(2020, 1, 1),
    }
    fields.update(values)
    created, _ = services.save_agreement(
        slug,
        principles=[{"number": 1, "title_en": "Be kind", "title_fr": "Être aimable"}],
        **fields,
    )
    return created


def organisations(names: list[str], country: str = "FRA") -> list[Actor]:
    specs = [
        services.ActorSpec(
            kind=ActorKind.ORGANISATION,
            name=name,
            category=Category.CIVIL_SOCIETY,
            nature=Nature.NGO,
            country=country,
            website="javascript:alert(1)",
        )
        for name in names
    ]
    return services.create_actors(specs)


def endorse(target: Agreement, actors: list[Actor], start: Interval) -> None:
    services.start_endorsements(target, [(actor, start) for actor in actors], "test")
