"""`pactlog verify` recomputes the verdicts of claims about a group with the memberships the site
serves at `/log/groups.json` (not part of the log), on the real Paris Call data and its 2018
claims: it says so, names an altered verdict, and notices memberships the site changed."""

from __future__ import annotations

from typing import Any

import pytest

from pactlog.claims.models import Claim, ClaimVerdict
from pactlog.claims.verdicts import current
from pactlog.log import groupsfile, keys
from pactlog.verifier.groupclaims import GIVES, SOURCE
from pactlog.verifier.site import main as verify_main

pytestmark = pytest.mark.slow
DOCUMENT = groupsfile.memberships_document


@pytest.fixture
def site(paris_call_site):
    return paris_call_site


def verify(capsys, site: str) -> tuple[int, str]:
    code = verify_main([site, "--key", keys.verifier_key()])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def group_claims() -> dict[str, Claim]:
    found = {c.public_id: c for c in Claim.objects.exclude(group="")}
    assert len(found) == 2 and {c.group for c in found.values()} == {"five-eyes"}
    return found


def differs(out: str) -> dict[str, str]:
    """Each DIFFERS line by the claim it names."""
    return {
        line.split()[2].rstrip(":"): line
        for line in out.splitlines()
        if line.startswith("DIFFERS: claim ")
    }


def serve_groups(monkeypatch, change: Any) -> None:
    """The site serves `change(document)` at /log/groups.json: memberships it altered."""
    monkeypatch.setattr(groupsfile, "memberships_document", lambda: change(DOCUMENT()))


def test_group_claims_are_recomputed_and_said_to_use_the_groups_file(site, capsys):
    code, out = verify(capsys, site)
    assert code == 0, out
    assert f"claims: 2 about a group (five-eyes): verdicts {SOURCE}" in out
    assert SOURCE.endswith("at /log/groups.json (not part of the log)")


def test_an_altered_verdict_on_a_group_claim_is_named(site, capsys):
    forged = {}
    for cid, claim in group_claims().items():
        row = claim.latest_verdict()
        assert row is not None
        said = row.details["verdict"]
        forged[cid] = (said, "undetermined" if said != "undetermined" else "consistent")
        ClaimVerdict.objects.filter(pk=row.pk).update(
            details={**row.details, "verdict": forged[cid][1]}, verdict=forged[cid][1]
        )
    code, out = verify(capsys, site)
    assert code == 1, out
    lines = differs(out)
    assert set(lines) == set(forged), out
    for cid, (said, lie) in forged.items():
        assert f"verdict (verdict): {GIVES} {said!r}, site says {lie!r}" in lines[cid]


def test_memberships_the_site_altered_change_the_recomputed_verdict(site, capsys, monkeypatch):
    """The site serves Five Eyes without the United States: the claims naming it as a missing
    member no longer hold per that file, so the served verdicts do not follow from it."""
    served = {cid: current(c)["verdict"] for cid, c in group_claims().items()}
    assert "inconsistent" not in served.values(), served

    def without_usa(document: dict[str, Any]) -> dict[str, Any]:
        group = document["groups"]["five-eyes"]
        group["memberships"] = [m for m in group["memberships"] if m["country"] != "USA"]
        return document

    serve_groups(monkeypatch, without_usa)
    code, out = verify(capsys, site)
    assert code == 1, out
    lines = differs(out)
    assert set(lines) == set(served), out
    for cid, said in served.items():
        assert f"{GIVES} 'inconsistent', site says {said!r}" in lines[cid]
    assert "FAILED: 2 difference(s)" in out


def test_a_group_missing_from_the_file_or_a_broken_file_is_reported(site, capsys, monkeypatch):
    def without_five_eyes(document: dict[str, Any]) -> dict[str, Any]:
        del document["groups"]["five-eyes"]
        return document

    serve_groups(monkeypatch, without_five_eyes)
    code, out = verify(capsys, site)
    assert code == 1, out
    lines = differs(out)
    assert set(lines) == set(group_claims()), out
    assert all("group 'five-eyes' is not in /log/groups.json" in line for line in lines.values())

    def bad_date(document: dict[str, Any]) -> dict[str, Any]:
        document["groups"]["g7"]["memberships"][0]["since"] = "soon"
        return document

    serve_groups(monkeypatch, bad_date)
    code, out = verify(capsys, site)
    assert code == 1, out
    lines = differs(out)
    assert set(lines) == set(group_claims()), out
    assert all("/log/groups.json is not a groups file" in line for line in lines.values())
