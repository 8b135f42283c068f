"""Showing claims writes nothing: the pages and the API read stored verdicts, or compute one in
memory when the record has moved on; verdict rows are written after commits and by commands."""

from __future__ import annotations

import io

from django.core.management import call_command

from pactlog.claims.models import Claim, ClaimVerdict
from pactlog.claims.services import save_claim
from pactlog.claims.spec import parse_claim
from pactlog.claims.tests.conftest import count_claim


def test_claim_pages_and_api_store_no_verdict(client, small_call):
    claim = save_claim(small_call, parse_claim(count_claim(op="=", value=2)))[0]
    assert not ClaimVerdict.objects.exists()  # no commit ran: nothing refreshed yet
    listing = client.get("/en/test-call/claims/")
    page = client.get(f"/en/test-call/claims/{claim.public_id}/")
    api = client.get("/api/v1/agreements/test-call/claims")
    assert listing.status_code == page.status_code == api.status_code == 200
    assert api.json()[0]["verdict"]["verdict"] == "inconsistent"  # computed in memory
    assert not ClaimVerdict.objects.exists()
    assert Claim.objects.get(pk=claim.pk).checked_version == claim.checked_version
    call_command("claims", "list", "--agreement", "test-call", stdout=io.StringIO())
    stored = ClaimVerdict.objects.get(claim=claim)
    assert stored.verdict == "inconsistent"
    client.get(f"/en/test-call/claims/{claim.public_id}/")
    assert ClaimVerdict.objects.count() == 1
