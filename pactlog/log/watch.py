"""`pactlog log witness [--watch]`: the loop that gets every new checkpoint cosigned.

One per deployment (deploy/pactlog-witness.service). Each round integrates committed events
left behind, then submits the newest checkpoint (`witnessing.submit`); a round costs a few
queries when nothing is new. Witnesses that failed are retried with a backoff, so a witness
that is down is neither hammered nor forgotten: when it returns, the next round catches up.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError
from django.db import close_old_connections

from pactlog.log import policy as log_policy
from pactlog.log.integrate import integrate
from pactlog.log.witnessing import Outcome, submit


def _report(out: Any, outcomes: list[Outcome]) -> None:
    for outcome in outcomes:
        out.write(f"{outcome.witness}: {outcome.result} {outcome.detail}".rstrip() + "\n")


def watch_witnesses(out: Any, *, forever: bool, interval: float) -> None:
    try:
        if log_policy.load() is None:
            raise CommandError("no witness policy: set PACTLOG_LOG_POLICY to a tlog-policy file")
    except ImproperlyConfigured as exc:
        raise CommandError(str(exc)) from None
    integrate()
    _report(out, submit(patient=False))
    while forever:
        time.sleep(max(interval, 0.01))
        close_old_connections()
        integrate()
        outcomes = [o for o in submit() if o.result not in ("already", "waiting", "superseded")]
        _report(out, outcomes)
        out.flush()
