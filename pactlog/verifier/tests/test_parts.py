"""The verifier's parts: Standard Webhooks signing, the compact range, watches, words, the
country table, the claims' vocabulary, and that none of it imports Django."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pactlog import tlog
from pactlog.registry.countries import all_codes, country_name, is_country
from pactlog.registry.vocabulary import Category, EventType
from pactlog.verifier import claims, claimspec, compact
from pactlog.verifier.changes import WatchError, parse_watch
from pactlog.verifier.countries import NAMES_FILE, country_name_en
from pactlog.verifier.countries import is_country as is_country_in_table
from pactlog.verifier.monitor import UsageError, parse_duration
from pactlog.verifier.notify import webhook_signature
from pactlog.verifier.replay import EVENT_TYPES
from pactlog.verifier.words import spell_interval


def test_webhook_signature_matches_the_standard_webhooks_example():
    """The example of the Standard Webhooks specification."""
    signature = webhook_signature(
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1614265330,
        b'{"test": 2432232314}',
    )
    assert signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


@pytest.mark.parametrize("size", [0, 1, 2, 3, 7, 8, 255, 256, 257, 1000])
def test_compact_range_gives_the_root_of_every_prefix(size):
    entries = [f"entry {i}".encode() for i in range(size)]
    peaks: compact.Peaks = []
    compact.append(peaks, entries[: size // 3])
    compact.append(peaks, entries[size // 3 :])
    assert compact.root(peaks) == tlog.root_from_leaf_hashes(tlog.leaf_hashes(entries))
    assert compact.size(peaks) == size
    assert compact.from_json(compact.to_json(peaks)) == peaks


def test_watches_parse_and_refuse():
    assert str(parse_watch("state:usa")) == "state:USA"
    assert str(parse_watch("group:five-eyes@paris-call")) == "group:five-eyes@paris-call"
    assert parse_watch(" any ").kind == "any"
    for bad in ("any:x", "state:", "state:US", "planet:mars", "actor:a b", "actor:x@", "x" * 300):
        with pytest.raises(WatchError):
            parse_watch(bad)


def test_intervals_in_words():
    assert spell_interval({"not_before": "2027-03-03", "not_after": "2027-03-03"}) == (
        "on 3 March 2027"
    )
    assert spell_interval({"not_before": None, "not_after": "2019-12-31"}) == "by 31 December 2019"
    assert spell_interval({"not_before": "2018-05-01", "not_after": "2019-12-31"}) == (
        "between 1 May 2018 and 31 December 2019"
    )


def test_durations():
    assert parse_duration("24h") == 86400 and parse_duration("5m") == 300
    assert parse_duration("90") == 90
    for bad in ("", "0s", "-1m", "5 minutes", "1e9999h"):
        with pytest.raises(UsageError):
            parse_duration(bad)


def test_country_table_agrees_with_babel():
    assert {code: country_name_en(code) for code in all_codes()} == {
        code: country_name(code, "en") for code in all_codes()
    }


def test_event_types_are_the_registry_vocabulary():
    assert set(EVENT_TYPES) == set(EventType.values)


def test_claim_categories_are_the_registry_vocabulary():
    assert claims.CATEGORIES == tuple(Category.values)
    assert claimspec.QUANTITIES == ("total", *Category.values, "group")


def test_the_country_table_knows_exactly_the_iso_codes():
    codes = set(json.loads(NAMES_FILE.read_text(encoding="utf-8")))
    assert codes == set(all_codes()) and len(codes) > 240
    for code in ("FRA", "USA", "XKX", "fra", "ZZZ", "", "FRAN"):
        assert is_country_in_table(code) == is_country(code), code


def test_the_verifier_parses_claims_about_any_group_the_application_only_its_own():
    from pactlog.claims.spec import parse_claim

    data = {"kind": "group-missing", "group": "g99", "missing": ["FRA"], "as_of": "2020-01-01"}
    assert claimspec.parse_claim(data, with_source=False).group == "g99"
    with pytest.raises(claims.ClaimError, match="group must be one of"):
        parse_claim(data, with_source=False)
    assert parse_claim({**data, "group": "g7"}, with_source=False).group == "g7"
    for bad in ("", "G7", "g 7", 7, None, "x" * 81):
        with pytest.raises(claims.ClaimError, match="group must be a group's slug"):
            claimspec.parse_claim({**data, "group": bad}, with_source=False)


def test_the_verifier_imports_no_django():
    code = (
        "import sys, pactlog.verifier.cli, pactlog.verifier.monitor, pactlog.verifier.receipt, "
        "pactlog.verifier.site, pactlog.verifier.claimcheck, pactlog.tlog; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('django', 'babel', 'pycountry', "
        "'yaml', 'ninja')]; print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
