"""Look-alikes of the real Paris Call supporters, generated from Unicode's confusables data:
every one is flagged as looking like the supporter it imitates."""

from __future__ import annotations

import random
import unicodedata
from typing import Any

import pytest
from confusable_homoglyphs import confusables as data

from pactlog.joining import lookalikes
from pactlog.joining.confusables import skeleton
from pactlog.joining.models import JoinRequest
from pactlog.registry.models import Actor
from pactlog.registry.vocabulary import ActorKind

#: Invisible code points an attacker slips between letters: variation selectors, the Khmer
#: inherent vowels (category Mn), zero-width characters, word joiner, tags, grapheme joiner.
HIDDEN = ("\ufe0f", "\ufe00", "\u17b4", "\u17b5", "\u200b", "\u2060", "\U000e0041", "\u034f",
          "\u180b", "\U000e0100")  # fmt: skip


def glyphs_for(ch: str) -> list[str]:
    """Single non-ASCII letters and digits that Unicode lists as confusable with `ch`."""
    found = []
    for glyph in data.confusables_data.get(ch, ()):
        other = str(glyph["c"])
        if len(other) == 1 and not other.isascii() and unicodedata.category(other)[0] in "LN":
            found.append(other)
    return found


def variants(name: str, rng: random.Random) -> list[str]:
    """Three imitations of `name`: letters swapped for confusables, invisibles between the
    letters, and every letter that has one swapped."""
    letters = [i for i, ch in enumerate(name) if glyphs_for(ch)]
    swapped = list(name)
    for i in rng.sample(letters, min(2, len(letters))):
        swapped[i] = rng.choice(glyphs_for(name[i]))
    hidden = rng.choice(HIDDEN)
    spaced = hidden.join(name) + hidden
    everything = "".join(rng.choice(glyphs_for(ch)) if glyphs_for(ch) else ch for ch in name)
    return ["".join(swapped), spaced, everything]


def warnings(name: str, pool: list[lookalikes.Candidate], actor: Actor) -> list[dict[str, Any]]:
    request = JoinRequest(name=name, category=actor.category, country=actor.country)
    return [w.as_dict() for w in lookalikes.warnings_for(request, pool)]


@pytest.mark.django_db
def test_every_generated_lookalike_of_a_real_supporter_is_flagged(paris_call: Any) -> None:
    actors = [
        a
        for a in Actor.objects.exclude(kind=ActorKind.STATE).order_by("public_id")
        if a.name.isascii() and len(a.name) >= 4 and sum(bool(glyphs_for(c)) for c in a.name) >= 2
    ]
    rng = random.Random(18)
    chosen = rng.sample(actors, 80)
    pool = lookalikes.candidates()
    corpus = [(actor, fake) for actor in chosen for fake in variants(actor.name, rng)]
    assert len(corpus) >= 200
    missed = []
    for actor, fake in corpus:
        assert fake != actor.name
        found = warnings(fake, pool, actor)
        if not any(w["kind"] == "lookalike" and w["actor"] == actor.public_id for w in found):
            missed.append((actor.public_id, fake, skeleton(fake), skeleton(actor.name)))
    assert missed == []


@pytest.mark.django_db
def test_the_three_imitations_of_the_report_are_flagged(paris_call: Any) -> None:
    google = Actor.objects.get(public_id="google")
    assert google.name == "Google"
    pool = lookalikes.candidates()
    selectors = "G\ufe0fo\ufe0fo\ufe0fg\ufe0fl\ufe0fe\ufe0f"
    khmer = "G\u17b4o\u17b4o\u17b4g\u17b4l\u17b4e"
    cyrillic = "Ԍооԍӏе"
    for name, extra in ((selectors, "invisible"), (khmer, "invisible"), (cyrillic, "whole-script")):
        kinds = {w["kind"]: w for w in warnings(name, pool, google)}
        assert kinds["lookalike"]["actor"] == "google", name
        assert extra in kinds, name
