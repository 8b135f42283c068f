"""A logged claim's verdict recomputed from the replayed registry, as the site must serve it.

The claims engine (`verifier.claims`) and parser (`verifier.claimspec`) are the application's
own, so `pactlog-verify` installed alone and `pactlog verify` recompute the same verdicts.
Group memberships are not in the log: a claim about a group is judged only with memberships
given by the caller (`verifier.groupclaims`: those the site serves at `/log/groups.json`), fed
to the engine as `claims.verdicts.judge` feeds it the catalogue's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pactlog.verifier.claims import (
    Life,
    Window,
    check_count,
    check_group_missing,
    check_launch_date,
    check_states_absent,
)
from pactlog.verifier.claimspec import parse_claim
from pactlog.verifier.intervals import Interval
from pactlog.verifier.replay import PublicState


def recomputed_verdict(
    state: PublicState,
    slug: str,
    claim: dict[str, Any],
    windows_of: Callable[[str], Mapping[str, Sequence[Window]]] | None = None,
) -> dict[str, Any] | None:
    """The claim's verdict as JSON. A claim about a group needs `windows_of` (a group's
    memberships by country): None without it. A claim the engine refuses raises ValueError
    (ClaimError is one), and so may `windows_of` for a group it cannot say."""
    spec = parse_claim({k: v for k, v in claim.items() if k not in ("id", "agreement")})
    if spec.group and windows_of is None:
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
    windows = windows_of(spec.group) if spec.group and windows_of is not None else {}
    if spec.kind == "count":
        groups = {spec.group: windows} if spec.group else None
        verdict = check_count(lives, spec.definition(), spec.comparison(), spec.as_of, groups)
        return verdict.as_json()
    if spec.kind == "group-missing":
        return check_group_missing(lives, spec.group, windows, spec.states, spec.as_of).as_json()
    return check_states_absent(lives, spec.states, spec.as_of).as_json()
