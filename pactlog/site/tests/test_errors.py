"""A reader's mistake gets a 400 or 404 page saying what to fix, never a 500."""

from __future__ import annotations

import pytest

from pactlog.site.tests import factories


@pytest.fixture
def small(db):
    target = factories.agreement()
    factories.endorse(
        target,
        factories.organisations(["Alpha"]),
        factories.Interval.day(factories.dt.date(2020, 2, 1)),
    )
    return target


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/en/no-such-call/", 404, "no agreement &#x27;no-such-call&#x27;"),
        ("/en/no-such-call/supporters/", 404, "no agreement"),
        ("/en/test-call/?as_of=2020-13-01", 400, "as_of must be a date as YYYY-MM-DD"),
        ("/en/test-call/supporters/?as_of=yesterday", 400, "as_of must be a date"),
        ("/en/test-call/supporters/?category=robots", 400, "category must be one of"),
        ("/en/test-call/supporters/?country=XX", 400, "country must be an ISO 3166-1 alpha-3 code"),
        ("/en/test-call/supporters/?nature=pirates", 400, "nature must be one of"),
        ("/en/test-call/supporters/?order=random", 400, "order must be one of"),
        ("/en/test-call/supporters/?page=0", 400, "page must be a whole number"),
        ("/en/test-call/supporters/?page=x", 400, "page must be a whole number"),
        ("/en/test-call/supporters/?page=9", 400, "page must be at most 1"),
        # An unknown group is a bad filter value, like an unknown category (the exports agree).
        ("/en/test-call/supporters/?group=no-such-group", 400, "no group"),
        ("/en/test-call/supporters/?q=" + "x" * 201, 400, "q is at most 200 characters"),
        ("/en/test-call/supporters/nobody/", 404, "no supporter &#x27;nobody&#x27;"),
        ("/en/test-call/changes/?from=2021-01-01&to=2020-01-01", 400, "must not be after"),
        ("/en/test-call/changes/?from=2021-02-30", 400, "from must be a date"),
        ("/en/test-call/embed/counters?as_of=nope", 400, "as_of must be a date"),
        ("/fr/test-call/?as_of=nope", 400, "as_of doit être une date au format AAAA-MM-JJ"),
    ],
)
def test_mistakes_get_a_page_with_a_message(small, client, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    html = response.content.decode()
    assert message in html
    assert '<div class="error-box" role="alert">' in html


def test_error_page_title_is_translated(small, client):
    html = client.get("/fr/nope/").content.decode()
    assert "Page non trouvée" in html or "Page introuvable" in html
    assert "Tous les textes" in html


def test_counters_json_answers_mistakes_in_json(small, client):
    assert client.get("/nope/counters.json").json() == {"detail": "no agreement 'nope'"}
    response = client.get("/test-call/counters.json?as_of=31/12/2020")
    assert response.status_code == 400
    assert "as_of must be a date" in response.json()["detail"]


def test_pages_refuse_writes(small, client):
    assert client.post("/en/test-call/").status_code == 405


def test_supporter_of_another_agreement_is_not_found_here(small, client):
    other = factories.agreement("other-call", title_en="Other Call")
    del other
    response = client.get("/en/other-call/supporters/alpha/")
    assert response.status_code == 404
    assert "has no endorsement of" in response.content.decode()
