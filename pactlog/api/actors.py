"""`/api/v1/actors/{id}`: one actor's public record and its endorsements of every agreement."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.params.functions import Path

from pactlog.api import schemas
from pactlog.registry.evidence import evidence
from pactlog.registry.models import Actor
from pactlog.registry.queries import NotFound
from pactlog.web import params as web_params
from pactlog.web.ninja import documented, with_etag

router = Router(tags=["actors"])
ACTOR_ID = Path(..., description="The actor's public id.", example="france")


def actor_json(actor: Actor) -> dict[str, Any]:
    endorsements = actor.endorsements.select_related("agreement").order_by(
        "agreement__slug", "number"
    )
    return {
        "id": actor.public_id,
        "kind": actor.kind,
        "name": actor.written_name("en"),
        "names": dict(actor.names),
        "category": actor.category,
        "nature": actor.nature,
        "nature_raw": actor.nature_raw,
        "country": actor.country or None,
        "website": actor.website,
        "wikidata": actor.wikidata,
        "lei": actor.lei,
        "merged_into": actor.merged_into.public_id if actor.merged_into else None,
        "endorsements": [
            {
                "agreement": e.agreement.slug,
                "number": e.number,
                "status": e.status,
                "start": e.start.as_json(),
                "end": e.end.as_json() if e.end else None,
                "evidence": [found.as_json() for found in evidence(e)],
            }
            for e in endorsements
        ],
    }


@router.get("/{id}", response=documented(schemas.ActorOut), summary="One actor")
@with_etag
def actor_detail(request: HttpRequest, id: str = ACTOR_ID) -> Any:
    actor = (
        Actor.objects.select_related("merged_into")
        .filter(public_id=web_params.slug(id, "actor"))
        .first()
    )
    if actor is None:
        raise NotFound(f"no actor {id!r}")
    return actor_json(actor)
