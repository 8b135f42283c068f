"""kill -9 at random points while changes are committed and integrated, in subprocesses; then
the next process finishes the integration, and `log audit`, `tlog verify` on the published
folder and `pactlog verify` against a live server all pass, with no event lost or doubled."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.browser import helpers

pytestmark = pytest.mark.slow

KILLS = 50

SUPERVISOR = """
import datetime as dt, os, random, signal, sqlite3, sys, time
os.environ["DJANGO_SETTINGS_MODULE"] = "pactlog.settings"
import django
django.setup()
from django.db import connections
from pactlog.registry import services
from pactlog.registry.dates import Interval
from pactlog.registry.models import Agreement

kills, seed, database = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]


def work(run, out):
    agreement = Agreement.objects.get(slug="pact")
    for step in range(10**6):
        size = 60 if step % 4 == 3 else 1  # now and then an import-sized batch
        specs = [
            services.ActorSpec(kind="organisation", name=f"Crash {run} {step} {i}", category="civil-society")
            for i in range(size)
        ]
        actors = services.create_actors(specs)  # committed and integrated when it returns
        out.write("actors " + " ".join(a.public_id for a in actors) + "\\n"); out.flush()
        services.start_endorsements(agreement, [(a, Interval.day(dt.date(2021, 1, 1))) for a in actors])
        out.write("endorsed " + " ".join(a.public_id for a in actors) + "\\n"); out.flush()


rng = random.Random(seed)
behind = 0
for run in range(kills):
    connections.close_all()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            work(run, os.fdopen(write, "w"))
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as lines:
        first = lines.readline()  # one change done, however loaded the machine
        time.sleep(rng.uniform(0.0, 0.4))
        os.kill(pid, signal.SIGKILL)  # at a random point: in a commit, an integration, a mirror
        os.waitpid(pid, 0)
        sys.stdout.write(first + lines.read())
    db = sqlite3.connect(database)
    count = db.execute("SELECT COUNT(*) FROM registry_event").fetchone()[0]
    size = db.execute("SELECT size FROM log_logstate WHERE id = 1").fetchone()[0]
    db.close()
    behind += size < count
print("behind", behind, flush=True)
"""


def _env(data: Path) -> dict[str, str]:
    env = helpers.site_environment(data)
    env["PACTLOG_PUBLISH_DIR"] = str(data / "public")
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*helpers.PACTLOG, *args], env=env, cwd=helpers.ROOT, capture_output=True, text=True
    )


def test_kill_9_during_changes_and_integration_loses_and_doubles_nothing():
    tmp = Path(tempfile.mkdtemp(prefix="pactlog-crash-"))
    env = _env(tmp / "data")
    assert _run(env, "migrate", "--noinput").returncode == 0
    setup = "from pactlog.registry import services; services.save_agreement('pact', title_en='P')"
    subprocess.run(
        [sys.executable, "-c", f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='pactlog.settings'; django.setup(); {setup}"],
        env=env, cwd=helpers.ROOT, check=True,
    )  # fmt: skip
    database = str(tmp / "data" / "site.sqlite3")
    seed = os.getenv("PACTLOG_CRASH_SEED", "9")
    supervisor = subprocess.run(
        [sys.executable, "-c", SUPERVISOR, str(KILLS), seed, database],
        env=env, cwd=helpers.ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert supervisor.returncode == 0, supervisor.stderr[-3000:]
    committed: set[str] = set()
    endorsed: set[str] = set()
    behind = 0
    for line in supervisor.stdout.splitlines():
        kind, _, ids = line.partition(" ")
        if kind == "behind":
            behind = int(ids)
        else:
            (committed if kind == "actors" else endorsed).update(ids.split())
    assert len(committed) >= KILLS  # every worker committed before its kill
    # Some kills left committed events outside the tree (died before or inside integration).
    assert behind > 0

    # The next process start finishes any interrupted integration.
    backfill = _run(env, "log", "backfill")
    assert backfill.returncode == 0, backfill.stderr
    audit = _run(env, "log", "audit")
    assert audit.returncode == 0, audit.stdout + audit.stderr

    db = sqlite3.connect(tmp / "data" / "site.sqlite3")
    events = db.execute("SELECT COUNT(*), MAX(seq) FROM registry_event").fetchone()
    assert events[0] == events[1] + 1  # no gap
    size = db.execute("SELECT size FROM log_logstate WHERE id = 1").fetchone()[0]
    assert size == events[0]  # every durable event is in the log, once
    actors = {row[0] for row in db.execute("SELECT public_id FROM registry_actor")}
    assert committed <= actors  # nothing acknowledged was lost
    doubled = db.execute(
        "SELECT actor, type, COUNT(*) FROM registry_event WHERE actor != ''"
        " GROUP BY actor, type HAVING COUNT(*) > 1"
    ).fetchall()
    assert doubled == []
    with_endorsement = {
        row[0]
        for row in db.execute(
            "SELECT a.public_id FROM registry_endorsement e JOIN registry_actor a ON a.id = e.actor_id"
        )
    }
    assert endorsed <= with_endorsement

    key = _run(env, "log", "key").stdout.strip()
    published = _run(env, "tlog", "verify", str(tmp / "data" / "public" / "log"), "--key", key)
    assert published.returncode == 0, published.stderr
    port = helpers.free_port()
    server = helpers.start_gunicorn(env, port)
    try:
        helpers.wait_until_up(f"http://127.0.0.1:{port}/log/checkpoint")
        verify = _run(env, "verify", f"http://127.0.0.1:{port}/", "--key", key)
        assert verify.returncode == 0, verify.stdout + verify.stderr
    finally:
        helpers.stop(server)
