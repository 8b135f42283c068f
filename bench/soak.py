"""Soak test: mixed load through nginx and gunicorn on PostgreSQL while the registry changes.

    .venv/bin/python bench/soak.py [--seconds 600] [--clients 8] [--database-url URL]

Creates a throw-away PostgreSQL database named after `--database-url` (default:
`$PACTLOG_TEST_DATABASE_URL` with `_soak` appended), imports the first real Paris Call snapshot,
starts gunicorn (2 workers) behind nginx with the project's own configuration, all on loopback,
and for `--seconds`:

- `--clients` threads read pages, API answers, exports, counters, feeds and the embed, with
  valid and hostile parameters (far dates, NUL bytes, odd page numbers: 4xx expected);
- one writer imports the second snapshot then re-imports it again and again (no-op imports
  read everything), another edits the agreement and renames an actor through the service layer,
  as the admin does, a few times a second.

It prints requests, errors (5xx or no answer) and p50/p99 per route, and each worker's resident
memory after warm-up and at the end. Exit status 1 when any request failed or a worker grew by
more than `--max-growth-mb`. Every process it starts is stopped and the database dropped.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import helpers  # noqa: E402

PACTLOG = [sys.executable, "-m", "pactlog"]
SNAPSHOTS = ("2019-12-31", "2020-12-31")

#: route name -> URLs it is exercised with (a random one each time).
ROUTES: dict[str, list[str]] = {
    "home": [
        "/en/paris-call/",
        "/fr/paris-call/?as_of=2020-06-30",
        "/en/paris-call/?as_of=9999-12-31",
    ],
    "supporters": [
        "/en/paris-call/supporters/",
        "/en/paris-call/supporters/?category=private-sector&country=FRA&order=-date",
        "/fr/paris-call/supporters/?page=3",
        "/en/paris-call/supporters/?q=micro%00soft",
        "/en/paris-call/supporters/?page=%C2%B2",
    ],
    "supporter": ["/en/paris-call/supporters/france/", "/en/paris-call/supporters/microsoft/"],
    "changes": ["/en/paris-call/changes/?from=2019-12-31&to=2020-12-31"],
    "coverage": ["/en/paris-call/coverage/", "/fr/paris-call/coverage/eu/"],
    "groups": ["/en/groups/", "/en/groups/nato/?as_of=2023-05-01"],
    "embed": ["/en/paris-call/embed/counters", "/en/paris-call/embed/counters?as_of=nope"],
    "feed": ["/en/paris-call/feed.atom"],
    "counters.json": ["/paris-call/counters.json", "/paris-call/counters.json?as_of=2020-06-30"],
    "api": [
        "/api/v1/agreements/paris-call/counts?as_of=2020-06-30",
        "/api/v1/agreements/paris-call/supporters?page=2&page_size=100",
        "/api/v1/agreements/paris-call/coverage?group=g7",
        "/api/v1/actors/france",
        "/api/v1/actors/%00",
        "/api/v1/groups",
    ],
    "exports": [
        "/exports/paris-call/supporters.csv?country=FRA",
        "/exports/paris-call/supporters.json?category=state",
        "/exports/paris-call/datapackage.json",
    ],
}

#: What an editor in the admin does, through the same service calls, a few times a second.
EDITS = """
import dataclasses, itertools, sys, time
import django
django.setup()
from pactlog.registry import services
from pactlog.registry.models import Actor
stop = time.monotonic() + float(sys.argv[1])
n = 0
for n in itertools.count():
    if time.monotonic() > stop:
        break
    services.save_agreement("paris-call", summary_en=f"Edited during a soak test ({n}).")
    actor = Actor.objects.filter(kind="organisation").order_by("pk").first()
    renamed = dataclasses.replace(services.spec_of(actor), name=f"Soak test actor {n % 2}")
    services.update_actors([(actor, renamed, [])])
    time.sleep(0.3)
