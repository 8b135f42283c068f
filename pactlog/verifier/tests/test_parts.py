"""The verifier's parts: Standard Webhooks signing, the compact range, watches, words, the
country table, the claims' vocabulary, and that none of it imports Django."""

from __future__ import annotations

import json
import string
import subprocess
import sys

import pytest

from pactlog import tlog
from pactlog.registry.countries import all_codes, country_name, is_country
from pactlog.registry.vocabulary import Category, EventType
from pactlog.verifier import claims, claimspec, compact
from pactlog.verifier.changes import WatchError, parse_watch
from pactlog.verifier.countries import LANGUAGES as COUNTRY_LANGUAGES
from pactlog.verifier.countries import country_name as verifier_country_name
from pactlog.verifier.countries import country_name_en, names_file
from pactlog.verifier.countries import is_country as is_country_in_table
from pactlog.verifier.monitor import UsageError, parse_duration
from pactlog.verifier.notify import webhook_signature
from pactlog.verifier.phrases import LANGUAGES, MONTHS, PHRASES
from pactlog.verifier.replay import EVENT_TYPES
from pactlog.verifier.words import actor_name, agreement_title, change_text, spell_interval


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


def test_intervals_in_french_words():
    assert spell_interval({"not_before": "2027-03-03", "not_after": "2027-03-03"}, "fr") == (
        "le 3 mars 2027"
    )
    assert spell_interval({"not_before": None, "not_after": "2019-12-31"}, "fr") == (
        "au plus tard le 31 décembre 2019"
    )
    assert spell_interval({"not_before": "2018-05-01", "not_after": "2019-08-01"}, "fr") == (
        "entre le 1er mai 2018 et le 1er août 2019"
    )
    assert spell_interval({"not_before": "2018-05-01", "not_after": "2018-05-01"}, "de") == (
        "on 1 May 2018"  # a language the verifier does not speak: English
    )


def _fields(template: str) -> set[str]:
    """The placeholders; `whose` (the English possessive) is a form of `who`."""
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return {"who" if name == "whose" else name for name in names}


def test_every_phrase_is_in_every_language_with_the_same_placeholders():
    english = PHRASES["en"]
    assert set(PHRASES) == set(LANGUAGES) == set(MONTHS)
    for lang in LANGUAGES:
        assert set(PHRASES[lang]) == set(english), lang
        for key, template in PHRASES[lang].items():
            assert _fields(template) == _fields(english[key]), (lang, key)
        assert len(MONTHS[lang]) == len(set(MONTHS[lang])) == 12


def test_country_tables_cover_the_same_codes_and_agree_with_babel():
    english = json.loads(names_file("en").read_text(encoding="utf-8"))
    for lang in COUNTRY_LANGUAGES:
        table = json.loads(names_file(lang).read_text(encoding="utf-8"))
        assert set(table) == set(english) == set(all_codes()), lang
        assert all(table.values()), lang
        assert table == {code: country_name(code, lang) for code in all_codes()}, lang
    assert verifier_country_name("USA", "fr") == "États-Unis"
    assert verifier_country_name("USA", "de") == "United States"


def test_a_change_is_said_in_each_language_with_the_titles_of_that_language():
    actor = {"id": "aus", "kind": "state", "country": "AUS", "name": "AUS"}
    agreement = {"slug": "paris-call", "title": {"en": "the Paris Call", "fr": "Appel de Paris"}}
    ended = {
        "status": "withdrawn",
        "start": {"not_before": "2018-11-12", "not_after": "2018-11-12"},
        "end": {"not_before": "2027-03-03", "not_after": "2027-03-03"},
    }
    assert change_text("endorsement.ended", ended, actor, agreement, "fr") == (
        "Australie : fin du soutien à « Appel de Paris » le 3 mars 2027 (retiré)"
    )
    assert change_text("endorsement.updated", {**ended, "status": "active"}, actor, agreement,
                       "fr") == (
        "Australie : dates du soutien à « Appel de Paris » corrigées : début le 12 novembre "
        "2018, fin le 3 mars 2027 (actif)"
    )  # fmt: skip
    assert change_text("endorsement.updated", {**ended, "end": None}, actor, agreement) == (
        "Australia's endorsement of the Paris Call was corrected: it started on 12 November "
        "2018 (withdrawn)"
    )
    english_only = {"slug": "paris-call", "title": {"en": "the Paris Call"}}
    assert change_text("endorsement.started", ended, actor, english_only, "fr") == (
        "Australie : début du soutien à « the Paris Call » le 12 novembre 2018"
    )
    assert agreement_title({"slug": "paris-call"}, "fr") == "paris-call"


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
    codes = set(json.loads(names_file("en").read_text(encoding="utf-8")))
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


def test_an_organisation_is_named_in_the_readers_language_when_its_entry_gives_the_form():
    anssi = {
        "id": "anssi",
        "kind": "organisation",
        "name": "Agence nationale de la sécurité des systèmes d'information",
        "names": {"en": "French National Cybersecurity Agency"},
    }
    assert actor_name(anssi, "en") == "French National Cybersecurity Agency"
    assert actor_name(anssi, "fr") == anssi["name"]
    assert actor_name({**anssi, "names": {}}, "en") == anssi["name"]
    assert (
        actor_name({"id": "x", "kind": "state", "country": "FRA", "names": {"en": "No"}})
        == "France"
    )


def test_json_nested_beyond_the_parsers_depth_is_refused_not_a_crash():
    from pactlog.verifier import untrusted
    from pactlog.verifier.entries import EntryError, parse_entry
    from pactlog.verifier.groupclaims import GroupsError, SiteGroups

    deep = b"[" * 60_000 + b"]" * 60_000  # fits in one log entry (65,535 bytes)
    with pytest.raises(ValueError, match="nested too deeply"):
        untrusted.loads(deep)
    with pytest.raises(EntryError, match="entry 3 is not UTF-8 JSON: nested too deeply"):
        parse_entry(deep, 3)
    groups = SiteGroups(lambda path: deep)
    with pytest.raises(GroupsError, match="not JSON"):
        groups.windows("g7")
