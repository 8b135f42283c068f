"""Five generated claims about the example agreement, one of each kind, covering every verdict.

Their numbers are read from the example's own counts (so they stay right if the generator
changes), and their sources are labelled as fictional: never presented as real reporting.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pactlog.claims.engine import Definition, series
from pactlog.claims.services import save_claim
from pactlog.claims.spec import parse_claim
from pactlog.claims.verdicts import read_lives
from pactlog.registry.models import Agreement

PUBLISHER = "Example Gazette (fictional, generated example data)"


def _source(title: str, day: dt.date) -> dict[str, Any]:
    return {"title": title, "publisher": PUBLISHER, "published": day.isoformat()}


def example_claims(agreement: Agreement) -> list[dict[str, Any]]:
    """The five claims, in the format of `pactlog claims add`."""
    assert agreement.launched_on is not None
    launch = agreement.launched_on
    lives = read_lives(agreement)
    total = series(lives, Definition("total"))
    states = series(lives, Definition("state"))
    month = launch + dt.timedelta(days=30)
    certain_month = total.at(month).low
    # A day whose count the record cannot settle: the first with uncertain supporters after launch.
    unsure_day = next((d for d in total.days if d > launch and total.at(d).uncertain > 0), launch)
    unsure = total.at(unsure_day)
    at_launch = states.at(launch)
    return [
        {"source": _source("Example call passes a milestone", month),
         "quote": f"at least {certain_month // 10 * 10} supporters a month after its launch",
         "as_of": month.isoformat(), "kind": "count", "quantity": "total", "op": ">=",
         "value": certain_month // 10 * 10},
        {"source": _source("States rally to the example call", launch),
         "quote": f"{at_launch.high + 5} states signed on the first day",
         "as_of": launch.isoformat(), "kind": "count", "quantity": "state", "op": "=",
         "value": at_launch.high + 5},
        {"source": _source("How many back the example call?", unsure_day),
         "quote": f"exactly {unsure.low + 1} supporters so far",
         "as_of": unsure_day.isoformat(), "kind": "count", "quantity": "total", "op": "=",
         "value": unsure.low + 1},
        {"source": _source("Who stays out of the example call", launch + dt.timedelta(days=365)),
         "quote": "China and Russia have not signed",
         "as_of": (launch + dt.timedelta(days=365)).isoformat(), "kind": "states-absent",
         "states": ["CHN", "RUS"]},
        {"source": _source("Example call launched", launch + dt.timedelta(days=1)),
         "quote": "the call was launched today",
         "as_of": (launch + dt.timedelta(days=1)).isoformat(), "kind": "launch-date",
         "value": (launch + dt.timedelta(days=1)).isoformat()},
    ]  # fmt: skip


def add_example_claims(agreement: Agreement) -> None:
    for claim in example_claims(agreement):
        save_claim(agreement, parse_claim(claim))
