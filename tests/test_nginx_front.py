"""The production front (deploy/nginx-pactlog.conf) in front of gunicorn, on the real snapshots:
published counters answered by nginx byte for byte as Django would, the rest proxied through a
cache keyed by the registry's version, and every page showing a committed change within 1 s."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import frontcheck
from tests.browser import helpers

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def front() -> Iterator[tuple[str, str, Path, dict[str, str]]]:
    if shutil.which("nginx") is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    tmp = Path(tempfile.mkdtemp(prefix="pactlog-front-"))
    processes: list[subprocess.Popen[bytes]] = []
    try:
        env = helpers.prepare_database(tmp / "data")
        app_port, front_port = helpers.free_port(), helpers.free_port()
        processes.append(helpers.start_gunicorn(env, app_port, workers=2))
        config = helpers.front_config(front_port, app_port, tmp / "data")
        processes.append(helpers.start_nginx(tmp, config))
        app, proxy = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{front_port}"
        helpers.wait_until_up(f"{app}/en/")
        helpers.wait_until_up(f"{proxy}/en/")
        yield app, proxy, tmp / "data" / "public", env
    finally:
        for process in processes:
            helpers.stop(process)
        shutil.rmtree(tmp, ignore_errors=True)


def get(url: str) -> tuple[bytes, dict[str, str]]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read(), dict(response.headers)


def test_published_counters_are_served_without_django(front):
    app, proxy, public, _ = front
    published = (public / "paris-call" / "counters.json").read_bytes()
    from_nginx, headers = get(f"{proxy}/paris-call/counters.json")
    from_django, _ = get(f"{app}/paris-call/counters.json")
    assert from_nginx == published == from_django
    assert b'"total": 1170' in published
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "Server" in headers and headers["Server"].startswith("nginx")
    # Django's answers carry its ETag (v<version>-<lang>); nginx's own are not of that form.
    assert not headers["ETag"].strip('"').startswith("v")


def test_queries_and_pages_go_to_django(front):
    _, proxy, _, _ = front
    dated, headers = get(f"{proxy}/paris-call/counters.json?as_of=2019-12-31")
    assert b'"total": 1076' in dated and headers["ETag"].strip('W/"').startswith("v")
    page, _ = get(f"{proxy}/en/paris-call/supporters/?category=state")
    assert b"United Kingdom" in page
    try:
        get(f"{proxy}/nope/counters.json")
    except urllib.error.HTTPError as error:
        assert error.code == 404
    else:
        raise AssertionError("an unknown agreement must be a 404")


def status(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


KEPT = [
    "/en/paris-call/",
    "/fr/paris-call/",
    "/en/paris-call/supporters/?category=private-sector&country=FRA&order=-date",
    "/fr/paris-call/supporters/microsoft/",
    "/en/paris-call/changes/?from=2020-01-01&to=2020-12-31",
    "/en/paris-call/coverage/",
    "/exports/paris-call/supporters.csv?category=state",
    "/paris-call/counters.json?as_of=2019-12-31",
]


@pytest.mark.parametrize("path", KEPT)
def test_public_answers_are_kept_by_the_front(front, path):
    app, proxy, _, _ = front
    first = status(proxy + path)
    for _ in range(50):  # nginx may still be renaming its file when the reader has the bytes
        second = status(proxy + path)
        if second[2]["X-Cache-Status"] == "HIT":
            break
        time.sleep(0.02)
    assert first[0] == second[0] == 200
    assert second[2]["X-Cache-Status"] == "HIT"
    assert second[1] == first[1] == status(app + path)[1]
    assert "X-Accel-Expires" not in second[2]
    # Revalidation by the reader's ETag is answered by nginx too.
    again = status(proxy + path, {"If-None-Match": second[2]["ETag"]})
    assert again[0] == 304 and again[2]["X-Cache-Status"] == "HIT"


@pytest.mark.parametrize(
    "path",
    [
        "/en/paris-call/?utm_source=newsletter",  # a parameter the page does not read
        "/en/paris-call/?as_of=2020-01-01&as_of=2020-06-01",  # one it reads, twice
        "/en/paris-call/supporters/?page=999",  # an error (400)
        "/en/no-such-call/",  # an error (404)
        "/admin/login/",  # a form for one reader
    ],
)
def test_unread_parameters_errors_and_forms_are_never_kept(front, path):
    _, proxy, _, _ = front
    for _ in range(2):
        _, _, headers = status(proxy + path)
        assert headers.get("X-Cache-Status") in ("MISS", "BYPASS", None)


def test_a_request_with_a_session_is_neither_served_nor_kept_by_the_front(front):
    """Signed-in staff see their own page (the footer links moderation): never a kept copy,
    and their answer is never kept for anonymous readers."""
    _, proxy, _, _ = front
    path = "/fr/paris-call/supporters/?country=DEU"  # asked by no other test of this module
    for _ in range(2):
        code, _, headers = status(proxy + path, {"Cookie": "sessionid=not-a-real-session"})
        assert code == 200 and headers["X-Cache-Status"] == "BYPASS"
        assert "private" in headers["Cache-Control"] and "X-Accel-Expires" not in headers
    code, _, anonymous = status(proxy + path)
    assert code == 200 and anonymous["X-Cache-Status"] == "MISS"  # nothing was stored


@pytest.mark.parametrize("publisher", ["writer", "watcher"])
def test_every_page_shows_a_committed_change_within_a_second(front, publisher):
    """`writer`: the process that commits publishes (one machine). `watcher`: it does not (it
    runs on another application server), and `pactlog publish --watch` on this one does."""
    _, proxy, _, env = front
    writer_env, processes = dict(env), []
    if publisher == "watcher":
        writer_env["PACTLOG_PUBLISH_DIR"] = ""
        processes.append(frontcheck.start_watcher(env))
    before = {}
    for name, path in frontcheck.FRESH_PAGES.items():
        frontcheck.get(proxy + path)
        before[name] = frontcheck.get(proxy + path)  # now kept by the front (or a file)
    # Another process commits the change (as an import or the admin would) and says when.
    code = f"from tests.frontcheck import change; print(change({publisher!r}), flush=True)"
    writer = subprocess.Popen(
        [*helpers.PACTLOG, "shell", "--no-imports", "-c", code],
        env=writer_env,
        cwd=helpers.ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    processes.append(writer)
    try:
        committed = float(writer.stdout.readline())  # type: ignore[union-attr]
        delays = frontcheck.pages_changed(proxy, before, publisher, committed, limit=10.0)
        assert writer.wait(timeout=30) == 0
    finally:
        for process in processes:
            helpers.stop(process)
    # No reader asking 1 s after the commit got the old page. The new one then takes a cold
    # render by Django (0.1 to 0.4 s a page on an idle machine, far more when other work
    # shares it: bench/site_bench.py reports both delays).
    assert max(seen.stale_until for seen in delays.values()) < 1.0, delays
    assert max(seen.shown for seen in delays.values()) < 10.0, delays


def test_the_logs_published_files_are_served_by_nginx(front):
    _, proxy, public, _ = front
    # The log's integration published the real checkpoint after the import's commits.
    published = (public / "log" / "checkpoint").read_bytes()
    code, body, headers = status(f"{proxy}/log/checkpoint")
    assert code == 200 and body == published
    assert headers["Cache-Control"] == "no-cache" and headers["Server"].startswith("nginx")
    assert status(f"{proxy}/log/checkpoint", {"If-None-Match": headers["ETag"]})[0] == 304
    # A file only the publish folder has (far beyond the log's size) proves nginx answers
    # from the folder, without Django, and marks tiles immutable.
    tile = public / "log" / "tile" / "0" / "999.p" / "3"
    tile.parent.mkdir(parents=True, exist_ok=True)
    tile.write_bytes(b"\x00" * 96)
    tile.parent.chmod(0o755)
    tile.chmod(0o644)
    code, body, headers = status(f"{proxy}/log/tile/0/999.p/3")
    assert code == 200 and body == b"\x00" * 96
    assert "immutable" in headers["Cache-Control"]
    # What is not published is Django's to answer (here: beyond the log, not found), never
    # marked immutable.
    code, _, headers = status(f"{proxy}/log/tile/0/998")
    assert code == 404 and "immutable" not in headers.get("Cache-Control", "")


def test_without_the_marker_nothing_is_kept(front):
    """Before the first `pactlog publish` the front answers through Django, keeping nothing."""
    _, proxy, public, _ = front
    marker, aside = public / "version" / "current", public / "version" / "aside"
    marker.rename(aside)
    try:
        for _ in range(3):
            code, body, headers = status(f"{proxy}/en/paris-call/principles/")
            assert code == 200 and b"<html" in body
            assert headers["X-Cache-Status"] == "BYPASS"
    finally:
        aside.rename(marker)
    assert status(f"{proxy}/en/paris-call/principles/")[0] == 200


def status_and_headers(url: str, data: bytes | None = None, **headers: str) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            response.read()
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_nginx_own_answers_carry_security_headers_and_no_version(front):
    _, proxy, public, _ = front
    static = public.parent / "static"
    static.mkdir(exist_ok=True)
    (static / "probe.css").write_text("body{}")
    (static / "probe.css").chmod(0o644)
    for path in ("/paris-call/counters.json", "/log/checkpoint", "/static/probe.css",
                 "/log/tile/0/000.p/1"):  # fmt: skip
        status, headers = status_and_headers(proxy + path)
        assert headers.get("Server") == "nginx", (path, headers.get("Server"))
        assert status in (200, 404), (path, status)
        if path != "/log/tile/0/000.p/1":
            assert status == 200, path
        if status == 200:
            assert headers.get("X-Content-Type-Options") == "nosniff", path
            assert headers.get("X-Frame-Options") == "DENY", path
            assert "default-src 'none'" in headers.get("Content-Security-Policy", ""), path
    status, headers = status_and_headers(proxy + "/nope/../../etc/passwd")
    assert headers.get("Server") == "nginx"


def test_the_hostile_corpus_behind_nginx_never_gets_a_5xx(front):
    """The earlier rounds' hostile requests and this round's, through the documented front."""
    from pactlog.web.tests.test_fuzz import PLACEHOLDER, ROUTES

    _, proxy, _, _ = front
    hostile = [
        "%00",
        "a%00b",
        "9" * 300,
        "%EF%BF%BF",
        "..%2F..%2Fetc",
        "%C0%AF",
        "x" * 400,
        "%C2%B2",
    ]
    queries = ["", "?as_of=9999-12-31", "?as_of=%00", "?from=1900-01-01&to=2027-12-31",
               "?page=99999999999999999999", "?q=%00%01", "?q=" + "%C3%A9" * 300, "?country=%FF"]  # fmt: skip
    urls = []
    for i, route in enumerate(ROUTES):
        values = iter(["paris-call", hostile[i % len(hostile)], "1", "x", "y"])
        path = "/" + PLACEHOLDER.sub(lambda m: next(values), route)
        urls += [path + queries[i % len(queries)], path + queries[(i + 3) % len(queries)]]
    answers = [status_and_headers(proxy + url)[0] for url in urls]
    big = b'{"kind":"count","as_of":"2020-01-01","quantity":"total","op":"=","value":1}'
    posts = [
        ("/api/v1/agreements/paris-call/claims/check", big.replace(b":1}", b":true}")),
        ("/api/v1/agreements/paris-call/claims/check", big + b" " * (3 * 1024 * 1024)),
        ("/en/paris-call/join/", b"name=%00&contact_email=a%40%5B127.0.0.1%5D"),
        ("/en/paris-call/join/confirm/1/abc/", b""),
    ]  # fmt: skip
    for path, body in posts:
        kind = (
            "application/json" if path.startswith("/api/") else "application/x-www-form-urlencoded"
        )
        answers.append(status_and_headers(proxy + path, body, **{"Content-Type": kind})[0])
    failed = [
        (u, s) for u, s in zip(urls + [p for p, _ in posts], answers, strict=True) if s >= 500
    ]
    assert failed == []
    assert len(answers) > 100 and any(400 <= s < 500 for s in answers)
