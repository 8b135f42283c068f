"""The verifiable log on the real data behind gunicorn: after importing both Paris Call
snapshots, `pactlog tlog verify`, `pactlog verify` (from another process, with no database)
and `pactlog log audit` pass, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.browser import helpers

pytestmark = [pytest.mark.live, pytest.mark.slow]


def _postgres_url() -> str | None:
    """A database of this test's own, named from the configured test database."""
    configured = os.getenv("PACTLOG_TEST_DATABASE_URL", "")
    if not configured.startswith(("postgres://", "postgresql://")):
        return None
    import psycopg

    parts = urlsplit(configured)
    name = f"{parts.path.lstrip('/')}_log_live"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def live_site(request) -> Iterator[tuple[str, dict[str, str]]]:
    database = None
    if request.param == "postgresql":
        database = _postgres_url()
        if database is None:
            pytest.skip("set PACTLOG_TEST_DATABASE_URL to a postgres:// URL")
    tmp = Path(tempfile.mkdtemp(prefix="pactlog-log-live-"))
    process = None
    try:
        env = helpers.site_environment(tmp / "data")
        if database:
            env["DATABASE_URL"] = database
        helpers_env = dict(env)
        _prepare(helpers_env)
        port = helpers.free_port()
        process = helpers.start_gunicorn(helpers_env, port, workers=2)
        url = f"http://127.0.0.1:{port}/"
        helpers.wait_until_up(f"{url}log/checkpoint")
        yield url, helpers_env
    finally:
        if process is not None:
            helpers.stop(process)
        shutil.rmtree(tmp, ignore_errors=True)


def _prepare(env: dict[str, str]) -> None:
    run = {"env": env, "cwd": helpers.ROOT, "check": True, "capture_output": True}
    subprocess.run([*helpers.PACTLOG, "migrate", "--noinput"], **run)  # type: ignore[call-overload]
    for day in helpers.SNAPSHOTS:
        folder = helpers.PARISCALL / day / "_supporters"
        subprocess.run(  # type: ignore[call-overload]
            [*helpers.PACTLOG, "import-jekyll", str(folder), "--agreement", "paris-call",
             "--snapshot-date", day],
            **run,
        )  # fmt: skip


def pactlog(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*helpers.PACTLOG, *args], env=env, cwd=helpers.ROOT, capture_output=True, text=True
    )


def test_real_data_log_verifies_against_a_live_server(live_site, tmp_path):
    url, env = live_site
    key = pactlog(env, "log", "key").stdout.strip()
    assert key.startswith("127.0.0.1/pactlog+")
    tlog = pactlog(env, "tlog", "verify", f"{url}log/", "--key", key)
    assert tlog.returncode == 0, tlog.stderr
    # The outside verifier has no database: it gets none of the site's settings.
    outside = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PACTLOG_DATA_DIR")}
    outside["PACTLOG_DATA_DIR"] = str(tmp_path / "nothing")
    state = tmp_path / "monitor.json"
    verify = pactlog(outside, "verify", url, "--key", key, "--state", str(state))
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert (
        "1171 actors" in verify.stdout and "every count and supporter list matches" in verify.stdout
    )
    assert not (tmp_path / "nothing").exists() or not any((tmp_path / "nothing").iterdir())
    audit = pactlog(env, "log", "audit")
    assert audit.returncode == 0, audit.stdout + audit.stderr
    again = pactlog(outside, "verify", url, "--key", key, "--state", str(state))
    assert again.returncode == 0 and "consistent with the checkpoint" in again.stdout