print(n, "edits")
"""


def database_url(given: str | None) -> str:
    base = given or os.environ.get("PACTLOG_TEST_DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("a PostgreSQL URL is needed: --database-url or PACTLOG_TEST_DATABASE_URL")
    parts = urllib.parse.urlsplit(base)
    name = parts.path.lstrip("/") or "pactlog"
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}_soak"))


def recreate(url: str, drop_only: bool = False) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{name}"')


def worker_pids(master: int) -> list[int]:
    pids = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if f"\nPPid:\t{master}\n" in text:
            pids.append(int(status.parent.name))
    return sorted(pids)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Load:
    def __init__(self, base: str) -> None:
        self.base = base
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.lock = threading.Lock()

    def one(self, route: str, path: str) -> None:
        started = time.perf_counter()
        failure = None
        try:
            with urllib.request.urlopen(self.base + path, timeout=30) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            exc.read()
            if exc.code >= 500:
                failure = f"{exc.code} {path}"
        except OSError as exc:
            failure = f"{exc} {path}"
        elapsed = time.perf_counter() - started
        with self.lock:
            self.times[route].append(elapsed)
            if failure:
                self.errors[route].append(failure)

    def run(self, until: float, seed: int) -> None:
        rng = random.Random(seed)
        names = list(ROUTES)
        while time.monotonic() < until:
            route = rng.choice(names)
            self.one(route, rng.choice(ROUTES[route]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600, help="length of the soak")
    parser.add_argument("--clients", type=int, default=8, help="concurrent reading clients")
    parser.add_argument("--database-url", help="PostgreSQL server (a _soak database is made)")
    parser.add_argument("--max-growth-mb", type=float, default=64, help="allowed RSS growth")
    args = parser.parse_args()
    if shutil.which("nginx") is None:
        sys.exit("nginx is needed: apt-get install -y nginx-light")
    url = database_url(args.database_url)
    tmp = Path(tempfile.mkdtemp(prefix="pactlog-soak-"))
    processes: list[subprocess.Popen[bytes]] = []
    try:
        recreate(url)
        env = helpers.site_environment(tmp / "data")
        env.update(
            DATABASE_URL=url,
            DB_CONN_MAX_AGE="600",
            API_RATE_LIMIT="0",
            LOG_LEVEL="ERROR",
            PACTLOG_TRUSTED_PROXIES="127.0.0.1,::1",
            DJANGO_SETTINGS_MODULE="pactlog.settings",
        )
        run = {"env": env, "cwd": ROOT, "check": True, "capture_output": True}
        print("migrating and importing the first snapshot...", file=sys.stderr)
        subprocess.run([*PACTLOG, "compiletranslations"], **run)  # type: ignore[call-overload]
        subprocess.run([*PACTLOG, "migrate", "--noinput"], **run)  # type: ignore[call-overload]

        def import_command(day: str) -> list[str]:
            folder = helpers.PARISCALL / day / "_supporters"
            return [*PACTLOG, "import-jekyll", str(folder), "--agreement", "paris-call",
                    "--snapshot-date", day]  # fmt: skip

        subprocess.run(import_command(SNAPSHOTS[0]), **run)  # type: ignore[call-overload]
        app_port, front_port = helpers.free_port(), helpers.free_port()
        gunicorn = helpers.start_gunicorn(env, app_port, workers=2)
        processes.append(gunicorn)
        front = helpers.front_config(front_port, app_port, Path(env["PACTLOG_DATA_DIR"]))
        processes.append(helpers.start_nginx(tmp, front))
        base = f"http://127.0.0.1:{front_port}"
        helpers.wait_until_up(f"{base}/en/")
        warm = Load(base)
        warm.run(time.monotonic() + min(10.0, args.seconds / 3), seed=0)
        workers = worker_pids(gunicorn.pid)
        before = {pid: rss_mb(pid) for pid in workers}

        until = time.monotonic() + args.seconds
        load = Load(base)
        threads = [
            threading.Thread(target=load.run, args=(until, n + 1)) for n in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        edits = subprocess.Popen(
            [sys.executable, "-c", EDITS, str(args.seconds)], env=env, cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        imports = 0
        import_failures = []
        while time.monotonic() < until:
            day = SNAPSHOTS[1]
            done = subprocess.run(import_command(day), env=env, cwd=ROOT, capture_output=True)
            imports += 1
            if done.returncode != 0:
                import_failures.append(done.stderr.decode()[-500:])
        for thread in threads:
            thread.join()
        edit_out, edit_err = edits.communicate(timeout=60)
        after = {pid: rss_mb(pid) for pid in workers if Path(f"/proc/{pid}").exists()}

        total = sum(len(t) for t in load.times.values())
        failed = sum(len(e) for e in load.errors.values())
        print(f"\n{args.seconds:g} s, {args.clients} clients: {total:,} requests, {failed} errors, "
              f"{imports} imports, {edit_out.decode().strip() or '0 edits'}\n")  # fmt: skip
        print("| route | requests | errors | p50 ms | p99 ms |")
        print("|---|---:|---:|---:|---:|")
        for route in ROUTES:
            times = sorted(load.times.get(route, [])) or [0.0]
            p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
            print(f"| {route} | {len(load.times.get(route, [])):,} | {len(load.errors[route])} "
                  f"| {statistics.median(times) * 1000:.1f} | {p99 * 1000:.1f} |")  # fmt: skip
        print("\n| worker | RSS after warm-up MB | RSS at the end MB |")
        print("|---|---:|---:|")
        for pid in workers:
            print(f"| {pid} | {before[pid]:.1f} | {after.get(pid, float('nan')):.1f} |")
        for route, errors in load.errors.items():
            for error in errors[:3]:
                print(f"error on {route}: {error}", file=sys.stderr)
        if edits.returncode != 0:
            print(f"the edits failed: {edit_err.decode()[-800:]}", file=sys.stderr)
        for failure in import_failures[:3]:
            print(f"an import failed: {failure}", file=sys.stderr)
        grown = [pid for pid in workers if after.get(pid, 0) - before[pid] > args.max_growth_mb]
        ok = not failed and not grown and edits.returncode == 0 and not import_failures
        print(f"\n{'OK' if ok else 'FAILED'}: growth bound {args.max_growth_mb:g} MB per worker")
        return 0 if ok else 1
    finally:
        for process in reversed(processes):
            helpers.stop(process)
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            recreate(url, drop_only=True)
        except Exception as exc:
            print(f"could not drop the soak database: {exc}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
