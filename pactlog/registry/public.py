"""The public form of each registry row: what an event carries and what replay rebuilds.

Only public fields appear here. Personal data (contact e-mails, representatives' names, IP
addresses) never lives in these models, so it can never reach an event or the log.
"""

from __future__ import annotations

from typing import Any

from pactlog.registry.models import Actor, Agreement, Endorsement


def agreement_state(agreement: Agreement) -> dict[str, Any]:
    return {
        "slug": agreement.slug,
        "title": {"en": agreement.title_en, "fr": agreement.title_fr},
        "summary": {"en": agreement.summary_en, "fr": agreement.summary_fr},
        "text": {"en": agreement.text_en, "fr": agreement.text_fr},
        "text_url": agreement.text_url,
        "launched_on": agreement.launched_on.isoformat() if agreement.launched_on else None,
        "categories": list(agreement.categories),
        "languages": list(agreement.languages),
        "is_example": agreement.is_example,
        "principles": [
            {
                "number": p.number,
                "title": {"en": p.title_en, "fr": p.title_fr},
                "text": {"en": p.text_en, "fr": p.text_fr},
            }
            for p in agreement.principles.order_by("number")
        ],
    }


def actor_state(actor: Actor, source_keys: list[tuple[str, str]]) -> dict[str, Any]:
    """An actor's public record. `names` is there only when the actor has other-language
    forms: absent means none, so entries written before the field existed, and those of the
    many actors without one, read the same way (the fold and every reader take absent = {})."""
    state: dict[str, Any] = {
        "id": actor.public_id,
        "kind": actor.kind,
        "name": actor.name,
        "category": actor.category,
        "nature": actor.nature,
        "nature_raw": actor.nature_raw,
        "country": actor.country,
        "website": actor.website,
        "wikidata": actor.wikidata,
        "lei": actor.lei,
        "merged_into": actor.merged_into.public_id if actor.merged_into else None,
        "source_keys": sorted([list(k) for k in source_keys]),
    }
    if actor.names:
        names = actor.names
        state["names"] = dict(sorted(names.items())) if isinstance(names, dict) else names
    return state


def endorsement_state(e: Endorsement, agreement_slug: str, actor_id: str) -> dict[str, Any]:
    end = e.end
    return {
        "agreement": agreement_slug,
        "actor": actor_id,
        "number": e.number,
        "status": e.status,
        "start": e.start.as_json(),
        "end": end.as_json() if end else None,
        "source": e.source,
    }
