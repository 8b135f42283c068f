"""The `pactlog-verify` wheel, installed alone in a fresh venv with only cryptography: Django
cannot be imported there, and it verifies the Tessera log of the test vectors, a live instance
over the real Paris Call data (its published claims' verdicts recomputed), a receipt offline,
and monitors that instance."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile

import pytest

from pactlog.log import keys
from pactlog.tlog.tests.vectors import TESSERA_LOG, TESSERA_VKEY

pytestmark = pytest.mark.slow
ATOM = "{http://www.w3.org/2005/Atom}"


def test_only_cryptography_is_installed_and_django_is_not_importable(each_wheel_env):
    result = each_wheel_env.python_code("import django")
    assert result.returncode != 0 and "No module named 'django'" in result.stderr
    freeze = each_wheel_env.python_code("import importlib.metadata as m; "
                                        "print(sorted(d.metadata['Name'].lower() for d in m.distributions()))")  # fmt: skip
    names = eval(freeze.stdout)
    assert "pactlog-verify" in names and "cryptography" in names
    assert not {"django", "babel", "pycountry", "pactlog"} & set(names)
    assert each_wheel_env.run("--version").stdout.strip() == "pactlog-verify 0.1.0"


def test_the_wheel_ships_the_country_tables(wheel_env):
    files = zipfile.ZipFile(wheel_env.wheel).namelist()
    for data in ("countries_en.json", "countries_fr.json"):
        assert f"pactlog/verifier/{data}" in files


def test_wheel_verifies_the_tessera_log(each_wheel_env):
    result = each_wheel_env.run("log", str(TESSERA_LOG), "--key", TESSERA_VKEY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: example.com/log/testdata size ")


def test_wheel_verifies_monitors_and_checks_receipts_of_a_live_instance(
    real_site, each_wheel_env, tmp_path, client
):
    key = keys.verifier_key()
    result = each_wheel_env.run(real_site, "--key", key)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every count and supporter list matches the log" in result.stdout

    receipt = tmp_path / "entry.tlog-proof"
    receipt.write_bytes(client.get("/log/proof/42").content)
    result = each_wheel_env.run("proof", str(receipt), "--key", key)
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
        result = each_wheel_env.run("monitor", real_site, "--key", key, "--state",
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

    atom = tmp_path / "fr.atom"  # in French: the French feed's words, from the wheel's tables
    result = each_wheel_env.run("monitor", real_site, "--key", key, "--state", str(tmp_path / "fr"),
                           "--watch", "state:FRA@paris-call", "--from-start", "--atom", str(atom),
                           "-q", "--lang", "fr")  # fmt: skip
    assert result.returncode == 0, result.stderr
    notified = [e.findtext(f"{ATOM}title") for e in ET.parse(atom).getroot().iter(f"{ATOM}entry")]
    feed = ET.fromstring(client.get("/fr/paris-call/feed/?state=FRA").content)
    listed = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert listed == notified[: len(listed)] and len(notified) == counts["state:FRA@paris-call"]
    assert (notified[-1] or "").startswith("France : début du soutien à « Appel de Paris")
    assert counts["state:FRA@paris-call"] >= 1 and counts["group:five-eyes@paris-call"] >= 3


def test_wheel_recomputes_the_claims_verdicts_as_pactlog_verify_does(
    paris_call_site, wheel_env, capsys
):
    """The ten 2018 claims: the installed wheel alone recomputes their verdicts, and names a
    served verdict that was altered, with the very lines of the application's `pactlog verify`
    (the two claims about a group with the memberships the site serves at /log/groups.json)."""
    from django.db.models import Q

    from pactlog.claims.models import Claim, ClaimVerdict
    from pactlog.verifier.groupclaims import GIVES, SOURCE
    from pactlog.verifier.site import main as verify_main

    key = keys.verifier_key()
    result = wheel_env.run(paris_call_site, "--key", key)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"claims: 2 about a group (five-eyes): verdicts {SOURCE}" in result.stdout

    forged = {}
    counts_and_groups = Q(quantity__in=["total", "state"]) | ~Q(group="")
    for claim in Claim.objects.filter(counts_and_groups):
        row = claim.latest_verdict()
        assert row is not None
        said = row.details["verdict"]
        forged[claim.public_id] = "undetermined" if said != "undetermined" else "consistent"
        ClaimVerdict.objects.filter(pk=row.pk).update(
            details={**row.details, "verdict": forged[claim.public_id]}
        )
    assert len(forged) == 5
    result = wheel_env.run(paris_call_site, "--key", key, "-q")
    assert result.returncode == 1, result.stdout + result.stderr
    differs = sorted(line for line in result.stdout.splitlines() if line.startswith("DIFFERS:"))
    assert [line.split()[2].rstrip(":") for line in differs] == sorted(forged)
    assert all(f"site says '{forged[line.split()[2].rstrip(':')]}'" in line for line in differs)
    assert sum(GIVES in line for line in differs) == 2

    assert verify_main([paris_call_site, "--key", key, "-q"], prog="pactlog verify") == 1
    application = capsys.readouterr().out.splitlines()
    assert sorted(line for line in application if line.startswith("DIFFERS:")) == differs
