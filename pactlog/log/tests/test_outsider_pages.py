"""The pages outsiders use: watch feeds, the wheel's page and file, groups.json, and the
links to them from the supporter, home and coverage pages."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import xml.etree.ElementTree as ET

import pytest

from pactlog.log.integrate import integrate
from pactlog.log.tests.helpers import small_registry
from pactlog.registry import services
from pactlog.registry.dates import Interval
from pactlog.registry.models import Actor
from pactlog.verifier.phrases import MONTHS

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def registry(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        agreement = small_registry(4)
        [france] = services.create_actors(
            [services.ActorSpec(kind="state", name="France", category="state", country="FRA")]
        )
        services.start_endorsements(agreement, [(france, Interval.day(dt.date(2021, 2, 3)))])
    integrate()
    return agreement


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{required}") is not None, required
    return [e.findtext(f"{ATOM}title") or "" for e in entries]


def test_watch_feeds_list_the_watched_changes_newest_first(registry, client):
    assert titles(client.get("/en/pact/feed/?state=FRA")) == [
        "France endorsed A pact on 3 February 2021"
    ]
    assert titles(client.get("/en/pact/feed/?actor=org-0")) == [
        "Org 0's endorsement of A pact ended on 1 June 2021 (withdrawn)",
        "Org 0 endorsed A pact on 1 January 2020",
    ]
    everything = titles(client.get("/en/pact/feed/"))
    assert len(everything) == 6 and everything[0].startswith("France endorsed")
    assert len(titles(client.get("/en/pact/feed/?category=civil-society"))) == 5
    assert titles(client.get("/en/pact/feed/?group=g7")) == [
        "France endorsed A pact on 3 February 2021"
    ]
    assert titles(client.get("/en/pact/feed/?group=five-eyes")) == []


def test_french_feeds_say_the_changes_in_french(registry, client):
    """A state joining and leaving, an organisation joining and leaving, on `/fr/`: French
    country names, titles, months and statuses; `/en/` says the same entries in English."""
    [france] = Actor.objects.filter(country="FRA")
    services.end_endorsements(
        [(france.endorsements.get(), "withdrawn", Interval.day(dt.date(2024, 3, 1)))]
    )
    integrate()
    assert titles(client.get("/fr/pact/feed/?state=FRA")) == [
        "France : fin du soutien à « Un pacte » le 1er mars 2024 (retiré)",
        "France : début du soutien à « Un pacte » le 3 février 2021",
    ]
    assert titles(client.get("/fr/pact/feed/?actor=org-0")) == [
        "Org 0 : fin du soutien à « Un pacte » le 1er juin 2021 (retiré)",
        "Org 0 : début du soutien à « Un pacte » le 1er janvier 2020",
    ]
    assert titles(client.get("/en/pact/feed/?state=FRA")) == [
        "France's endorsement of A pact ended on 1 March 2024 (withdrawn)",
        "France endorsed A pact on 3 February 2021",
    ]
    feed = ET.fromstring(client.get("/fr/pact/feed/?state=FRA").content)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    summary = feed.find(f"{ATOM}entry/{ATOM}summary")
    assert summary is not None and (summary.text or "").startswith(
        "France : fin du soutien à « Un pacte » le 1er mars 2024 (retiré). Entrée "
    )
    months = "|".join(MONTHS["fr"])
    assert re.search(rf"du journal, consignée le \d+(er)? ({months}) \d{{4}} ;", summary.text or "")


def test_watch_feed_refuses_bad_queries_clearly(registry, client):
    response = client.get("/en/pact/feed/?state=FRA&actor=org-1")
    assert response.status_code == 400 and b"not several" in response.content
    response = client.get("/en/pact/feed/?state=France")
    assert response.status_code == 400 and b"ISO 3166-1 alpha-3" in response.content
    assert client.get("/en/pact/feed/?actor=%00%0a").status_code == 400
    assert client.get("/en/pact/feed/?group=atlantis").status_code == 404
    assert client.get("/en/no-such-pact/feed/").status_code == 404


def test_pages_link_receipts_and_feeds(registry, client):
    page = client.get("/en/pact/supporters/org-0/").content.decode()
    assert 'href="/log/proof/' in page and "download" in page
    assert 'href="/en/pact/feed/?actor=org-0"' in page
    france = Actor.objects.get(country="FRA").public_id
    page = client.get(f"/en/pact/supporters/{france}/").content.decode()
    assert 'href="/en/pact/feed/?state=FRA"' in page
    assert 'href="/en/pact/feed/"' in client.get("/en/pact/").content.decode()
    page = client.get("/en/pact/coverage/g7/").content.decode()
    assert 'href="/en/pact/feed/?group=g7"' in page


def test_verifier_page_serves_the_wheel_with_its_hash(db, client, settings, tmp_path):
    settings.PACTLOG_VERIFY_DIST = tmp_path
    page = client.get("/log/pactlog-verify/").content.decode()
    assert "make verifier-wheel" in page
    wheel = tmp_path / "pactlog_verify-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"PK not really a zip")
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    page = client.get("/log/pactlog-verify/").content.decode()
    url = "http://testserver/log/pactlog-verify/pactlog_verify-0.1.0-py3-none-any.whl"
    assert f"python3 -m pip install '{url}#sha256={digest}'" in page
    response = client.get("/log/pactlog-verify/pactlog_verify-0.1.0-py3-none-any.whl")
    assert b"".join(response.streaming_content) == wheel.read_bytes()
    assert client.get("/log/pactlog-verify/../settings.py").status_code == 404
    assert client.get("/log/pactlog-verify/other.whl").status_code == 404


def test_log_page_no_longer_promises_pip_install_pactlog(db, client):
    for url in ("/log/", "/en/log/", "/fr/log/"):
        page = client.get(url).content.decode()
        assert "pip install pactlog" not in page and "/log/pactlog-verify/" in page


def test_groups_json_has_dated_memberships(db, client):
    groups = client.get("/log/groups.json").json()["groups"]
    assert {"country": "GBR", "since": "1946-03-05", "until": None} in groups["five-eyes"][
        "memberships"
    ]
