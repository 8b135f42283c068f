"""`pactlog.env`: each helper reads its variable strictly and names it when it refuses one."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactlog import env
from pactlog.env import EnvError

NAME = "PACTLOG_TEST_VARIABLE"


@pytest.fixture
def variable(monkeypatch):
    def set_to(value: str | None) -> None:
        if value is None:
            monkeypatch.delenv(NAME, raising=False)
        else:
            monkeypatch.setenv(NAME, value)

    return set_to


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, True), ("", True), ("  ", True), ("1", True), ("TRUE", True), (" yes ", True),
     ("on", True), ("0", False), ("False", False), ("no", False), ("OFF", False)],
)  # fmt: skip
def test_flag_reads_the_usual_spellings(variable, value, expected):
    variable(value)
    assert env.flag(NAME, True) is expected


@pytest.mark.parametrize("typo", ["ture", "flase", "2", "y", "enabled", "0n", "true!"])
def test_a_flag_typo_is_refused_never_read_as_false(variable, typo):
    variable(typo)
    with pytest.raises(EnvError, match=rf"^{NAME} must be one of 1, true, yes, on, 0, false"):
        env.flag(NAME, False)


def test_unset_and_empty_mean_the_default(variable):
    for value in (None, "", " \t"):
        variable(value)
        assert env.flag(NAME, False) is False
        assert env.integer(NAME, 7) == 7
        assert env.items(NAME, ["a"]) == ["a"]
        assert env.text(NAME, "default") == "default"
        assert env.choice(NAME, "INFO", ("INFO", "ERROR")) == "INFO"
        assert env.path(NAME, Path("/x")) == Path("/x")


def test_integer_reads_a_whole_number_within_bounds(variable):
    variable(" 42 ")
    assert env.integer(NAME, 0) == 42
    variable("-3")
    assert env.integer(NAME, 0) == -3
    with pytest.raises(EnvError, match=rf"^{NAME} must be at least 0, not -3$"):
        env.integer(NAME, 0, minimum=0)
    variable("10")
    with pytest.raises(EnvError, match=rf"^{NAME} must be at least 1 and at most 5, not 10$"):
        env.integer(NAME, 1, minimum=1, maximum=5)


@pytest.mark.parametrize(
    "value", ["forever", "1.5", "1e3", "0x10", "12abc", "1_000", "\u0661\u0662"]
)
def test_integer_refuses_what_is_not_a_whole_number(variable, value):
    variable(value)
    with pytest.raises(EnvError, match=rf"^{NAME} must be a whole number, not '"):
        env.integer(NAME, 0)


@pytest.mark.parametrize("value", ["x" * 10_000, "9" * 10_000])
def test_a_huge_value_is_refused_and_shown_cut(variable, value):
    variable(value)
    with pytest.raises(EnvError, match=f"^{NAME}") as raised:
        env.integer(NAME, 0)
    assert len(str(raised.value)) < 150


def test_items_splits_on_commas_and_drops_empty_items(variable):
    variable(" a.example , b.example,,  ")
    assert env.items(NAME) == ["a.example", "b.example"]


def test_choice_is_read_in_any_case_and_refuses_others(variable):
    variable("debug")
    assert env.choice(NAME, "WARNING", ("DEBUG", "WARNING")) == "DEBUG"
    variable("loud")
    with pytest.raises(EnvError, match=rf"^{NAME} must be one of DEBUG, WARNING, not 'LOUD'$"):
        env.choice(NAME, "WARNING", ("DEBUG", "WARNING"))


@pytest.mark.parametrize(
    ("value", "needle"),
    [
        ("example.org", "must be a URL starting http, https:"),
        ("ftp://example.org", "must be a URL starting http, https:"),
        ("http://", "must name a host"),
        ("http://example.org:port", "is not a URL"),
        ("http://example.org/\x07", "control characters"),
    ],
)
def test_http_url_refuses_what_is_not_one(variable, value, needle):
    variable(value)
    with pytest.raises(EnvError, match=needle) as raised:
        env.http_url(NAME, "http://127.0.0.1:8000")
    assert str(raised.value).startswith(NAME)


def test_url_keeps_a_good_value_and_its_default(variable):
    variable("https://registry.example.org/")
    assert env.http_url(NAME, "http://127.0.0.1:8000") == "https://registry.example.org/"
    variable(None)
    assert (
        env.url(NAME, "sqlite:////tmp/a b/db.sqlite3", ("sqlite",))
        == "sqlite:////tmp/a b/db.sqlite3"
    )
    variable("mysql://db/x")
    with pytest.raises(EnvError, match="must be a URL starting sqlite, postgres:"):
        env.url(NAME, "", ("sqlite", "postgres"))


def test_optional_path_is_off_when_set_empty(variable, tmp_path):
    variable(None)
    assert env.optional_path(NAME, tmp_path) == tmp_path
    variable("")
    assert env.optional_path(NAME, tmp_path) is None
    variable("~/published")
    assert env.optional_path(NAME, tmp_path) == Path.home() / "published"
