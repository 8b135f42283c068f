"""Test fixtures for the stand-alone verifier: a registry log written as files (no Django), a
real SMTP server, and a webhook receiver that checks Standard Webhooks signatures."""

from __future__ import annotations

import base64
import datetime as dt
import email
import email.policy
import hashlib
import hmac
import json
import socket
import threading
import time
from collections.abc import Callable, Sequence
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from pactlog import tlog
from pactlog.verifier.entries import entry_bytes

ORIGIN = "monitor.test/pactlog"
SIGNER = tlog.Signer.generate(ORIGIN)
VKEY = SIGNER.verifier_key
SECRET = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()
T0 = dt.datetime(2027, 3, 3, 12, 0, tzinfo=dt.timezone.utc)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class Registry:
    """Events of a small registry, as log entries, in order."""

    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, Any]]] = []

    def add(self, kind: str, payload: dict[str, Any]) -> Registry:
        self.events.append((kind, payload))
        return self

    def agreement(
        self, slug: str = "paris-call", title: str = "the Paris Call", title_fr: str = ""
    ) -> Registry:
        return self.add("agreement.saved", {"slug": slug,
                                            "title": {"en": title, "fr": title_fr or title},
                                            "categories": ["state", "civil-society"]})  # fmt: skip

    def state(self, iso3: str) -> Registry:
        return self.add("actor.saved", {"id": iso3.lower(), "kind": "state", "name": iso3,
                                        "category": "state", "nature": "", "country": iso3,
                                        "merged_into": None})  # fmt: skip

    def org(self, actor: str, name: str, country: str = "") -> Registry:
        return self.add("actor.saved", {"id": actor, "kind": "organisation", "name": name,
                                        "category": "civil-society", "nature": "ngo",
                                        "country": country, "merged_into": None})  # fmt: skip

    def endorse(self, actor: str, day: str, slug: str = "paris-call", number: int = 1) -> Registry:
        return self.add("endorsement.started", _endorsement(slug, actor, number, day, None))

    def end(self, actor: str, day: str, slug: str = "paris-call", number: int = 1) -> Registry:
        payload = _endorsement(slug, actor, number, "2018-11-12", day)
        return self.add("endorsement.ended", {**payload, "status": "withdrawn"})

    def entries(self) -> list[bytes]:
        return [
            entry_bytes(i, kind, T0 + dt.timedelta(minutes=i), canonical(payload))
            for i, (kind, payload) in enumerate(self.events)
        ]


def _endorsement(slug: str, actor: str, number: int, start: str, end: str | None) -> dict[str, Any]:
    return {
        "agreement": slug,
        "actor": actor,
        "number": number,
        "status": "active",
        "start": {"not_before": start, "not_after": start},
        "end": {"not_before": end, "not_after": end} if end else None,
        "source": "test",
    }


def write_log(folder: Path, entries: Sequence[bytes], batch: int = 0) -> tlog.FileLog:
    """A FileLog in `folder` holding `entries` (appended in batches of `batch`, or at once)."""
    log = tlog.FileLog(folder, ORIGIN, signer=SIGNER)
    step = batch or max(1, len(entries))
    for start in range(log.size, len(entries), step):
        log.append_many(list(entries[start : start + step]))
    return log


def base_registry(title_fr: str = "") -> Registry:
    reg = Registry().agreement(title_fr=title_fr)
    for iso3 in ("AUS", "USA", "FRA", "CAN"):
        reg.state(iso3)
    reg.org("acme", "Acme Foundation", "USA")
    for actor in ("aus", "fra", "acme"):
        reg.endorse(actor, "2018-11-12")
    return reg


class Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(parsed)
        return "250 OK"

    def bodies(self) -> list[str]:
        return [str(m.get_body(("plain",)).get_content()) for m in self.messages]  # type: ignore[union-attr]


def verify_signature(headers: Any, body: bytes, secret: str = SECRET) -> bool:
    key = base64.b64decode(secret[len("whsec_") :])
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    given = [
        s.split(",", 1)[1] for s in headers["webhook-signature"].split() if s.startswith("v1,")
    ]
    return any(hmac.compare_digest(expected, g) for g in given)


class Receiver:
    """A webhook endpoint; `status(n)` gives the HTTP status of the n-th request (from 0)."""

    def __init__(self, status: Callable[[int], int] = lambda n: 200, delay: float = 0.0) -> None:
        self.requests: list[tuple[dict[str, str], bytes, bool]] = []
        self.status, self.delay = status, delay
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                headers = {k.lower(): v for k, v in self.headers.items()}
                n = len(receiver.requests)
                receiver.requests.append((headers, body, verify_signature(headers, body)))
                time.sleep(receiver.delay)
                self.send_response(receiver.status(n))
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def delivered(self) -> list[dict[str, Any]]:
        """Bodies of the requests answered 2xx, parsed."""
        return [json.loads(body) for i, (_, body, _) in enumerate(self.requests)
                if 200 <= self.status(i) < 300]  # fmt: skip

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
