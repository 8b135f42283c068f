"""The ten published 2018 claims about the Paris Call, checked against the real snapshots.

The history bundle (commit by commit) is read by `pactlog import-git`, which this branch does
not have yet: the record here is the two year-end snapshots, so every early supporter is dated
only as "by 2019-12-31". The verdicts below say what that record can and cannot settle.
"""

import json

import pytest
from django.core.management import call_command

from conftest import PARISCALL
from pactlog.claims.models import Claim
from pactlog.claims.verdicts import refresh


@pytest.fixture
def verdicts(paris_call, capsys):
    call_command(
        "claims", "add", "--agreement", "paris-call",
        "--json", str(PARISCALL / "claims-2018.json"), "--report",
    )  # fmt: skip
    report = json.loads(capsys.readouterr().out)
    assert report["added"] == 10 and report["problems"] == []
    found = {}
    for claim in Claim.objects.select_related("agreement"):
        latest = refresh(claim)
        assert latest is not None
        found[claim.quote[:30], claim.kind, claim.quantity, claim.value] = latest.details
    return found


def test_each_2018_claim_gets_its_verdict_and_reason(verdicts, capsys):
    def one(quote: str, kind: str, quantity: str = "", value=None):
        return verdicts[quote[:30], kind, quantity, value]

    # Counts: the early supporters are dated [unknown, 2019-12-31], so on the day of each
    # claim the range runs from the few supporters with a known day to all of them.
    total = one("has gained almost 100 additional", "count", "total", 450)
    assert total["verdict"] == "undetermined" and total["reason"] == "range-straddles"
    assert total["range"]["low"] <= 450 < total["range"]["high"]
    assert total["definition"] == {"quantity": "total", "counting": "in-force"}
    for quote, quantity, value in [
        ("U.S. companies like Microsoft,", "state", 51),
        ("the list of over 50 countries,", "state", 50),
        ("Microsoft, Facebook, and Google", "private-sector", 103),
        ("the list of over 50 countries,", "private-sector", 130),
        ("the list of over 50 countries,", "civil-society", 90),
    ]:
        found = one(quote, "count", quantity, value)
        assert found["verdict"] == "undetermined", (quantity, value)
        assert found["range"]["low"] <= value <= found["range"]["high"]
    states = one("U.S. companies like Microsoft,", "count", "state", 51)["range"]
    assert states == {"low": 0, "high": 70, "uncertain": 70}  # none dated before 2019

    # Membership: the United States is certainly absent (on no list); Australia, Canada, the
    # United Kingdom and New Zealand are on the 2019 list, undated, so they may or may not.
    absent = one("Besides the United States, Aus", "states-absent")
    parts = {p["country"]: (p["status"], p["verdict"]) for p in absent["parts"]}
    assert parts == {
        "USA": ("out", "consistent"), "TUR": ("out", "consistent"),
        "ISR": ("out", "consistent"), "AUS": ("unsure", "undetermined"),
    }  # fmt: skip
    assert absent["verdict"] == "undetermined" and absent["reason"] == "members-uncertain"
    for quote in ("it makes the U.S. the only coun", "Another key absentee from the a"):
        five = one(quote, "group-missing")
        assert five["group"] == "five-eyes" and five["verdict"] == "undetermined"
        parts = {p["country"]: p["verdict"] for p in five["parts"]}
        assert parts["USA"] == "consistent"
        assert {parts[c] for c in ("CAN", "GBR", "NZL")} == {"undetermined"}

    # Launch: the agreement records 12 November 2018, so "November 13" is inconsistent.
    launch = one("since it was introduced by Fren", "launch-date")
    assert launch["verdict"] == "inconsistent" and launch["reason"] == "launch-differs"
    assert launch["recorded"] == "2018-11-12"
