"""The `pactlog-verify` wheel, installed alone in a fresh venv with only cryptography: Django
cannot be imported there, and it verifies the Tessera log of the test vectors, a live instance
over the real Paris Call data, a receipt offline, and monitors that instance."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from pactlog.log import keys
from pactlog.tlog.tests.vectors import TESSERA_LOG, TESSERA_VKEY, needs_vectors

pytestmark = pytest.mark.slow
ATOM = "{http://www.w3.org/2005/Atom}"


def test_only_cryptography_is_installed_and_django_is_not_importable(wheel_env):
    result = wheel_env.python_code("import django")
    assert result.returncode != 0 and "No module named 'django'" in result.stderr
    freeze = wheel_env.python_code("import importlib.metadata as m; "
                                   "print(sorted(d.metadata['Name'].lower() for d in m.distributions()))")  # fmt: skip
    names = eval(freeze.stdout)
    assert "pactlog-verify" in names and "cryptography" in names
    assert not {"django", "babel", "pycountry", "pactlog"} & set(names)
    assert wheel_env.run("--version").stdout.strip() == "pactlog-verify 0.1.0"


@needs_vectors
def test_wheel_verifies_the_tessera_log(wheel_env):
    result = wheel_env.run("log", str(TESSERA_LOG), "--key", TESSERA_VKEY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: example.com/log/testdata size ")


def test_wheel_verifies_monitors_and_checks_receipts_of_a_live_instance(
    real_site, wheel_env, tmp_path, client
):
    key = keys.verifier_key()
    result = wheel_env.run(real_site, "--key", key)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every count and supporter list matches the log" in result.stdout

    receipt = tmp_path / "entry.tlog-proof"
    receipt.write_bytes(client.get("/log/proof/42").content)
    result = wheel_env.run("proof", str(receipt), "--key", key)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: entry 42 of ")

    feeds = {
        "group:five-eyes@paris-call": "/en/paris-call/feed/?group=five-eyes",
        "state:FRA@paris-call": "/en/paris-call/feed/?state=FRA",
        "state:USA@paris-call": "/en/paris-call/feed/?state=USA",
        "category:private-sector@paris-call": "/en/paris-call/feed/?category=private-sector",
    }
    counts = {}
    for watch, feed_url in feeds.items():
        atom = tmp_path / f"{watch}.atom"
        result = wheel_env.run("monitor", real_site, "--key", key, "--state",
                               str(tmp_path / watch), "--watch", watch, "--from-start",
                               "--atom", str(atom), "-q")  # fmt: skip
        assert result.returncode == 0, result.stderr
        entries = ET.parse(atom).getroot().iter(f"{ATOM}entry") if atom.exists() else []
        notified = [e.findtext(f"{ATOM}title") for e in entries]
        feed = ET.fromstring(client.get(feed_url).content)
        listed = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
        assert listed == notified[: len(listed)], watch  # newest first, the same changes
        counts[watch] = len(notified)
    assert counts["state:USA@paris-call"] == 0  # the United States joined in 2021
    assert counts["state:FRA@paris-call"] >= 1 and counts["group:five-eyes@paris-call"] >= 3
    print(counts)
