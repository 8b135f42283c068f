"""The site's groups file as the verifier reads it: once, on the first claim about a group, and
refused, with a reason, when it is missing, not JSON, or not a groups document."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from pactlog.tlog import directory_fetcher
from pactlog.verifier.groupclaims import SOURCE, GroupsError, SiteGroups, memberships_from_json


def test_the_file_is_read_once_and_only_when_a_claim_names_a_group(tmp_path):
    reads: list[str] = []
    files = directory_fetcher(tmp_path)

    def fetch(path: str) -> bytes:
        reads.append(path)
        return files(path)

    groups = SiteGroups(fetch)
    assert groups.notes() == [] and reads == []
    with pytest.raises(GroupsError, match=re.escape("the site does not serve /log/groups.json")):
        groups.windows("g7")
    (tmp_path / "groups.json").write_text('{"groups": ')
    with pytest.raises(GroupsError, match="the site does not serve"):
        groups.windows("five-eyes")  # not read again
    assert reads == ["groups.json"]

    groups = SiteGroups(fetch)
    with pytest.raises(GroupsError, match=re.escape("/log/groups.json is not JSON")):
        groups.windows("g7")

    (tmp_path / "groups.json").write_bytes(
        b'{"groups": {"g7": {"memberships": [{"country": "FRA", "since": null, "until": null},'
        b' {"country": "GBR", "since": "2000-01-01", "until": "2001-01-01"}]}}}'
    )
    groups = SiteGroups(fetch)
    windows = groups.windows("g7")
    assert sorted(windows) == ["FRA", "GBR"]
    assert windows["GBR"][0].covers(dt.date(2000, 6, 1))
    assert not windows["GBR"][0].covers(dt.date(2001, 1, 1))
    with pytest.raises(GroupsError, match=re.escape("group 'eu' is not in /log/groups.json")):
        groups.windows("eu")
    groups.windows("g7")
    assert groups.used == ["g7", "g7"]
    assert groups.notes() == [f"claims: 2 about a group (g7): verdicts {SOURCE}"]


@pytest.mark.parametrize(
    "document",
    [[], {"groups": []}, {"groups": {"g7": {}}}, {"groups": {"g7": {"memberships": [{}]}}},
     {"groups": {"g7": {"memberships": [{"country": "FRA", "since": 2000}]}}}],
)  # fmt: skip
def test_documents_that_are_not_groups_files_are_refused(document):
    with pytest.raises(GroupsError, match="is not a groups file"):
        memberships_from_json(document)
