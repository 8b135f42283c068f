"""The log as served under /log/: C2SP tlog-tiles, read by `pactlog tlog verify` and by an
independent reader written here from the specifications (hashlib and Ed25519 only, no
`pactlog.tlog` code), plus the HTTP details (caching, CORS, ETags) and the proof API."""

from __future__ import annotations

import base64
import hashlib
import urllib.error
import urllib.request

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from pactlog.log import keys
from pactlog.log.integrate import integrate
from pactlog.log.tests.helpers import small_registry
from pactlog.registry.models import Event
from pactlog.tlog.cli import main as tlog_main


@pytest.fixture
def served(live_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        small_registry(260)  # one full tile and bundle, then partial ones
    integrate()
    return live_server.url


# --- an independent reader, from the texts of RFC 6962, C2SP signed-note and tlog-tiles ----


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def mth(leaves: list[bytes]) -> bytes:
    """RFC 6962 section 2.1, recursively, straight from the definition."""
    if not leaves:
        return sha256(b"")
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return sha256(b"\x01" + mth(leaves[:k]) + mth(leaves[k:]))


def index_path(n: int) -> str:
    """tlog-tiles: N in groups of three digits, all but the last prefixed with x."""
    text = f"{n:03d}"
    text = "0" * (-len(text) % 3) + text
    groups = [text[i : i + 3] for i in range(0, len(text), 3)]
    return "/".join([f"x{g}" for g in groups[:-1]] + [groups[-1]])


def read_log(base: str, vkey: str) -> tuple[int, bytes, list[bytes]]:
    name, key_hex, key64 = vkey.split("+", 2)
    key = base64.b64decode(key64)
    assert key[0] == 1 and len(key) == 33  # Ed25519
    assert hashlib.sha256(name.encode() + b"\n" + key).digest()[:4].hex() == key_hex
    note = get(base + "checkpoint").decode()
    text, _, signatures = note.rpartition("\n\n")
    text += "\n"
    verified = False
    for line in signatures.splitlines():
        dash, signer, sig64 = line.split(" ")
        sig = base64.b64decode(sig64)
        if dash == "\u2014" and signer == name and sig[:4].hex() == key_hex:
            Ed25519PublicKey.from_public_bytes(key[1:]).verify(sig[4:], text.encode())
            verified = True
    assert verified
    origin, size_text, root64 = text.splitlines()[:3]
    assert origin == name
    size, root = int(size_text), base64.b64decode(root64)
    entries: list[bytes] = []
    for n in range(-(-size // 256)):
        width = min(256, size - 256 * n)
        suffix = "" if width == 256 else f".p/{width}"
        data = get(f"{base}tile/entries/{index_path(n)}{suffix}")
        while data:
            length = int.from_bytes(data[:2], "big")
            entries.append(data[2 : 2 + length])
            data = data[2 + length :]
    assert len(entries) == size
    leaves = [sha256(b"\x00" + e) for e in entries]
    assert mth(leaves) == root
    # The level-0 hash tiles hold exactly the leaf hashes.
    for n in range(-(-size // 256)):
        width = min(256, size - 256 * n)
        suffix = "" if width == 256 else f".p/{width}"
        assert get(f"{base}tile/0/{index_path(n)}{suffix}") == b"".join(
            leaves[256 * n : 256 * n + width]
        )
    return size, root, entries


def test_served_log_verifies_with_tlog_verify_and_an_independent_reader(served, capsys):
    vkey = keys.verifier_key()
    assert tlog_main(["verify", f"{served}/log/", "--key", vkey]) == 0
    assert f"size {Event.objects.count()}" in capsys.readouterr().out
    size, _, entries = read_log(f"{served}/log/", vkey)
    assert size == Event.objects.count()
    assert b'"seq":0,"type":"agreement.saved"' in entries[0]


def test_files_are_cached_as_the_spec_allows(served):
    with urllib.request.urlopen(f"{served}/log/checkpoint") as r:
        assert r.headers["Cache-Control"].startswith("public, max-age=5")
        assert r.headers["Access-Control-Allow-Origin"] == "*"
        assert r.headers["Content-Type"].startswith("text/plain")
        etag = r.headers["ETag"]
    request = urllib.request.Request(f"{served}/log/checkpoint", headers={"If-None-Match": etag})
    with pytest.raises(urllib.error.HTTPError) as not_modified:
        urllib.request.urlopen(request)
    assert not_modified.value.code == 304
    with urllib.request.urlopen(f"{served}/log/tile/0/000") as r:
        assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert len(r.read()) == 8192
    for bad in ("tile/0/000.p/0", "tile/9/999", "tile/../x", "tile/entries/001.p/999"):
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{served}/log/{bad}")
        assert missing.value.code == 404


def test_log_page_in_english_and_french(served):
    english = get(f"{served}/en/log/").decode()
    assert keys.verifier_key() in english and "pactlog-verify log" in english
    assert "Journal vérifiable" in get(f"{served}/fr/log/").decode()


def test_entry_api_gives_a_proof_an_outsider_can_check(served, client):
    answer = client.get("/api/v1/log/entries/257").json()
    entry = base64.b64decode(answer["entry_base64"])
    assert answer["entry"]["seq"] == 257
    node = sha256(b"\x00" + entry)
    index, size = 257, answer["tree_size"]
    # RFC 9162 2.1.3.2, from the text.
    fn, sn = index, size - 1
    for sibling64 in answer["inclusion_proof"]:
        sibling = base64.b64decode(sibling64)
        if fn & 1 or fn == sn:
            node = sha256(b"\x01" + sibling + node)
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            node = sha256(b"\x01" + node + sibling)
        fn, sn = fn >> 1, sn >> 1
    assert node == base64.b64decode(answer["root_hash"])
    assert answer["root_hash"] in answer["checkpoint"]
    assert client.get(f"/api/v1/log/entries/{size}").status_code == 404
    assert client.get("/api/v1/log/entries/-1").status_code in (404, 422)


def test_consistency_api(served, client):
    answer = client.get("/api/v1/log/consistency", {"from": 10, "to": 200}).json()
    assert answer["from"] == 10 and answer["to"] == 200 and answer["proof"]
    assert client.get("/api/v1/log/consistency", {"from": 20, "to": 10}).json()["detail"]
    assert client.get("/api/v1/log/consistency", {"from": 0, "to": 10**6}).status_code == 404
