"""`pactlog check --deploy`: what a production deployment must state and get right.

How the server runs is not visible from inside Django, so the deployment states it in the
environment and these checks hold it to it (docs/deploy.md, "Processes and limits"):

- `PACTLOG_PROCESSES`: how many application processes serve the site (gunicorn workers times
  servers; default 1, or gunicorn's `--workers` read from `GUNICORN_CMD_ARGS`). Beyond one,
  every limit (API, sign-ins, join forms, expensive pages) must be counted in one shared store:
  `REDIS_URL` is required, else each process would allow the full limit on its own.
- nginx in front (`PACTLOG_TRUSTED_PROXIES` names it, as the documented front requires) or a
  threaded worker class (`PACTLOG_WORKER_CLASS` or gunicorn's `--worker-class` in
  `GUNICORN_CMD_ARGS`: gthread, gevent, eventlet): a sync worker facing clients directly is held
  by a few sockets that send their headers slowly.
- `ALLOWED_HOSTS` names the site: not `*`, not only loopback names.
- the folders nginx serves (`PACTLOG_PUBLISH_DIR`, `STATIC_ROOT`) are outside the data dir.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from pactlog.web.private_files import inside

#: Cache backends every process shares (the `ratelimit` alias must be one of them).
SHARED_BACKENDS = frozenset({"RedisCache", "PyMemcacheCache", "PyLibMCCache"})
THREADED = frozenset({"gthread", "gevent", "eventlet", "tornado"})
LOOPBACK = frozenset({"127.0.0.1", "localhost", "[::1]", "::1", "testserver"})


def _gunicorn_option(*names: str) -> str | None:
    words = shlex.split(os.getenv("GUNICORN_CMD_ARGS", ""))
    for i, word in enumerate(words):
        for name in names:
            if word == name and i + 1 < len(words):
                return words[i + 1]
            if word.startswith(name + "="):
                return word.split("=", 1)[1]
    return None


def processes() -> int:
    stated = os.getenv("PACTLOG_PROCESSES") or _gunicorn_option("--workers", "-w") or "1"
    try:
        return max(1, int(stated))
    except ValueError:
        return 1


def worker_class() -> str:
    stated = os.getenv("PACTLOG_WORKER_CLASS") or _gunicorn_option("--worker-class", "-k") or ""
    return stated.rsplit(".", 1)[-1].lower().removesuffix("worker") or "sync"


def shared_limits() -> bool:
    alias: Any = settings.CACHES.get("ratelimit") or {}
    backend = str(alias.get("BACKEND", ""))
    return backend.rsplit(".", 1)[-1] in SHARED_BACKENDS


@register(Tags.security, deploy=True)
def check_processes_and_front(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    found: list[CheckMessage] = []
    if processes() > 1 and not shared_limits():
        found.append(Error(
            f"{processes()} processes serve the site but the rate limits are counted in each "
            "process's memory: every limit would be multiplied by the number of processes.",
            hint="Set REDIS_URL (docs/deploy.md, 'Processes and limits').", id="pactlog.E001",
        ))  # fmt: skip
    behind_nginx = bool(getattr(settings, "PACTLOG_TRUSTED_PROXIES", []))
    if not behind_nginx and worker_class() not in THREADED:
        found.append(Error(
            f"Clients reach {worker_class()!r} workers directly: a few connections that send "
            "their headers slowly hold every worker.",
            hint="Put the documented nginx in front (and set PACTLOG_TRUSTED_PROXIES), or run "
            "gunicorn with --worker-class gthread (PACTLOG_WORKER_CLASS=gthread).",
            id="pactlog.E002",
        ))  # fmt: skip
    return found


@register(Tags.security, deploy=True)
def check_hosts_and_folders(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    found: list[CheckMessage] = []
    hosts = set(settings.ALLOWED_HOSTS)
    if "*" in hosts or not hosts - LOOPBACK:
        found.append(Error(
            "ALLOWED_HOSTS does not name the site: links in feeds, the API's `next` and the "
            "log's origin would follow whatever Host a client sends, or only loopback is served.",
            hint="Set ALLOWED_HOSTS=registry.example.org.", id="pactlog.E003",
        ))  # fmt: skip
    data = Path(str(settings.DATA_DIR))
    for name in ("PUBLISH_DIR", "STATIC_ROOT"):
        folder = getattr(settings, name, None)
        if folder and inside(data, [Path(str(folder))]):
            found.append(Warning(
                f"{name} ({folder}) is inside the data dir, which is then 0711 rather than 0700 "
                "so that nginx can reach it.",
                hint=f"Set {name} to a folder outside PACTLOG_DATA_DIR (docs/deploy.md).",
                id="pactlog.W004",
            ))  # fmt: skip
    return found
