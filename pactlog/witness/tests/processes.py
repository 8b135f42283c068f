"""Witnesses and a log instance as separate processes on loopback, for the tests and the bench."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser import helpers

PACTLOG = [sys.executable, "-m", "pactlog"]
ROOT = helpers.ROOT
ORIGIN = "log.test/pactlog"


def wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def base_env(data_dir: Path) -> dict[str, str]:
    env = helpers.site_environment(data_dir)
    env.pop("PACTLOG_WITNESS_DATABASE_URL", None)
    return env


def run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise AssertionError(f"{command} failed: {done.stdout}{done.stderr}")
    return done.stdout


@dataclass
class Witness:
    """A `pactlog witness serve` process with its own data dir (SQLite) and key."""

    name: str
    data_dir: Path
    port: int = field(default_factory=helpers.free_port)
    vkey: str = ""
    process: subprocess.Popen[bytes] | None = None

    @property
    def env(self) -> dict[str, str]:
        env = base_env(self.data_dir)
        env.pop("DATABASE_URL")
        return env

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def init(self, log_vkey: str, origin: str = ORIGIN) -> Witness:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.vkey = run([*PACTLOG, "witness", "init", "--name", self.name], self.env).strip()
        run([*PACTLOG, "witness", "add-log", "--origin", origin, "--vkey", log_vkey], self.env)
        return self

    def start(self) -> Witness:
        log = (self.data_dir / "serve.log").open("ab")
        self.process = subprocess.Popen(
            [*PACTLOG, "witness", "serve", f"127.0.0.1:{self.port}"],
            env=self.env, cwd=ROOT, stdout=log, stderr=log,
        )  # fmt: skip
        wait_for_port(self.port)
        return self

    def kill(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            helpers.stop(self.process)
            self.process = None

    def post(self, body: bytes, timeout: float = 10) -> tuple[int, str, bytes]:
        request = urllib.request.Request(f"{self.url}/add-checkpoint", data=body, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                return answer.status, answer.headers.get_content_type(), answer.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers.get_content_type(), exc.read()

    def monitored(self, path: str) -> bytes | None:
        try:
            with urllib.request.urlopen(f"{self.url}/{path}", timeout=10) as answer:
                return bytes(answer.read())
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            raise


CHANGES = """
import json, os, sys, time
os.environ["DJANGO_SETTINGS_MODULE"] = "pactlog.settings"
import django
django.setup()
from pactlog.registry import services
from pactlog.registry.models import Event
count, tag, rate = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
timings = []
start = time.perf_counter()
for i in range(count):
    if rate:
        time.sleep(max(0.0, start + i / rate - time.perf_counter()))
    began = time.perf_counter()
    services.create_actors(
        [services.ActorSpec(kind="organisation", name=f"Org {tag} {i}", category="civil-society")]
    )
    took, committed = time.perf_counter() - began, time.time()
    seq = Event.objects.order_by("-seq").values_list("seq", flat=True).first()
    timings.append((committed, took, seq))
time.sleep(0.3)  # let the after-commit attempt finish before exiting
print(json.dumps(timings))
"""


@dataclass
class LogInstance:
    """A pactlog site (gunicorn) whose log is witnessed per a policy file."""

    data_dir: Path
    policy: str = ""
    port: int = field(default_factory=helpers.free_port)
    signer_key: str = ""
    vkey: str = ""
    process: subprocess.Popen[bytes] | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if not self.signer_key:
            keys = run([*PACTLOG, "tlog", "keygen", ORIGIN], os.environ.copy()).split()
            self.signer_key, self.vkey = keys[0], keys[1]

    @property
    def policy_file(self) -> Path:
        return self.data_dir / "policy.txt"

    @property
    def env(self) -> dict[str, str]:
        env = base_env(self.data_dir)
        env.update(
            PACTLOG_LOG_KEY=self.signer_key,
            PACTLOG_LOG_ORIGIN=ORIGIN,
            PACTLOG_LOG_POLICY=str(self.policy_file),
            PACTLOG_PUBLISH_DIR=str(self.data_dir / "public"),
        )
        env.update(self.extra)
        return env

    def write_policy(self, witnesses: list[Witness], quorum: str = "all") -> str:
        lines = [f"log {self.vkey} {self.url}/log/"]
        lines += [f"witness {w.name} {w.vkey} {w.url}" for w in witnesses]
        names = " ".join(w.name for w in witnesses)
        lines += [f"group everyone {quorum} {names}", "quorum everyone"]
        text = "\n".join(lines) + "\n"
        self.policy_file.write_text(text)
        return text

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def migrate(self) -> None:
        run([*PACTLOG, "migrate", "--noinput", "-v0"], self.env)

    def start(self) -> LogInstance:
        self.process = helpers.start_gunicorn(self.env, self.port)
        wait_for_port(self.port)
        return self

    def stop(self) -> None:
        if self.process is not None:
            helpers.stop(self.process)
            self.process = None

    def changes(self, count: int, tag: str, rate: float = 0) -> list[tuple[float, float, int]]:
        """Make `count` registry changes in another process: for each, the wall time of its
        commit, the seconds the change took and the seq of its (last) event."""
        out = run([sys.executable, "-c", CHANGES, str(count), tag, str(rate)], self.env)
        rows = json.loads(out.strip().splitlines()[-1])
        return [(float(t[0]), float(t[1]), int(t[2])) for t in rows]

    def witness_round(self) -> str:
        return run([*PACTLOG, "log", "witness"], self.env)

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(f"{self.url}{path}", timeout=10) as answer:
            return bytes(answer.read())
