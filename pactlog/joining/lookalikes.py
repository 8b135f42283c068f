"""Warnings for moderators: likely duplicates and names that imitate someone.

Duplicates: rapidfuzz on folded names against actors and other open requests (score >= 90,
or >= 80 with the same country and category), and the same website domain. Look-alikes use
Unicode's TR39 confusables data (the `confusable-homoglyphs` library): a name whose
"skeleton" (each character replaced by its ASCII look-alike) equals an existing name's while
the text differs, names mixing scripts, and invisible or control characters.
"""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from confusable_homoglyphs import confusables
from rapidfuzz import fuzz, process

from pactlog.joining.addresses import domain_of
from pactlog.joining.models import QUEUE, JoinRequest, Kind
from pactlog.registry.models import Actor
from pactlog.registry.text import fold_search

SIMILAR = 90
SIMILAR_SAME_PLACE = 80
#: Invisible characters outside the Cf/Cc categories that still render as nothing.
INVISIBLE_EXTRA = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f")


@dataclass(frozen=True)
class Warning:
    kind: str  # duplicate | lookalike | mixed-script | invisible
    detail: str
    actor: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def invisible_characters(text: str) -> list[str]:
    """Code points that show as nothing or reorder text: format (bidi overrides, zero-width
    joiners...), control characters and fillers, as `U+202E` names."""
    found = []
    for ch in dict.fromkeys(text):
        if unicodedata.category(ch) in ("Cf", "Cc", "Co", "Cn") or ch in INVISIBLE_EXTRA:
            found.append(f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')}")
    return found


@cache
def _ascii_lookalike(ch: str) -> str:
    if ch.isascii():
        return ch
    for glyph in confusables.confusables_data.get(ch, ()):
        if glyph["c"].isascii():
            return str(glyph["c"])
    return ch


@cache
def _ascii_classes() -> dict[str, str]:
    """Lower-case ASCII characters TR39 says are confusable (l, 1, |, i...) -> one of them."""
    parent: dict[str, str] = {}

    def root(ch: str) -> str:
        while parent.get(ch, ch) != ch:
            ch = parent[ch]
        return ch

    for code in range(33, 127):
        ch = chr(code)
        for glyph in confusables.confusables_data.get(ch, ()):
            other = str(glyph["c"])
            if len(other) == 1 and other.isascii():
                a, b = sorted((root(ch.lower()), root(other.lower())))
                parent[b] = a
    return {ch: root(ch) for ch in parent}


def skeleton(text: str) -> str:
    """What a name looks like: invisibles dropped, confusable characters mapped to ASCII,
    folded (case, accents, spaces), then confusable ASCII characters made one."""
    visible = "".join(
        ch
        for ch in unicodedata.normalize("NFKC", text)
        if unicodedata.category(ch) not in ("Cf", "Cc") and ch not in INVISIBLE_EXTRA
    )
    folded = fold_search("".join(_ascii_lookalike(ch) for ch in visible))
    classes = _ascii_classes()
    return "".join(classes.get(ch, ch) for ch in folded)


def is_mixed_script(text: str) -> bool:
    letters = "".join(ch for ch in text if ch.isalpha())
    return bool(letters) and bool(confusables.is_mixed_script(letters))


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
    own = request.actor.public_id if request.actor_id and request.actor else None
    pool = [c for c in everyone if c.request != request.pk and (own is None or c.actor != own)]
    out: list[Warning] = []
    hidden = invisible_characters(request.name)
    if hidden:
        out.append(Warning("invisible", "invisible or control characters: " + ", ".join(hidden)))
    if is_mixed_script(request.name):
        out.append(Warning("mixed-script", "the name mixes writing systems"))
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
        if shape and c.shape == shape and c.folded != folded:
            out.append(Warning("lookalike", f"looks like {c.label}", c.actor))
    return out
