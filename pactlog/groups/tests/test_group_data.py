"""Every group file against the schema and ISO 3166, and the membership dates of docs/spec.md §8."""

import datetime as dt
from pathlib import Path

import pycountry
import pytest
import yaml

from pactlog.groups.catalogue import DATA_DIR, GroupDataError, all_groups, get_group, parse_group
from pactlog.registry.queries import NotFound

FILES = sorted(DATA_DIR.glob("*.yaml"))
REQUIRED = {
    "un-members", "five-eyes", "g7", "g20", "eu", "nato", "oecd", "council-of-europe",
    "african-union", "asean",
}  # fmt: skip
D = dt.date.fromisoformat


def test_the_spec_groups_are_all_there():
    assert REQUIRED <= {g.slug for g in all_groups()}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_file_matches_schema_and_iso_3166(path: Path):
    group = parse_group(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    assert group.slug == path.stem
    assert group.names["en"] and group.names["fr"]
    assert group.source_url.startswith("https://")
    for membership in group.memberships:
        assert pycountry.countries.get(alpha_3=membership.member) is not None, membership.member


def _doc(**changes):
    doc = {
        "slug": "x",
        "names": {"en": "X", "fr": "X"},
        "source_url": "https://example.org/",
        "memberships": [{"country": "FRA", "since": "2000-01-01", "until": None}],
        "non_state_members": [],
    }
    doc.update(changes)
    return doc


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (_doc(names={"en": "X"}), "'fr' is a required property"),
        (_doc(memberships=[{"country": "XYZ", "since": None, "until": None}]), "not ISO 3166-1"),
        (_doc(memberships=[{"country": "fra", "since": None, "until": None}]), "does not match"),
        (
            _doc(memberships=[{"country": "FRA", "since": "2001-02-30", "until": None}]),
            "not a calendar date",
        ),
        (
            _doc(memberships=[{"country": "FRA", "since": "2010-01-01", "until": "2009-01-01"}]),
            "not before",
        ),
        (
            _doc(
                memberships=[
                    {"country": "FRA", "since": "2000-01-01", "until": None},
                    {"country": "FRA", "since": "2005-01-01", "until": None},
                ]
            ),
            "overlap",
        ),
        (_doc(source_url="ftp://x"), "does not match"),
        (_doc(extra=1), "Additional properties"),
    ],
)
def test_bad_data_is_refused_with_a_message(doc, message):
    with pytest.raises(GroupDataError, match=message):
        parse_group(doc, "x.yaml")


def test_yaml_dates_are_read_as_dates():
    group = parse_group(
        yaml.safe_load(
            "slug: x\nnames: {en: X, fr: X}\nsource_url: https://e.org/\n"
            "memberships:\n  - {country: FRA, since: 2000-01-01, until: 2001-01-01}\n"
            "non_state_members: []\n"
        ),
        "x.yaml",
    )
    assert group.members(D("2000-06-01")) == {"FRA"}
    assert group.members(D("2001-01-01")) == set()


def test_unknown_group_is_not_found():
    with pytest.raises(NotFound, match="no group 'nope'"):
        get_group("nope")


@pytest.mark.parametrize(
    ("slug", "country", "member_on", "not_member_on"),
    [
        ("eu", "GBR", "2020-01-31", "2020-02-01"),
        ("eu", "HRV", "2013-07-01", "2013-06-30"),
        ("eu", "POL", "2004-05-01", "2004-04-30"),
        ("eu", "ROU", "2007-01-01", "2006-12-31"),
        ("nato", "FIN", "2023-04-04", "2023-04-03"),
        ("nato", "SWE", "2024-03-07", "2024-03-06"),
        ("nato", "MKD", "2020-03-27", "2020-03-26"),
        ("nato", "MNE", "2017-06-05", "2017-06-04"),
        ("council-of-europe", "RUS", "2022-03-15", "2022-03-16"),
        ("council-of-europe", "MCO", "2004-10-05", "2004-10-04"),
        ("un-members", "SSD", "2011-07-14", "2011-07-13"),
        ("un-members", "CHE", "2002-09-10", "2002-09-09"),
        ("oecd", "CRI", "2021-05-25", "2021-05-24"),
        ("african-union", "MAR", "2017-01-30", "2017-01-29"),
    ],
)
def test_membership_changes_fall_on_their_day(slug, country, member_on, not_member_on):
    group = get_group(slug)
    assert country in group.members(D(member_on))
    assert country not in group.members(D(not_member_on))


def test_sizes_on_known_days():
    assert len(get_group("eu").members(D("2019-12-31"))) == 28
    assert len(get_group("eu").members(D("2020-12-31"))) == 27
    assert len(get_group("nato").members(D("2024-03-07"))) == 32
    assert len(get_group("un-members").members(D("2020-12-31"))) == 193
    assert len(get_group("council-of-europe").members(D("2023-01-01"))) == 46
    assert len(get_group("oecd").members(D("2021-06-01"))) == 38
    assert len(get_group("african-union").members(D("2020-12-31"))) == 54
    assert get_group("five-eyes").members(D("2020-12-31")) == {"AUS", "CAN", "GBR", "NZL", "USA"}
    assert get_group("g7").members(D("2020-12-31")) == {
        "CAN",
        "DEU",
        "FRA",
        "GBR",
        "ITA",
        "JPN",
        "USA",
    }


def test_non_state_members_are_kept_apart_from_states():
    g20 = get_group("g20")
    assert len(g20.members(D("2024-01-01"))) == 19
    assert [n.id for n in g20.non_state_members(D("2023-09-08"))] == ["european-union"]
    assert [n.id for n in g20.non_state_members(D("2023-09-09"))] == [
        "european-union", "african-union",
    ]  # fmt: skip


def test_changes_list_joins_and_departures():
    changes = {c.day: c for c in get_group("eu").changes()}
    assert changes[D("2020-02-01")].left == ("GBR",)
    assert changes[D("2007-01-01")].joined == ("BGR", "ROU")
