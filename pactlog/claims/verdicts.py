"""Verdicts from the registry: the engine fed with an agreement's endorsements and the
groups' memberships, and the stored history of each claim's verdict.

The endorsements are read once per registry version (`caching.cached`); a claim's verdict is
recomputed after each committed change, and a history row is written only when the verdict or
its evidence changed. Reads (`current`) never write: a page shown before the refresh computes
the verdict in memory.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from pactlog import memos
from pactlog.claims import engine
from pactlog.claims.engine import Definition, Life, Series, Verdict, Window
from pactlog.claims.models import Claim, ClaimVerdict
from pactlog.claims.spec import ClaimSpec
from pactlog.groups.catalogue import get_group
from pactlog.registry.caching import cached, registry_version
from pactlog.registry.dates import Interval
from pactlog.registry.models import Agreement
from pactlog.registry.queries import endorsements_of


def read_lives(agreement: Agreement) -> list[Life]:
    rows = endorsements_of(agreement).values_list(
        "actor__category", "actor__country",
        "start_not_before", "start_not_after", "end_not_before", "end_not_after",
    )  # fmt: skip
    return [
        Life(Interval(snb, sna), Interval(enb, ena) if ena is not None else None, cat, country)
        for cat, country, snb, sna, enb, ena in rows.iterator()
    ]


def lives_of(agreement: Agreement) -> list[Life]:
    """Every endorsement of the agreement as the engine sees it, for this registry version."""
    return cached(f"claims:lives:{agreement.pk}", lambda: read_lives(agreement))


#: (agreement pk, registry version, definition) -> its count's steps, in this process: a
#: check costs two binary searches once its definition has been counted at this version.
_steps: OrderedDict[tuple[int, int, Definition], Series] = OrderedDict()
STEPS_KEPT = 64
memos.register(_steps.clear)


def steps_of(
    agreement: Agreement,
    definition: Definition,
    groups: Mapping[str, Mapping[str, Sequence[Window]]] | None = None,
) -> Series:
    """The count's steps under `definition`, for this registry version (kept in process)."""
    key = (agreement.pk, registry_version(), definition)
    found = _steps.get(key)
    if found is None:
        found = engine.series(lives_of(agreement), definition, groups)
        _steps[key] = found
        while len(_steps) > STEPS_KEPT:
            _steps.popitem(last=False)
    else:
        _steps.move_to_end(key)
    return found


def windows_of(slug: str) -> dict[str, list[Window]]:
    """A group's memberships by country, as the engine's windows."""
    found: dict[str, list[Window]] = {}
    for m in get_group(slug).memberships:
        found.setdefault(m.member, []).append(Window(m.since, m.until))
    return found


def judge(spec: ClaimSpec, agreement: Agreement, lives: Sequence[Life] | None = None) -> Verdict:
    """The verdict on one claim about `agreement`, from the registry as it is now."""
    if spec.kind == "launch-date":
        assert spec.claimed_date is not None
        return engine.check_launch_date(spec.claimed_date, agreement.launched_on, spec.as_of)
    population = lives_of(agreement) if lives is None else lives
    if spec.kind == "count":
        groups: Mapping[str, Mapping[str, Sequence[Window]]] | None = None
        if spec.group:
            groups = {spec.group: windows_of(spec.group)}
        return engine.check_count(
            population, spec.definition(), spec.comparison(), spec.as_of, groups,
            steps_of=None if lives is not None else lambda d: steps_of(agreement, d, groups),
        )  # fmt: skip
    if spec.kind == "group-missing":
        windows = windows_of(spec.group)
        return engine.check_group_missing(population, spec.group, windows, spec.states, spec.as_of)
    return engine.check_states_absent(population, spec.states, spec.as_of)


def refresh(claim: Claim, version: int | None = None) -> ClaimVerdict | None:
    """Bring the claim's verdict up to the registry's version; the latest history row."""
    version = registry_version() if version is None else version
    latest = claim.latest_verdict()
    if claim.checked_version == version and latest is not None:
        return latest
    details = judge(claim.spec(), claim.agreement).as_json()
    if latest is None or latest.details != details:
        try:
            with transaction.atomic():
                latest = ClaimVerdict.objects.create(
                    claim=claim,
                    registry_version=version,
                    verdict=details["verdict"],
                    details=details,
                    computed_at=timezone.now(),
                )
        except IntegrityError:  # another process computed this version at the same time
            latest = claim.latest_verdict()
    Claim.objects.filter(pk=claim.pk, checked_version__lt=version).update(checked_version=version)
    claim.checked_version = max(claim.checked_version, version)
    return latest


def current(claim: Claim) -> dict[str, Any]:
    """The claim's verdict against the registry as it is now, for a read: the stored one when
    it is up to date, else computed in memory. Never writes: verdict rows are stored after
    each committed change (`on_registry_changed`) and by the `pactlog claims` commands."""
    latest = claim.latest_verdict()
    if latest is not None and claim.checked_version >= registry_version():
        details: dict[str, Any] = latest.details
        return details
    return judge(claim.spec(), claim.agreement).as_json()


def refresh_all() -> int:
    """Recompute every claim whose verdict may be stale; how many were looked at."""
    version = registry_version()
    stale = list(Claim.objects.filter(checked_version__lt=version).select_related("agreement"))
    for claim in stale:
        refresh(claim, version)
    return len(stale)


def on_registry_changed(**kwargs: Any) -> None:
    """After a change commits, verdicts follow the new record (cheap when there are no claims)."""
    if Claim.objects.exists():
        refresh_all()


def history(claim: Claim) -> list[ClaimVerdict]:
    return list(claim.verdicts.order_by("registry_version"))
