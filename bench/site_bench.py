"""Benchmark of the public site: the production setup beside nginx serving a same-size file.

    .venv/bin/python bench/site_bench.py [--seconds 5] [--connections 50]

Imports the two real Paris Call snapshots into a throw-away SQLite database, starts gunicorn
(2 workers) on 127.0.0.1 and, in front of it, nginx with the project's own configuration
(deploy/nginx-pactlog.conf: published counters.json files served without Python, the rest
proxied). It measures with wrk (Debian package) the agreement home, a filtered list and
`counters.json`, each as a full 200 answer and as a 304 (If-None-Match with the ETag), through
that front and straight from gunicorn, beside nginx serving static files of the same sizes.
Everything listens on loopback only, every run is bounded by --seconds, and every process is
stopped at the end.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import helpers  # noqa: E402

PAGES = {
    "home": "/en/paris-call/",
    "filtered list": "/en/paris-call/supporters/?category=private-sector&country=FRA&order=-date",
    "counters.json": "/paris-call/counters.json",
}


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


def fetch(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read(), response.headers["ETag"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="length of each run")
    parser.add_argument("--connections", type=int, default=50, help="concurrent clients")
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is needed: apt-get install -y {tool}")

    tmp = Path(tempfile.mkdtemp(prefix="pactlog-bench-"))
    (tmp / "www").mkdir(mode=0o755)
    processes: list[subprocess.Popen[bytes]] = []
    try:
        print("importing the snapshots...", file=sys.stderr)
        env = helpers.prepare_database(tmp / "data")
        env["DB_CONN_MAX_AGE"] = "600"  # persistent connections, as in production
        ports = [helpers.free_port() for _ in range(3)]
        app_port, nginx_port, front_port = ports
        processes.append(helpers.start_gunicorn(env, app_port, workers=2))
        front = helpers.front_config(front_port, app_port, Path(env["PACTLOG_DATA_DIR"]))
        static_server = f"server {{ listen 127.0.0.1:{nginx_port}; root {tmp}/www; }}"
        processes.append(helpers.start_nginx(tmp, f"{static_server}\n{front}"))
        app, static = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{nginx_port}"
        production = f"http://127.0.0.1:{front_port}"
        helpers.wait_until_up(f"{app}/en/")
        rows: list[tuple[str, str, int, Result, Result | None]] = []
        for name, path in PAGES.items():
            body, etag = fetch(app + path)  # also fills the cache for this registry version
            front_body, _ = fetch(production + path)
            assert front_body == body, f"the front answers {path} differently"
            static_name = re.sub(r"\W+", "-", name) + ".bin"
            (tmp / "www" / static_name).write_bytes(body)
            (tmp / "www" / static_name).chmod(0o644)
            helpers.wait_until_up(f"{static}/{static_name}")
            for label, base_url in (("nginx + gunicorn", production), ("gunicorn alone", app)):
                # Unmeasured warm-up: every worker renders and caches the page once, as it
                # does once per registry version in production.
                wrk(base_url + path, 2, args.connections)
                full = wrk(base_url + path, args.seconds, args.connections)
                not_modified = wrk(base_url + path, args.seconds, args.connections, etag)
                rows.append((name, label, len(body), full, not_modified))
            baseline = wrk(f"{static}/{static_name}", args.seconds, args.connections)
            rows.append((name, "nginx, static file", len(body), baseline, None))
        print(f"\n{args.connections} concurrent clients, {args.seconds} s per run\n")
        print(
            "| page | served by | bytes | 200: req/s | 200: p99 ms | 304: req/s | 304: p99 ms "
            "| 200 / static | 304 / static |"
        )
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        statics = {name: full for name, label, _, full, _ in rows if label.startswith("nginx,")}
        for name, label, size, full, nm in rows:
            base = statics[name]
            rest = (
                f"| {nm.rps:,.0f} | {nm.p99_ms:.1f} | {full.rps / base.rps:.2f} "
                f"| {nm.rps / base.rps:.2f} |"
                if nm
                else "| | | 1.00 | |"
            )
            print(f"| {name} | {label} | {size:,} | {full.rps:,.0f} | {full.p99_ms:.1f} {rest}")
    finally:
        for process in processes:
            helpers.stop(process)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
