import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def supporters(*args: str) -> dict:
    out = StringIO()
    call_command(
        "supporters",
        "--agreement",
        "paris-call",
        "--as-of",
        "2020-12-31",
        *args,
        "--json",
        stdout=out,
    )
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_group_filter_keeps_supporters_from_member_states(paris_call):
    states = supporters("--category", "state", "--group", "five-eyes")
    assert sorted(s["country"] for s in states["supporters"]) == ["AUS", "CAN", "GBR", "NZL"]
    everyone = supporters("--group", "g7")
    assert everyone["count"] > len(states["supporters"])
    assert {s["country"] for s in everyone["supporters"]} <= {
        "CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA",
    }  # fmt: skip


@pytest.mark.django_db
def test_unknown_group_exits_1(paris_call):
    with pytest.raises(CommandError, match="no group 'nope'") as raised:
        supporters("--group", "nope")
    assert raised.value.returncode == 1
