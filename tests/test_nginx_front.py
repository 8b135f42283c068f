"""The production front (deploy/nginx-pactlog.conf) in front of gunicorn, on the real snapshots:
published counters answered by nginx byte for byte as Django would, the rest proxied."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import helpers

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def front() -> Iterator[tuple[str, str, Path]]:
    if shutil.which("nginx") is None:
        if os.getenv("PACTLOG_REQUIRE_NGINX"):
            pytest.fail("nginx is not installed")
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    if not all((helpers.PARISCALL / day / "_supporters").is_dir() for day in helpers.SNAPSHOTS):
        pytest.skip(f"the real Paris Call snapshots are not at {helpers.PARISCALL}")
    tmp = Path(tempfile.mkdtemp(prefix="pactlog-front-"))
    processes: list[subprocess.Popen[bytes]] = []
    try:
        env = helpers.prepare_database(tmp / "data")
        app_port, front_port = helpers.free_port(), helpers.free_port()
        processes.append(helpers.start_gunicorn(env, app_port))
        config = helpers.front_config(front_port, app_port, tmp / "data")
        processes.append(helpers.start_nginx(tmp, config))
        app, proxy = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{front_port}"
        helpers.wait_until_up(f"{app}/en/")
        helpers.wait_until_up(f"{proxy}/en/")
        yield app, proxy, tmp / "data" / "public"
    finally:
        for process in processes:
            helpers.stop(process)
        shutil.rmtree(tmp, ignore_errors=True)


def get(url: str) -> tuple[bytes, dict[str, str]]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read(), dict(response.headers)


def test_published_counters_are_served_without_django(front):
    app, proxy, public = front
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
    _, proxy, _ = front
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
