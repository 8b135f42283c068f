"""Benchmark of the verifiable log wired into the registry (pactlog.log).

    .venv/bin/python bench/log_bench.py                                  # SQLite
    .venv/bin/python bench/log_bench.py --database postgres://postgres@127.0.0.1:5432/pactlog_bench

The database named by --database is dropped and created again (PostgreSQL) or made in a
temporary folder (SQLite, the default). Three measures, each beside the bare `pactlog.tlog`
append of the same entries, measured in the same run:

1. Commit-to-checkpoint latency, p50 and p99, at 10 and 100 committed changes a second: four
   writer processes each save one actor at a time, paced to the target rate; each commit is
   followed (registry_changed, as in production) by the integration that signs a checkpoint
   covering it; the latency is from the commit to that checkpoint being committed.
   Baseline: FileLog.append_many of one entry (fsync'ed files, one signed checkpoint).
2. Entries integrated a second: N events already committed, integrated in one run (batches of
   4,096 per transaction). Baseline: FileLog.append_many of the same entries in the same batches.
3. Verification of the real data: both Paris Call snapshots imported, served by gunicorn;
   `pactlog verify` (log + replay + API comparison at 4+ dates) against `pactlog tlog verify`
   of the same log.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def prepare_database(url: str | None, tmp: Path) -> str:
    if not url:
        return f"sqlite:///{tmp / 'bench.sqlite3'}"
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def bare_append_latency(tmp: Path, entries: list[bytes]) -> float:
    from pactlog.tlog import FileLog, Signer

    log = FileLog(tmp / "bare-latency", "bench/pactlog", signer=Signer.generate("bench/pactlog"))
    times = []
    for entry in entries:
        start = time.perf_counter()
        log.append_many([entry])
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def latency(
    rate: float, seconds: float, processes: int = 4, *, with_log: bool = True
) -> tuple[list[float], float]:
    """Commit-to-checkpoint latencies of changes made at `rate` a second by writer processes.

    Each of `processes` forked writers (as gunicorn workers would be) commits one change at a
    time on its share of the schedule, with the production hook (`registry_changed` runs the
    integration, which may leave the work to another process). Each writer notes, right after
    its commit, the tree size that covers its event; this process watches the stored checkpoint
    and notes when each size is first reached. Latency = that moment - the commit.
    """
    from django.db import connections

    from pactlog.log import integrate as integration
    from pactlog.registry import services
    from pactlog.registry.signals import registry_changed

    commits: list[tuple[int, float]] = []

    def noted(**_: object) -> None:
        commits.append((services.event_count(), time.monotonic()))  # just after the commit
        if with_log:
            integration.integrate(wait=False)

    registry_changed.disconnect(dispatch_uid="log-integrate")
    registry_changed.connect(noted, dispatch_uid="bench-integrate")
    count = int(rate * seconds)
    connections.close_all()
    origin = time.monotonic() + 0.5
    children = []
    for w in range(processes):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            try:
                for i in range(w, count, processes):
                    pause = origin + i / rate - time.monotonic()
                    if pause > 0:
                        time.sleep(pause)
                    spec = services.ActorSpec(
                        kind="organisation",
                        name=f"Bench {rate} {with_log} {i}",
                        category="civil-society",
                    )
                    services.create_actors([spec])
                with os.fdopen(write, "w") as out:
                    out.write(" ".join(f"{n}:{t}" for n, t in commits))
            finally:
                os._exit(0)
        os.close(write)
        children.append((pid, read))
    reached: list[tuple[int, float]] = []  # (size, first seen)
    running = set(pid for pid, _ in children)
    while running:
        size = integration.stored_size()
        if not reached or size > reached[-1][0]:
            reached.append((size, time.monotonic()))
        for pid in list(running):
            if os.waitpid(pid, os.WNOHANG)[0]:
                running.discard(pid)
        time.sleep(0.002)
    elapsed = time.monotonic() - origin
    size = integration.stored_size()
    if not reached or size > reached[-1][0]:
        reached.append((size, time.monotonic()))
    for _, read in children:
        with os.fdopen(read) as data:
            for item in data.read().split():
                n, t = item.split(":")
                commits.append((int(n), float(t)))
    registry_changed.disconnect(dispatch_uid="bench-integrate")
    registry_changed.connect(integration.integrate_after_change, dispatch_uid="log-integrate")
    latencies = []
    if with_log:
        for target, committed in commits:
            seen = next((t for n, t in reached if n >= target), None)
            if seen is not None:
                latencies.append(max(0.0, seen - committed))
        assert len(latencies) == len(commits), "some commits never reached a checkpoint"
    return latencies, count / elapsed


def throughput(n: int, tmp: Path) -> tuple[float, float]:
    """(entries/s integrated from the database, entries/s of bare FileLog batches)."""
    from pactlog.log import integrate as integration
    from pactlog.log.entries import entry_bytes
    from pactlog.registry import services
    from pactlog.registry.models import Event
    from pactlog.registry.signals import registry_changed
    from pactlog.tlog import FileLog, Signer

    registry_changed.disconnect(dispatch_uid="log-integrate")
    specs = [
        services.ActorSpec(kind="organisation", name=f"Bulk {i}", category="civil-society")
        for i in range(n)
    ]
    for i in range(0, n, 5000):
        services.create_actors(specs[i : i + 5000])
    registry_changed.connect(integration.integrate_after_change, dispatch_uid="log-integrate")
    before = integration.stored_size()
    start = time.perf_counter()
    added = integration.integrate()
    db_rate = added / (time.perf_counter() - start)
    rows = Event.objects.filter(seq__gte=before).order_by("seq")
    entries = [entry_bytes(*r) for r in rows.values_list("seq", "type", "recorded_at", "payload")]
    log = FileLog(tmp / "bare-bulk", "bench/pactlog", signer=Signer.generate("bench/pactlog"))
    start = time.perf_counter()
    for i in range(0, len(entries), integration.BATCH):
        log.append_many(entries[i : i + integration.BATCH])
    return db_rate, len(entries) / (time.perf_counter() - start)


def verify_real_data(database: str, tmp: Path) -> tuple[float, float] | None:
    from tests.browser import helpers

    env = helpers.site_environment(tmp / "real")
    if database.startswith("postgres"):
        parts = urlsplit(database)
        env["DATABASE_URL"] = prepare_database(
            urlunsplit(parts._replace(path=parts.path + "_real")), tmp
        )
    run = {"env": env, "cwd": ROOT, "check": True, "capture_output": True}
    subprocess.run([*helpers.PACTLOG, "migrate", "--noinput"], **run)  # type: ignore[call-overload]
    for day in helpers.SNAPSHOTS:
        folder = helpers.PARISCALL / day / "_supporters"
        subprocess.run(  # type: ignore[call-overload]
            [*helpers.PACTLOG, "import-jekyll", str(folder), "--agreement", "paris-call",
             "--snapshot-date", day],
            **run,
        )  # fmt: skip
    key = subprocess.run(
        [*helpers.PACTLOG, "log", "key"], env=env, cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    port = helpers.free_port()
    server = helpers.start_gunicorn(env, port, workers=2)
    try:
        url = f"http://127.0.0.1:{port}/"
        helpers.wait_until_up(url + "log/checkpoint")
        timings = []
        for command in (["verify", url], ["tlog", "verify", url + "log/"]):
            start = time.perf_counter()
            done = subprocess.run(
                [*helpers.PACTLOG, *command, "--key", key], cwd=ROOT, capture_output=True
            )
            timings.append(time.perf_counter() - start)
            assert done.returncode == 0, done.stdout + done.stderr
        return timings[0], timings[1]
    finally:
        helpers.stop(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="postgres:// URL of a database to (re)create")
    parser.add_argument("--seconds", type=float, default=10.0, help="per latency run")
    parser.add_argument("--entries", type=int, default=20000, help="for the throughput run")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pactlog-log-bench-"))
    try:
        database = prepare_database(args.database, tmp)
        os.environ.update(
            DATABASE_URL=database,
            PACTLOG_DATA_DIR=str(tmp / "data"),
            PACTLOG_PUBLISH_DIR="",
            SECRET_KEY="bench",
        )
        os.environ["DJANGO_SETTINGS_MODULE"] = "pactlog.settings"
        import django

        django.setup()
        from django.core.management import call_command

        from pactlog.log.entries import entry_bytes
        from pactlog.registry import services

        call_command("migrate", verbosity=0)
        services.save_agreement("bench", title_en="Bench")
        print(f"database: {database.split('://')[0]}")
        sample = [
            entry_bytes(i, "actor.saved", django.utils.timezone.now(), "{}") for i in range(200)
        ]
        bare = bare_append_latency(tmp, [e + b" " * 250 for e in sample])
        print(f"bare FileLog append of one entry (fsync, signed): {bare * 1000:.2f} ms")
        for rate in (10.0, 100.0):
            _, alone = latency(rate, args.seconds, with_log=False)
            print(f"{rate:>5.0f} changes/s asked, without the log: {alone:.0f} achieved")
            values, achieved = latency(rate, args.seconds)
            p50, p99 = percentile(values, 50), percentile(values, 99)
            print(
                f"{rate:>5.0f} changes/s asked ({achieved:.0f} achieved), {len(values)} commits: "
                "commit-to-checkpoint p50 "
                f"{p50 * 1000:.1f} ms ({p50 / bare:.1f}x bare), p99 {p99 * 1000:.1f} ms "
                f"({p99 / bare:.1f}x bare); target p99 < 1 s: {'met' if p99 < 1 else 'MISSED'}"
            )
        db_rate, bare_rate = throughput(args.entries, tmp)
        print(
            f"integration of {args.entries} committed events: {db_rate:,.0f} entries/s; bare "
            f"FileLog {bare_rate:,.0f} entries/s; ratio {bare_rate / db_rate:.1f}x"
        )
        timings = verify_real_data(database, tmp)
        if timings:
            print(
                f"real data: pactlog verify {timings[0]:.2f} s, pactlog tlog verify "
                f"{timings[1]:.2f} s; ratio {timings[0] / timings[1]:.1f}x"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
