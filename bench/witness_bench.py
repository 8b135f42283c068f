"""Benchmark of witnessing (pactlog.witness, pactlog.log.witnessing) on loopback.

    .venv/bin/python bench/witness_bench.py [--seconds 10]

Everything runs as separate processes on 127.0.0.1, on SQLite in a temporary folder:

1. Commit to a published checkpoint that meets a 2-of-2 quorum, p50 and p99, at 10 and 100
   committed changes a second: two witnesses (`pactlog witness serve`), `pactlog log witness
   --watch --interval 0.05` and one writer process paced to the rate. The published file
   (PACTLOG_PUBLISH_DIR/log/checkpoint, what nginx serves) is polled every 5 ms; a change's
   latency runs from its commit to the first published checkpoint covering its event.
   Beside it, the bare commit-to-checkpoint latency of the same writer with no policy.
2. add-checkpoint requests a second one witness sustains (gunicorn, 1 worker x 4 threads,
   SQLite with synchronous=FULL): 4 clients on keep-alive connections, each growing its own
   log by one entry per request, with its consistency proof. Beside it, in this process: the
   bare Ed25519 cosignature rate and the pure add-checkpoint decision (parse, verify the log's
   signature and the proof, cosign) rate.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pactlog.settings")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _watch_published(path: Path, seen: list[tuple[float, int]], stop: threading.Event) -> None:
    last = None
    while not stop.is_set():
        try:
            text = path.read_text()
        except OSError:
            text = None
        if text and text != last:
            last = text
            seen.append((time.time(), int(text.split("\n")[1])))
        time.sleep(0.005)


def latency_run(tmp: Path, rate: float, count: int, witnessed: bool) -> list[float]:
    from pactlog.witness.tests.processes import PACTLOG, LogInstance, Witness
    from pactlog.witness.tests.processes import ROOT as REPO

    site = LogInstance(tmp / f"site-{rate:g}-{witnessed}")
    witnesses: list[Witness] = []
    watcher = None
    if witnessed:
        witnesses = [
            Witness(f"bench.test/w{n}", site.data_dir / f"w{n}").init(site.vkey) for n in (1, 2)
        ]
        site.write_policy(witnesses, quorum="all")
    else:
        site.policy_file.write_text("")
        site.extra["PACTLOG_LOG_POLICY"] = ""
    site.migrate()
    for witness in witnesses:
        witness.start()
    env = site.env
    if witnessed:
        watcher = subprocess.Popen(
            [*PACTLOG, "log", "witness", "--watch", "--interval", "0.05"],
            env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
    published: list[tuple[float, int]] = []
    stop = threading.Event()
    poller = threading.Thread(
        target=_watch_published,
        args=(site.data_dir / "public" / "log" / "checkpoint", published, stop),
        daemon=True,
    )
    poller.start()
    try:
        site.changes(3, "warm")
        commits = site.changes(count, f"r{rate:g}", rate)
        deadline = time.time() + 15
        last_seq = commits[-1][2]
        while time.time() < deadline and not any(size > last_seq for _, size in published):
            time.sleep(0.05)
    finally:
        stop.set()
        poller.join()
        if watcher is not None:
            watcher.terminate()
            watcher.wait()
        for witness in witnesses:
            witness.stop()
    latencies = []
    for committed, _, seq in commits:
        covering = [t for t, size in published if size > seq and t >= committed - 0.005]
        if covering:
            latencies.append(max(0.0, min(covering) - committed))
    missing = len(commits) - len(latencies)
    if missing:
        print(f"  warning: {missing} commits never covered by a published checkpoint")
    return latencies


# --- add-checkpoint throughput ---------------------------------------------------------------


def throughput(
    tmp: Path, seconds: float, clients: int = 4, workers: int = 1, threads: int = 4
) -> float:
    from pactlog import tlog
    from pactlog.tlog.witness import AddCheckpoint
    from pactlog.witness.tests.processes import PACTLOG, Witness, run
    from pactlog.witness.tests.processes import ROOT as REPO
    from tests.browser import helpers

    logs = []
    witness = Witness("bench.test/throughput", tmp / f"throughput-{workers}-{threads}")
    for n in range(clients):
        origin = f"bench.test/log{n}"
        signer = tlog.Signer.generate(origin)
        log = tlog.MemoryLog(origin)
        log.append_many([f"{origin} {i}".encode() for i in range(20000)])
        logs.append((signer, log))
        if n == 0:
            witness.init(signer.verifier_key, origin)
        else:
            run(
                [*PACTLOG, "witness", "add-log", "--origin", origin, "--vkey", signer.verifier_key],
                witness.env,
            )
    port = helpers.free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "pactlog.witness.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads),
         "--log-level", "warning"],
        env={**witness.env, "DJANGO_SETTINGS_MODULE": "pactlog.witness.settings"}, cwd=REPO,
    )  # fmt: skip
    from pactlog.witness.tests.processes import wait_for_port

    wait_for_port(port)
    counts = [0] * clients
    stop = threading.Event()

    def client(n: int) -> None:
        signer, log = logs[n]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        old = 0
        while not stop.is_set() and old + 1 < log.size:
            size = old + 1
            proof = tuple(log.consistency_proof(old, size)) if old else ()
            note = tlog.Checkpoint(log.origin, size, log.root(size)).sign(signer)
            conn.request("POST", "/add-checkpoint", AddCheckpoint(old, proof, note).encode())
            answer = conn.getresponse()
            answer.read()
            if answer.status != 200:
                raise SystemExit(f"witness answered {answer.status}")
            old = size
            counts[n] += 1

    senders = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    try:
        for thread in senders:
            thread.start()
        time.sleep(1.0)  # warm up
        start_count, started = sum(counts), time.perf_counter()
        time.sleep(seconds)
        rate = (sum(counts) - start_count) / (time.perf_counter() - started)
    finally:
        stop.set()
        for thread in senders:
            thread.join()
        helpers.stop(server)
    return rate


def bare_rates(seconds: float) -> tuple[float, float]:
    from pactlog import tlog
    from pactlog.tlog.witness import AddCheckpoint, LogState, decide, parse_add_checkpoint

    cosigner = tlog.Cosigner.generate("bench.test/bare")
    text = tlog.Checkpoint("bench.test/log", 1, bytes(32)).text()
    n, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        cosigner.cosign(text, 1_700_000_000 + n)
        n += 1
    signing = n / (time.perf_counter() - started)

    signer = tlog.Signer.generate("bench.test/log")
    log = tlog.MemoryLog("bench.test/log")
    log.append_many([str(i).encode() for i in range(5000)])
    bodies = [
        AddCheckpoint(k, tuple(log.consistency_proof(k, k + 1)) if k else (),
                      tlog.Checkpoint(log.origin, k + 1, log.root(k + 1)).sign(signer)).encode()
        for k in range(4000)
    ]  # fmt: skip
    state, n, started = LogState.empty(), 0, time.perf_counter()
    while time.perf_counter() - started < seconds and n < len(bodies):
        decision = decide(
            parse_add_checkpoint(bodies[n]), [signer.verifier], state, cosigner, 1_700_000_000
        )
        assert decision.state is not None
        state, n = decision.state, n + 1
    return signing, n / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=10.0, help="per measured rate")
    args = parser.parse_args()
    import django

    django.setup()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        print("1. commit -> published checkpoint (2-of-2 witnesses, loopback, SQLite)")
        for rate in (10.0, 100.0):
            count = int(rate * args.seconds)
            witnessed = latency_run(tmp, rate, count, witnessed=True)
            bare = latency_run(tmp, rate, count, witnessed=False)
            print(
                f"  {rate:>5g}/s  witnessed p50 {statistics.median(witnessed) * 1000:7.1f} ms  "
                f"p99 {percentile(witnessed, 99) * 1000:7.1f} ms   |  no witnesses p50 "
                f"{statistics.median(bare) * 1000:6.1f} ms  p99 {percentile(bare, 99) * 1000:6.1f} ms"
                f"   ({len(witnessed)} changes)"
            )
        print("2. add-checkpoint requests a second (one witness, gunicorn 1x4, SQLite FULL)")
        served = throughput(tmp, args.seconds)
        signing, deciding = bare_rates(min(args.seconds, 3.0))
        print(f"  witness over HTTP        {served:9.0f} /s")
        print(f"  decide() in process      {deciding:9.0f} /s  (parse, verify, prove, cosign)")
        print(f"  bare Ed25519 cosigning   {signing:9.0f} /s")
        print(f"  ratio HTTP / bare signing: {served / signing:.3f}")


if __name__ == "__main__":
    main()
