"""Helpers of the browser tests (and the benchmark): a real server over the real snapshots, axe.

The server runs in its own process (gunicorn) on 127.0.0.1 over a throw-away SQLite database
into which the two Paris Call snapshots are imported, 2019-12-31 then 2020-12-31.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.realdata import PARISCALL, SNAPSHOTS

ROOT = Path(__file__).resolve().parents[2]
PACTLOG = [sys.executable, "-m", "pactlog"]
AXE = "/static/vendor/axe/axe.min.js"
SERIOUS = ("serious", "critical")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def site_environment(data_dir: Path) -> dict[str, str]:
    """Settings for a server of its own: never the developer's database or cache."""
    env = {
        key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        PACTLOG_DATA_DIR=str(data_dir),
        DATABASE_URL=f"sqlite:///{data_dir / 'site.sqlite3'}",
        SECRET_KEY="browser-tests-only",
        DEBUG="False",
        ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    return env


def prepare_database(data_dir: Path) -> dict[str, str]:
    """Migrate a fresh database and import both real snapshots; returns the environment."""
    env = site_environment(data_dir)
    run = {"env": env, "cwd": ROOT, "check": True, "capture_output": True}
    subprocess.run([*PACTLOG, "compiletranslations"], **run)  # type: ignore[call-overload]
    subprocess.run([*PACTLOG, "migrate", "--noinput"], **run)  # type: ignore[call-overload]
    for day in SNAPSHOTS:
        folder = PARISCALL / day / "_supporters"
        subprocess.run(  # type: ignore[call-overload]
            [*PACTLOG, "import-jekyll", str(folder), "--agreement", "paris-call",
             "--snapshot-date", day],
            **run,
        )  # fmt: skip
    return env


def start_gunicorn(env: dict[str, str], port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "gunicorn", "pactlog.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--worker-class", "gthread", "--threads", "4",
        "--log-level", "warning",
    ]  # fmt: skip
    return subprocess.Popen(command, env=env, cwd=ROOT)


NGINX_MAIN = """
worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  {servers}
}}
"""
FRONT = ROOT / "deploy" / "nginx-pactlog.conf"


def front_config(listen: int, upstream: int, data_dir: Path) -> str:
    """The project's nginx `server` block (deploy/nginx-pactlog.conf), filled in for a run."""
    text = FRONT.read_text()
    for name, value in {
        "@LISTEN@": f"127.0.0.1:{listen}",
        "@UPSTREAM@": f"127.0.0.1:{upstream}",
        "@PUBLISH_DIR@": str(data_dir / "public"),
        "@STATIC_ROOT@": str(data_dir / "static"),
        "@CACHE_DIR@": str(data_dir / "nginx-cache"),
    }.items():
        text = text.replace(name, value)
    return text


def start_nginx(tmp: Path, servers: str) -> subprocess.Popen[bytes]:
    """nginx in the foreground with its files under `tmp` (readable by its workers)."""
    tmp.chmod(0o755)
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_MAIN.format(tmp=tmp, servers=servers))
    return subprocess.Popen(["nginx", "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"])


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def stop(process: subprocess.Popen[Any]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it stands."""
    page.add_script_tag(url=AXE)
    violations: list[dict[str, Any]] = page.evaluate("async () => (await axe.run()).violations")
    return [v for v in violations if v.get("impact") in SERIOUS]


@contextmanager
def serving(env: dict[str, str], data_dir: Path, port: int | None = None) -> Iterator[str]:
    """A gunicorn server over a prepared data dir: yields its base URL, then stops it and
    removes the data dir."""
    port = port or free_port()
    server = start_gunicorn(env, port)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/en/")
        yield base
    finally:
        stop(server)
        shutil.rmtree(data_dir, ignore_errors=True)


def visit(page: Any, url: str) -> None:
    """Open a page that must answer 200, and wait until its scripts have settled."""
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    page.wait_for_load_state("networkidle")


def assert_clean(page: Any) -> None:
    """No serious axe-core violation and no console error (CSP violations included)."""
    violations = axe_violations(page)
    assert violations == [], [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations
    ]
    assert page.console_errors == []
