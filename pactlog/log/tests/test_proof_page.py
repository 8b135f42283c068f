"""`/<lang>/log/entries/<n>/`: one entry and its inclusion proof, for people."""

from __future__ import annotations

import base64
import json

import pytest

from pactlog.log.integrate import integrate
from pactlog.log.tests.helpers import small_registry
from pactlog.tlog import leaf_hash, verify_inclusion


@pytest.fixture
def logged(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        small_registry()
    integrate()


def test_the_page_shows_the_entry_and_a_proof_that_checks_out(client, logged):
    api = client.get("/api/v1/log/entries/3").json()
    html = client.get("/en/log/entries/3/").content.decode()
    assert "Log entry 3" in html and "leads from the entry to the root hash" in html
    assert api["leaf_hash"] in html and api["root_hash"] in html
    assert all(h in html for h in api["inclusion_proof"])
    assert json.loads(base64.b64decode(api["entry_base64"]))["type"] in html
    # The hashes shown are a real proof: they lead to the root.
    proof = [base64.b64decode(h) for h in api["inclusion_proof"]]
    data = base64.b64decode(api["entry_base64"])
    verify_inclusion(
        leaf_hash(data), 3, api["tree_size"], proof, base64.b64decode(api["root_hash"])
    )
    french = client.get("/fr/log/entries/3/").content.decode()
    assert "Preuve d&#x27;inclusion" in french or "Preuve d'inclusion" in french


@pytest.mark.parametrize("index", ["999999", "99999999999999999999999"])
def test_an_entry_the_log_does_not_have_is_a_404_page(client, logged, index):
    response = client.get(f"/en/log/entries/{index}/")
    assert response.status_code == 404 and b"the log has" in response.content
