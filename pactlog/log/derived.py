"""What the tables hold that is *computed* from the record, recomputed and compared.

The replay rebuilds the public rows; some public columns are not in any event because they are
derived: an actor's `search_text` (what `?q=` finds) and sort keys (`sort_en`, `sort_fr`: what
lists sort by), and each claim's verdict (what the claims pages show). A forged value there
would pass a comparison of replayed rows, so the audit recomputes them with the code that
writes them and names each difference.

`NOT_REBUILT` lists, with the reason, every column of the public tables that neither the replay
nor this module checks; `pactlog.log.tests.test_audit_columns` edits every other column of every
public table and expects a named difference, so a new column cannot be forgotten.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps

#: Apps whose tables pages and the API read.
PUBLIC_APPS = ("registry", "claims")

#: model label -> {column: why it is not compared}; "*" for a whole table.
NOT_REBUILT: dict[str, dict[str, str]] = {
    "registry.Event": {"*": "the events are checked against the signed log entry by entry"},
    "registry.EventCounter": {"*": "numbering of the next event, shown nowhere"},
    "registry.Snapshot": {"*": "import bookkeeping: what a snapshot changed is in the events"},
    "registry.Agreement": {"id": "row id, never shown"},
    "registry.Principle": {"id": "row id, never shown"},
    "registry.Actor": {"id": "row id, never shown"},
    "registry.SourceKey": {"id": "row id, never shown"},
    "registry.Endorsement": {"id": "row id, never shown"},
    "claims.Claim": {
        "id": "row id, never shown",
        "created_at": "when the row was written; the claim's event carries its own time",
        "checked_version": "when the verdict was last refreshed, shown nowhere",
    },
    "claims.ClaimVerdict": {
        "id": "row id, never shown",
        "registry_version": "the version a past verdict was computed at: history, not rebuilt",
        "computed_at": "when a past verdict was computed: history, not rebuilt",
    },
}


def actor_column_problems() -> list[str]:
    """Every actor whose stored search text or sort key is not what its names give."""
    from pactlog.registry.models import Actor
    from pactlog.registry.services import derived_columns, spec_of

    problems = []
    for actor in Actor.objects.order_by("public_id"):
        for column, expected in derived_columns(spec_of(actor)).items():
            stored = getattr(actor, column)
            if stored != expected:
                problems.append(
                    f"actor {actor.public_id}: field {column!r}: tables say "
                    f"{stored!r}, recomputed {expected!r}"
                )
    return problems


def verdict_problems() -> list[str]:
    """Every claim whose stored verdict is not what the registry gives now, and every history
    row whose verdict is not its own evidence's."""
    if not apps.is_installed("pactlog.claims"):
        return []
    from pactlog.claims.models import Claim, ClaimVerdict
    from pactlog.claims.verdicts import judge

    problems = []
    for row in ClaimVerdict.objects.select_related("claim").order_by("claim", "registry_version"):
        said = row.details.get("verdict") if isinstance(row.details, dict) else None
        if row.verdict != said:
            problems.append(
                f"claim {row.claim.public_id}: verdict at version {row.registry_version}: "
                f"field 'verdict' says {row.verdict!r}, its details say {said!r}"
            )
    for claim in Claim.objects.select_related("agreement").order_by("public_id"):
        latest = claim.latest_verdict()
        if latest is None:
            continue
        try:
            details: Any = judge(claim.spec(), claim.agreement).as_json()
        except (ValueError, KeyError, TypeError, AssertionError) as exc:
            problems.append(f"claim {claim.public_id}: its verdict cannot be recomputed: {exc}")
            continue
        if latest.details != details:
            changed = sorted(
                k for k in set(details) | set(latest.details)
                if details.get(k) != latest.details.get(k)
            )  # fmt: skip
            problems.append(
                f"claim {claim.public_id}: field 'details' ({', '.join(changed)}): tables say "
                f"{_short(latest.details)}, recomputed {_short(details)}"
            )
    return problems


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


def recomputed() -> list[str]:
    return actor_column_problems() + verdict_problems()
