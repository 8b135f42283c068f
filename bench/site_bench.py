"""Benchmark of the public site: the production setup beside nginx serving a same-size file.

    .venv/bin/python bench/site_bench.py [--seconds 5] [--connections 50] [--changes 10] [--app]

Needs nginx and wrk (Debian: `apt-get install -y nginx-light wrk`). Imports the two real Paris
Call snapshots into a throw-away SQLite database, starts gunicorn (2 workers) on 127.0.0.1 and,
in front of it, nginx with the project's own configuration (deploy/nginx-pactlog.conf: the front
cache keyed by the registry's version, published files served without Python). For every row of
PAGES it measures with wrk the page through that front, as a full 200 answer and as a 304
(If-None-Match with its ETag), beside nginx serving a static file of the same bytes, all in one
run; `--app` adds gunicorn alone. Then it commits `--changes` changes through the service layer
and polls the pages through the front until each shows the change: the p99 of those delays.
Everything listens on loopback only, every run is bounded by --seconds, and every process is
stopped at the end.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import frontcheck  # noqa: E402
from tests.browser import helpers  # noqa: E402

#: One line per row of the table: (name, path). A page that does not answer 200 is reported
#: as absent (e.g. the log's checkpoint before the log is wired in).
PAGES = [
    ("home", "/en/paris-call/"),
    ("home, French", "/fr/paris-call/"),
    ("filtered list", "/en/paris-call/supporters/?category=private-sector&country=FRA&order=-date"),
    ("filtered list, French", "/fr/paris-call/supporters/?category=state&page=2"),
    ("supporter", "/en/paris-call/supporters/microsoft/"),
    ("changes", "/en/paris-call/changes/"),
    ("coverage", "/en/paris-call/coverage/"),
    ("coverage G20, French", "/fr/paris-call/coverage/g20/?as_of=2020-06-30"),
    ("CSV export", "/exports/paris-call/supporters.csv"),
    ("counters.json", "/paris-call/counters.json"),
    ("counters.json, dated", "/paris-call/counters.json?as_of=2019-12-31"),
    ("log checkpoint", "/log/checkpoint"),
]
TARGET_RATIO, TARGET_P99_MS = 0.3, 20.0


@dataclass
class Result:
    rps: float
    p99_ms: float


def wrk(url: str, seconds: int, connections: int, etag: str | None = None) -> Result:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if etag:
        command[1:1] = ["-H", f"If-None-Match: {etag}"]
    out = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=seconds + 30
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    if "Non-2xx or 3xx responses" in out:
        raise RuntimeError(f"errors while measuring {url}:\n{out}")
    return Result(rps, p99)


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read(), response.headers.get("ETag", "")
    except urllib.error.HTTPError as error:
        return error.code, b"", ""


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.99 * len(ordered)) - 1)]


def freshness(
    env: dict[str, str], front: str, rounds: int, watcher: bool
) -> tuple[list[float], list[float]]:
    """Commit `rounds` changes in this process (through the service layer, as the admin or an
    import would) and poll the pages through the front; (stale-until, shown) delays in s.

    With `watcher`, this process does not publish (as if it were another application server)
    and `pactlog publish --watch` carries the change to the front."""
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "pactlog.settings"
    import django
    from django.conf import settings

    django.setup()
    publish_dir = settings.PUBLISH_DIR
    process: subprocess.Popen[str] | None = None
    if watcher:
        settings.PUBLISH_DIR = None
        process = frontcheck.start_watcher(env)
    stale, shown = [], []
    try:
        for n in range(rounds):
            before = {}
            for name, path in frontcheck.FRESH_PAGES.items():
                frontcheck.get(front + path)
                before[name] = frontcheck.get(front + path)
            tag = f"bench {'watcher' if watcher else 'writer'} {n}"
            seen = frontcheck.pages_changed(front, before, tag, frontcheck.change(tag))
            stale += [s.stale_until for s in seen.values()]
            shown += [s.shown for s in seen.values()]
    finally:
        settings.PUBLISH_DIR = publish_dir
        if process:
            helpers.stop(process)
    return stale, shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="length of each run")
    parser.add_argument("--connections", type=int, default=50, help="concurrent clients")
    parser.add_argument("--changes", type=int, default=10, help="changes timed for freshness")
    parser.add_argument("--app", action="store_true", help="also measure gunicorn alone")
    args = parser.parse_args()
    for tool, package in (("wrk", "wrk"), ("nginx", "nginx-light")):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is needed: apt-get install -y {package} (Debian, Ubuntu)")

    tmp = Path(tempfile.mkdtemp(prefix="pactlog-bench-"))
    (tmp / "www").mkdir(mode=0o755)
    processes: list[subprocess.Popen[bytes]] = []
    try:
        print("importing the snapshots...", file=sys.stderr)
        env = helpers.prepare_database(tmp / "data")
        env["DB_CONN_MAX_AGE"] = "600"  # persistent connections, as in production
        # The per-client limit on /exports/ counts Django's answers; wrk is one client.
        env["API_RATE_LIMIT"] = "0"
        app_port, static_port, front_port = (helpers.free_port() for _ in range(3))
        processes.append(helpers.start_gunicorn(env, app_port, workers=2))
        front_conf = helpers.front_config(front_port, app_port, Path(env["PACTLOG_DATA_DIR"]))
        static_server = f"server {{ listen 127.0.0.1:{static_port}; root {tmp}/www; }}"
        processes.append(helpers.start_nginx(tmp, f"{static_server}\n{front_conf}"))
        app, static = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{static_port}"
        front = f"http://127.0.0.1:{front_port}"
        helpers.wait_until_up(f"{app}/en/")
        helpers.wait_until_up(f"{front}/en/")
        rows: list[tuple[str, str, int, Result, Result | None, Result]] = []
        absent = []
        for name, path in PAGES:
            status, body, etag = fetch(front + path)
            if status != 200:
                absent.append(f"{name} ({path}): {status}")
                continue
            static_name = re.sub(r"\W+", "-", name) + ".bin"
            (tmp / "www" / static_name).write_bytes(body)
            (tmp / "www" / static_name).chmod(0o644)
            helpers.wait_until_up(f"{static}/{static_name}")
            baseline = wrk(f"{static}/{static_name}", args.seconds, args.connections)
            sources = [("front", front)] + ([("gunicorn alone", app)] if args.app else [])
            for label, base_url in sources:
                assert fetch(base_url + path)[1] == body, f"{label} answers {path} differently"
                wrk(base_url + path, 1, args.connections)  # unmeasured warm-up
                full = wrk(base_url + path, args.seconds, args.connections)
                not_modified = (
                    wrk(base_url + path, args.seconds, args.connections, etag) if etag else None
                )
                rows.append((name, label, len(body), full, not_modified, baseline))
        print(f"measuring freshness over {args.changes} changes...", file=sys.stderr)
        fresh = {
            "published by the process that commits": freshness(env, front, args.changes, False),
            "published by `pactlog publish --watch` (another server's change)": freshness(
                env, front, args.changes, True
            ),
        }
    finally:
        for process in processes:
            helpers.stop(process)
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"\n{args.connections} concurrent clients, {args.seconds} s per run\n")
    print(
        "| page | served by | bytes | 200: req/s | 200: p99 ms | 304: req/s | 304: p99 ms "
        "| static: req/s | static: p99 ms | 200 / static | 304 / static |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    failed = []
    for name, label, size, full, nm, base in rows:
        ratio = full.rps / base.rps
        nm_cells = f"{nm.rps:,.0f} | {nm.p99_ms:.1f}" if nm else " | "
        nm_ratio = f"{nm.rps / base.rps:.2f}" if nm else ""
        print(
            f"| {name} | {label} | {size:,} | {full.rps:,.0f} | {full.p99_ms:.1f} | {nm_cells} "
            f"| {base.rps:,.0f} | {base.p99_ms:.1f} | {ratio:.2f} | {nm_ratio} |"
        )
        if label == "front" and (ratio < TARGET_RATIO or full.p99_ms >= TARGET_P99_MS):
            failed.append(name)
    for line in absent:
        print(f"\nnot measured, no 200 answer: {line}")
    print(
        f"\nfreshness, {args.changes} changes x {len(frontcheck.FRESH_PAGES)} pages each, "
        "ms after the commit:\n"
    )
    print("| change | old page still answered (p99) | max | change shown (p99) | max |")
    print("|---|---:|---:|---:|---:|")
    for label, (stale, shown) in fresh.items():
        print(
            f"| {label} | {p99(stale) * 1000:.0f} | {max(stale) * 1000:.0f} "
            f"| {p99(shown) * 1000:.0f} | {max(shown) * 1000:.0f} |"
        )
    verdict = "met" if not failed else f"missed by {', '.join(failed)}"
    worst = max(max(shown) for _, shown in fresh.values())
    print(
        f"\ntargets (front >= {TARGET_RATIO}x static, p99 < {TARGET_P99_MS:.0f} ms): {verdict}; "
        f"every change shown within 1 s: {'met' if worst < 1 else 'missed'}"
    )


if __name__ == "__main__":
    main()
