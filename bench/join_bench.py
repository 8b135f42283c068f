"""Benchmark of joining: approval to public page and counters.json, and form submissions/s.

    .venv/bin/python bench/join_bench.py [--approvals 40] [--seconds 10] [--clients 4]

Imports the two real Paris Call snapshots into a throw-away SQLite database, starts gunicorn
(2 workers) on 127.0.0.1 with its mail going to an SMTP server (aiosmtpd) run by this script,
then measures:

- approval to public: confirmed requests are approved one at a time through
  `joining.services.approve` (what the moderators' POST calls) in this process; the clock
  stops once the supporter's public page answers 200 from gunicorn AND the published
  `counters.json` file (written after commit) shows the new total. p50 and p99 in ms.
- form submissions a second, sustained, with PACTLOG_JOIN_LIMITS=off: `--clients` threads
  each GET the form once (CSRF cookie) then POST valid requests for `--seconds`; every
  accepted submission writes two rows and sends its confirmation e-mail over SMTP.

Everything listens on loopback only and every process is stopped at the end.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aiosmtpd.controller import Controller  # noqa: E402

from tests.browser import helpers  # noqa: E402


class CountingHandler:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.count += 1
        return "250 OK"


FORM = {
    "category": "civil-society", "country": "FRA", "nature": "ngo",
    "website": "https://bench.example", "contact_name": "Bench", "contact_role": "Tester",
    "message": "", "authority": "on",
}  # fmt: skip


def submitter(base: str, stop_at: float, results: list[int], index: int) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/en/paris-call/join/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    ok = n = 0
    while time.monotonic() < stop_at:
        n += 1
        data = {**FORM, "csrfmiddlewaretoken": token, "name": f"Bench org {index}-{n}",
                "contact_email": f"bench{index}-{n}@bench.example"}  # fmt: skip
        request = urllib.request.Request(
            f"{base}/en/paris-call/join/",
            data=urllib.parse.urlencode(data).encode(),
            headers={"Referer": f"{base}/en/paris-call/join/"},
        )
        with opener.open(request) as response:
            ok += response.status == 200
    results.append(ok)


def approval_latencies(base: str, publish: Path, count: int) -> list[float]:
    from django.utils import timezone

    from pactlog.joining import services
    from pactlog.joining.models import Contact, JoinRequest, State
    from pactlog.registry.models import Agreement

    agreement = Agreement.objects.get(slug="paris-call")
    counters = publish / "paris-call" / "counters.json"
    latencies = []
    for i in range(count + 1):  # the first one warms up (imports, templates, connections)
        request = JoinRequest.objects.create(
            agreement=agreement, name=f"Latency probe {i}", category="civil-society",
            country="FRA", submitted_at=timezone.now(), state=State.CONFIRMED,
        )  # fmt: skip
        Contact.objects.create(request=request, name="x", role="y", email="x@bench.example",
                               email_key="x@bench.example")  # fmt: skip
        before = json.loads(counters.read_text())["total"] if counters.exists() else None
        start = time.perf_counter()
        done = services.approve(request.pk)
        assert done.actor is not None
        url = f"{base}/en/paris-call/supporters/{done.actor.public_id}/"
        while True:
            try:
                with urllib.request.urlopen(url) as response:
                    page_ok = response.status == 200
            except urllib.error.HTTPError:
                page_ok = False
            total = json.loads(counters.read_text())["total"] if counters.exists() else None
            if page_ok and total is not None and total != before:
                break
            if time.perf_counter() - start > 10:
                raise RuntimeError(f"{url} not public after 10 s")
            time.sleep(0.002)
        latencies.append((time.perf_counter() - start) * 1000)
    return latencies[1:]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--approvals", type=int, default=40)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()

    handler = CountingHandler()
    smtp = Controller(handler, hostname="127.0.0.1", port=helpers.free_port())
    smtp.start()
    data_dir = Path(tempfile.mkdtemp(prefix="pactlog-join-bench-"))
    server = None
    try:
        print("importing the real snapshots...", flush=True)
        env = helpers.prepare_database(data_dir)
        port = helpers.free_port()
        base = f"http://127.0.0.1:{port}"
        env.update(EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}", PACTLOG_BASE_URL=base,
                   PACTLOG_JOIN_LIMITS="off")  # fmt: skip
        os.environ.update(env)
        server = helpers.start_gunicorn(env, port, workers=2)
        helpers.wait_until_up(f"{base}/en/")

        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pactlog.settings")
        django.setup()
        latencies = approval_latencies(base, data_dir / "public", args.approvals)
        print(f"approval to public page + counters.json ({args.approvals} approvals): "
              f"p50 {statistics.median(latencies):.1f} ms, p99 {percentile(latencies, 99):.1f} ms, "
              f"max {max(latencies):.1f} ms; slowest: "
              f"{', '.join(f'{v:.0f}' for v in sorted(latencies)[-3:])} ms")  # fmt: skip

        results: list[int] = []
        stop_at = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=submitter, args=(base, stop_at, results, i))
            for i in range(args.clients)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        accepted = sum(results)
        print(f"form submissions (limits off, {args.clients} clients, {elapsed:.1f} s): "
              f"{accepted / elapsed:.1f}/s accepted, {handler.count} e-mails received")  # fmt: skip
    finally:
        if server is not None:
            helpers.stop(server)
        smtp.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
