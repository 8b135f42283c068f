"""The shared parsers refuse what would tie up a worker or break a database, with a message."""

from __future__ import annotations

import datetime as dt

import pytest

from pactlog.registry.dates import DateError, today
from pactlog.registry.queries import NotFound, QueryError
from pactlog.web import params


@pytest.mark.parametrize("text", ["9999-12-31", "2200-01-01", "1899-12-31", "0001-01-01"])
def test_dates_outside_the_window_are_refused(text):
    with pytest.raises(DateError, match="as_of must be between 1900-01-01 and"):
        params.parse_day(text, "as_of")


def test_the_window_starts_at_a_launch_and_ends_next_year():
    launch = dt.date(2018, 11, 12)
    assert params.parse_day("2018-11-12", "as_of", launch) == launch
    with pytest.raises(DateError, match="between 2018-11-12"):
        params.parse_day("2018-11-11", "as_of", launch)
    assert params.check_window(today() + dt.timedelta(days=365), "d") > today()
    with pytest.raises(DateError):
        params.check_window(dt.date(today().year + 2, 1, 1), "d")


@pytest.mark.parametrize(
    "text", ["2020-1-01", "２０２０-01-01", "2020-02-30", "2020-01-01\x00", ""]
)
def test_malformed_dates_are_refused(text):
    with pytest.raises(DateError, match="must be a date as YYYY-MM-DD"):
        params.parse_day(text, "as_of")


@pytest.mark.parametrize("text", ["²", "٣", "0", "-1", "1.0", "1e3", "9" * 5000, "1000001", "\x00"])
def test_page_numbers_are_small_ascii_whole_numbers(text):
    with pytest.raises(QueryError, match="page must be a whole number from 1 to 1000000"):
        params.page_number(text)


def test_page_numbers_accepted():
    assert params.page_number(None) == 1
    assert params.page_number(" 7 ") == 7
    assert params.page_number("1000000") == 1_000_000


def test_free_text_loses_nul_and_control_characters_and_is_bounded():
    assert params.clean_text("Mi\x00cro\x07soft\u200b\ttest\n") == "Microsoft\u200b test"
    assert params.free_text("\x00" * 500) == ""
    with pytest.raises(QueryError, match="q is at most 200 characters"):
        params.free_text("x" * 201)


@pytest.mark.parametrize("text", ["\x00", "a/b", "x" * 101, "", "é"])
def test_path_slugs_that_cannot_exist_are_not_found(text):
    with pytest.raises(NotFound):
        params.slug(text)


def test_choice_names_the_allowed_values():
    assert params.choice(" name ", "order", ["name", "date"]) == "name"
    assert params.choice(None, "order", ["name"]) == ""
    with pytest.raises(QueryError, match="order must be one of name, date, not 'x'"):
        params.choice("x\x00", "order", ["name", "date"])
