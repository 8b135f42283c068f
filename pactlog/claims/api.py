"""`/api/v1/agreements/{slug}/claims`: published claims with verdicts, and a check that stores
nothing (for newsrooms' tools). The body of a check is the claim format of `claims add`
without its source; every rule the schema cannot express is a 422 with a message."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.params.functions import Path
from pydantic import Field, StrictFloat, StrictInt, StrictStr

from pactlog.claims.engine import MAX_VALUE, OPS, ClaimError
from pactlog.claims.models import Claim
from pactlog.claims.spec import KINDS, QUANTITIES, check_window, parse_claim
from pactlog.claims.verdicts import current, judge
from pactlog.registry import queries
from pactlog.web.ninja import Error, documented, with_etag

router = Router(tags=["claims"])
SLUG = Path(..., description="The agreement's slug.", example="paris-call")


class Range(Schema):
    low: int = Field(description="Certainly in force on the day.")
    high: int = Field(description="At most: the certain ones plus the uncertain ones.")
    uncertain: int


class VerdictOut(Schema):
    verdict: Literal["consistent", "inconsistent", "undetermined"]
    kind: str
    as_of: str = Field(json_schema_extra={"format": "date"})
    reason: str = Field(description="A code: range-within, range-outside, range-straddles, "
                        "members-fit, members-contradict, members-uncertain, launch-matches, "
                        "launch-differs, launch-unknown.")  # fmt: skip
    definition: dict[str, str] | None = Field(
        description="What was counted: quantity and counting (in-force or ever)."
    )
    range: Range | None
    comparison: dict[str, Any] | None = Field(
        description="op, value, tolerance_percent and the accepted counts [low, high|null]."
    )
    parts: list[dict[str, Any]] = Field(description="State by state, for membership claims.")
    held: dict[str, str | None] | None = Field(
        description="When inconsistent: the nearest days before/after on which it held for sure."
    )
    possible: dict[str, str | None] | None = Field(
        description="When inconsistent: the nearest days on which it may have held."
    )
    alternatives: list[dict[str, Any]] = Field(
        description="When inconsistent: the verdict under other definitions."
    )
    recorded: str | None = Field(description="For launch-date claims: the recorded launch day.")
    group: str | None = None


class ClaimOut(Schema):
    id: str
    agreement: str
    source: dict[str, str]
    quote: str
    kind: str
    as_of: str = Field(json_schema_extra={"format": "date"})
    assertion: dict[str, Any] = Field(description="What the claim asserts, by kind.")
    verdict: VerdictOut


class CheckIn(Schema):
    """A claim to check, in the format of `pactlog claims add` (no source needed)."""

    kind: Literal[KINDS]  # type: ignore[valid-type]
    as_of: str = Field(
        description="YYYY-MM-DD: the day the claim refers to.", examples=["2019-06-01"]
    )
    quantity: Literal[QUANTITIES] | None = None  # type: ignore[valid-type]
    group: str | None = Field(None, description="For quantity 'group' and 'group-missing'.")
    op: Literal[OPS] | None = None  # type: ignore[valid-type]
    # Strict: JSON `true` is no number (pydantic would read it as 1).
    value: StrictInt | StrictStr | None = Field(
        None, description=f"The number (0..{MAX_VALUE}), or the day for a launch-date claim."
    )
    tolerance_percent: StrictInt | StrictFloat | None = Field(
        None, description="For op 'about' (default 5)."
    )
    missing: list[str] | None = Field(None, description="ISO3 codes, for 'group-missing'.")
    states: list[str] | None = Field(None, description="ISO3 codes, for 'states-absent'.")


def claim_json(claim: Claim) -> dict[str, Any]:
    state = claim.public_state()
    assertion = claim.spec().assertion()
    return {
        "id": state["id"], "agreement": state["agreement"], "source": state["source"],
        "quote": state["quote"], "kind": claim.kind, "as_of": claim.as_of.isoformat(),
        "assertion": assertion, "verdict": current(claim),
    }  # fmt: skip


@router.get(
    "/{slug}/claims", response=documented(list[ClaimOut]), summary="Published claims, checked"
)
@with_etag
def claims(request: HttpRequest, slug: str = SLUG) -> Any:
    """Every claim entered about the agreement, with its verdict against the current record."""
    agreement = queries.get_agreement(slug)
    rows = Claim.objects.filter(agreement=agreement).select_related("agreement")
    return [claim_json(claim) for claim in rows]


@router.post(
    "/{slug}/claims/check",
    response={200: VerdictOut, 400: Error, 404: Error, 422: Error, 429: Error},
    summary="Check a claim (nothing is stored)",
)
def check(request: HttpRequest, claim: CheckIn, slug: str = SLUG) -> Any:
    """The verdict on a claim given in the body, against the current record; not stored."""
    agreement = queries.get_agreement(slug)
    try:
        spec = parse_claim(claim.dict(exclude_none=True), with_source=False)
        check_window(spec.as_of, "as_of", agreement.launched_on)
    except ClaimError as exc:
        raise HttpError(422, str(exc)) from None
    return judge(spec, agreement).as_json()
