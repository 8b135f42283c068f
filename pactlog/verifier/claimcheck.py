"""A logged claim's verdict recomputed from the replayed registry, as the site must serve it.

The claims engine (`verifier.claims`) and parser (`verifier.claimspec`) are the application's
own, so `pactlog-verify` installed alone and `pactlog verify` recompute the same verdicts.
Claims about a group are not judged: group memberships are not in the log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pactlog.verifier.claims import Life, check_count, check_launch_date, check_states_absent
from pactlog.verifier.claimspec import parse_claim
from pactlog.verifier.intervals import Interval
from pactlog.verifier.replay import PublicState


def recomputed_verdict(
    state: PublicState, slug: str, claim: dict[str, Any]
) -> dict[str, Any] | None:
    """The claim's verdict as JSON; None for claims about groups, whose memberships are not in
    the log. A claim the engine refuses raises ValueError (ClaimError is one)."""
    spec = parse_claim({k: v for k, v in claim.items() if k not in ("id", "agreement")})
    if spec.group:
        return None
    if spec.kind == "launch-date":
        assert spec.claimed_date is not None
        launched = state.agreements[slug].get("launched_on")
        day = dt.date.fromisoformat(launched) if launched else None
        return check_launch_date(spec.claimed_date, day, spec.as_of).as_json()
    lives = [
        Life(
            start,
            Interval.from_json(e["end"]),
            state.actors[actor]["category"],
            state.actors[actor]["country"],
        )
        for (agreement, actor, _), e in state.endorsements.items()
        if agreement == slug and (start := Interval.from_json(e["start"])) is not None
    ]
    if spec.kind == "count":
        return check_count(lives, spec.definition(), spec.comparison(), spec.as_of).as_json()
    return check_states_absent(lives, spec.states, spec.as_of).as_json()
