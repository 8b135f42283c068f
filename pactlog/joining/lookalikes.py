"""Warnings for moderators: likely duplicates and names that imitate someone.

Duplicates: rapidfuzz on folded names against actors and other open requests (score >= 90,
or >= 80 with the same country and category), and the same website domain. Look-alikes use
Unicode's UTS #39 data (`joining.confusables`): a name whose skeleton equals an existing
name's while the text differs, names mixing scripts, names wholly in a script that reads as
Latin, and invisible, unassigned or misplaced characters.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from rapidfuzz import fuzz, process

from pactlog.joining.addresses import domain_of
from pactlog.joining.confusables import (
    is_mixed_script,
    restricted_characters,
    skeleton,
    whole_script_lookalike,
)
from pactlog.joining.models import QUEUE, JoinRequest, Kind
from pactlog.joining.speakers import created_actor
from pactlog.registry.models import Actor
from pactlog.registry.text import fold_search

SIMILAR = 90
SIMILAR_SAME_PLACE = 80


@dataclass(frozen=True)
class Warning:
    kind: str  # duplicate | lookalike | whole-script | mixed-script | invisible
    detail: str
    actor: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def invisible_characters(text: str) -> list[str]:
    """Code points that show as nothing, reorder text, are not characters, or are marks out of
    place (UTS #39 identifier restrictions), as `U+202E` labels."""
    return restricted_characters(text)


@dataclass(frozen=True)
class Candidate:
    """Someone a request could duplicate or imitate: an actor or another open request."""

    label: str
    name: str
    category: str
    country: str
    domain: str
    actor: str | None
    folded: str = ""
    shape: str = ""
    request: int | None = None

    @classmethod
    def of(
        cls,
        label: str,
        name: str,
        category: str,
        country: str,
        website: str,
        actor: str | None,
        request: int | None = None,
    ) -> Candidate:
        return cls(label, name, category, country, domain_of(website), actor,
                   fold_search(name), skeleton(name), request)  # fmt: skip


def candidates() -> list[Candidate]:
    """Everyone a request is compared with; computed once for a whole queue."""
    found = [
        Candidate.of(
            f"{a.name} ({a.public_id})", a.name, a.category, a.country, a.website, a.public_id
        )
        for a in Actor.objects.filter(merged_into__isnull=True).only(
            "public_id", "name", "category", "country", "website"
        )
    ]
    others = JoinRequest.objects.filter(state__in=QUEUE, kind=Kind.JOIN)
    found += [
        Candidate.of(
            f"{r.name} (request #{r.pk})", r.name, r.category, r.country, r.website, None, r.pk
        )
        for r in others.only("name", "category", "country", "website")
    ]
    return found


def warnings_for(request: JoinRequest, pool: list[Candidate] | None = None) -> list[Warning]:
    """Every warning a moderator should read before deciding on `request`."""
    everyone = candidates() if pool is None else pool
    # A request is compared with its own actor only when it did not create it: a merged
    # look-alike still shows what it looks like when its withdrawal comes to the moderators.
    actor = request.actor if request.actor_id else None
    own = actor.public_id if actor is not None and created_actor(request) else None
    pool = [
        c
        for c in everyone
        if (c.request is None or c.request != request.pk) and (own is None or c.actor != own)
    ]
    out: list[Warning] = []
    hidden = invisible_characters(request.name)
    if hidden:
        out.append(Warning("invisible", "invisible or control characters: " + ", ".join(hidden)))
    if is_mixed_script(request.name):
        out.append(Warning("mixed-script", "the name mixes writing systems"))
    reading = whole_script_lookalike(request.name)
    if reading is not None:
        out.append(Warning("whole-script", f"written in another script, reads as {reading!r}"))
    folded = fold_search(request.name)
    shape = skeleton(request.name)
    domain = domain_of(request.website)
    seen: set[str] = set()
    names = [c.folded for c in pool]
    for _, score, index in process.extract(
        folded, names, scorer=fuzz.WRatio, score_cutoff=SIMILAR_SAME_PLACE, limit=20
    ):
        c = pool[index]
        same_place = c.country == request.country and c.category == request.category
        if score >= SIMILAR or same_place:
            seen.add(c.label)
            out.append(
                Warning("duplicate", f"name similar to {c.label} (score {score:.0f})", c.actor)
            )
    for c in pool:
        if domain and c.domain == domain and c.label not in seen:
            seen.add(c.label)
            out.append(Warning("duplicate", f"same website domain as {c.label}: {domain}", c.actor))
        if shape and c.shape == shape and c.name.strip() != request.name.strip():
            out.append(Warning("lookalike", f"looks like {c.label}", c.actor))
    return out
