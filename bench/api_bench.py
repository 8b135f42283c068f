"""Requests per second and p99 latency of the read API, on loopback, in one bounded run.

    .venv/bin/python bench/api_bench.py [--endorsements 1000000] [--requests 200]

Measures `counts`, a filtered `supporters` page and `coverage` on the real Paris Call snapshots
and on a synthetic registry of N endorsements, plus a static file as the baseline, against
gunicorn (2 sync workers) serving a separate PostgreSQL database, `pactlog_bench`, on
127.0.0.1. The database is created and filled on the first run and reused afterwards.

The synthetic agreement is created through the service layer (so one `agreement.saved` event
exists and ETags work), but its actors and endorsements are written with bulk SQL
(`generate_series`), NOT through the service layer: no events, so it is a load fixture only,
never a registry whose log could be replayed.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SERVER = "postgres://postgres@127.0.0.1:5432"
BENCH_DB = "pactlog_bench"
SYNTHETIC = "bench-synthetic"
AS_OF = "2020-12-31"


def ensure_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{BENCH_DB}"')


def setup_django() -> None:
    os.environ["DATABASE_URL"] = f"{SERVER}/{BENCH_DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pactlog.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def import_real_snapshots() -> None:
    from pactlog.registry.models import Agreement

    if Agreement.objects.filter(slug="paris-call").exists():
        return
    sys.path.insert(0, str(ROOT))
    from conftest import import_snapshots

    print("importing the real Paris Call snapshots...", flush=True)
    import_snapshots()


SYNTHESIS_SQL = """
INSERT INTO registry_actor (public_id, kind, name, category, nature, nature_raw, country,
                            website, wikidata, lei, names, search_text, sort_en, sort_fr)
SELECT 'bench-' || i, 'organisation', 'Synthetic organisation ' || i,
       (ARRAY['civil-society', 'private-sector', 'public-authority', 'private-sector'])[1 + i %% 4],
       (ARRAY['company', 'ngo', 'university', ''])[1 + i %% 4], '',
       (%(countries)s::text[])[1 + (i::bigint * 7919) %% cardinality(%(countries)s::text[])],
       '', '', '', '{}', 'synthetic organisation ' || i, 'synthetic organisation ' || i,
       'synthetic organisation ' || i
FROM generate_series(1, %(n)s) AS i;
---
INSERT INTO registry_endorsement (agreement_id, actor_id, number, status, start_not_before,
                                  start_not_after, end_not_before, end_not_after, source)
SELECT %(agreement)s, a.id, 1,
       CASE WHEN a.id %% 10 = 0 THEN 'withdrawn' ELSE 'active' END,
       CASE WHEN a.id %% 3 = 0 THEN d.day - 30 WHEN a.id %% 7 = 0 THEN NULL ELSE d.day END,
       d.day,
       CASE WHEN a.id %% 10 = 0 THEN d.day + 200 END,
       CASE WHEN a.id %% 10 = 0 THEN d.day + 230 END,
       'bench'
FROM registry_actor a
CROSS JOIN LATERAL (SELECT DATE '2018-11-12' + ((a.id * 2654435761) %% 2600)::int AS day) d
WHERE a.public_id LIKE 'bench-%%';
"""


def synthesise(n: int) -> None:
    """The synthetic agreement with `n` endorsements, (re)written in bulk when the size differs."""
    from django.db import connection, transaction

    from pactlog.registry.countries import all_codes
    from pactlog.registry.models import Actor, Endorsement
    from pactlog.registry.services import save_agreement

    agreement, _ = save_agreement(
        SYNTHETIC, title_en="Synthetic benchmark agreement (not real data)", is_example=True
    )
    if Endorsement.objects.filter(agreement=agreement).count() == n:
        return
    print(f"writing {n:,} synthetic endorsements with bulk SQL...", flush=True)
    started = time.perf_counter()
    with transaction.atomic():
        Endorsement.objects.filter(agreement=agreement).delete()
        Actor.objects.filter(public_id__startswith="bench-").delete()
        params: dict[str, Any] = {"n": n, "agreement": agreement.pk, "countries": all_codes()}
        with connection.cursor() as cursor:
            for statement in SYNTHESIS_SQL.split("---"):
                cursor.execute(statement, params)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE registry_actor; ANALYZE registry_endorsement;")
    print(f"  done in {time.perf_counter() - started:.0f} s", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": f"{SERVER}/{BENCH_DB}",
        "API_RATE_LIMIT": "0",
        "DB_CONN_MAX_AGE": "60",
        "DEBUG": "0",
    }
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "pactlog.wsgi:application", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


@dataclass
class Result:
    label: str
    first_ms: float
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int


def get(port: int, path: str) -> float:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    conn.close()
    if response.status != 200:
        raise SystemExit(f"GET {path} answered {response.status}")
    return time.perf_counter() - started


def measure(port: int, label: str, path: str, requests: int, concurrency: int) -> Result:
    # The first request pays for cold caches (for counts: building the step function).
    first = get(port, path)
    for _ in range(3):  # warm up the other worker and the connections
        get(port, path)
    latencies: list[float] = []
    lock = threading.Lock()
    remaining = [requests]

    def worker() -> None:
        while True:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            took = get(port, path)
            with lock:
                latencies.append(took)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return Result(
        label,
        first_ms=first * 1000,
        rps=len(latencies) / wall,
        p50_ms=latencies[len(latencies) // 2] * 1000,
        p99_ms=latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        requests=len(latencies),
    )


def scenarios(as_of_synthetic: str) -> list[tuple[str, str]]:
    real = "/api/v1/agreements/paris-call"
    synth = f"/api/v1/agreements/{SYNTHETIC}"
    page = "category=civil-society&country=FRA&page=1&page_size=100"
    return [
        ("static file (baseline)", "/static/ninja/favicon.png"),
        ("real: counts", f"{real}/counts?as_of={AS_OF}"),
        ("real: supporters, filtered page", f"{real}/supporters?as_of={AS_OF}&{page}"),
        ("real: coverage g20", f"{real}/coverage?group=g20&as_of={AS_OF}"),
        ("synthetic: counts", f"{synth}/counts?as_of={as_of_synthetic}"),
        ("synthetic: supporters, filtered page", f"{synth}/supporters?as_of={as_of_synthetic}&{page}"),
        ("synthetic: coverage g20", f"{synth}/coverage?group=g20&as_of={as_of_synthetic}"),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endorsements", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200, help="per scenario")
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()

    ensure_database()
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    import_real_snapshots()
    synthesise(args.endorsements)
    from django.db import connections

    connections.close_all()

    port = free_port()
    server = start_server(port)
    try:
        results = [
            measure(port, label, path, args.requests, args.concurrency)
            for label, path in scenarios("2022-06-30")
        ]
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"\n{args.endorsements:,} synthetic endorsements; {args.requests} requests per row, "
        f"{args.concurrency} concurrent clients; gunicorn 2 workers; PostgreSQL on loopback\n"
    )
    print("| scenario | requests/s | p50 ms | p99 ms | first request ms |")
    print("|---|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r.label} | {r.rps:.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.first_ms:.0f} |")


if __name__ == "__main__":
    main()
