"""Where the monitor's messages go: e-mail (`EMAIL_URL`), webhooks (Standard Webhooks), an Atom
file, standard output.

Every message has a stable id (the same on a rerun), used as the webhook's `webhook-id`, the
e-mail's Message-ID and the Atom entry's id, so a receiver can drop a repeat.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import smtplib
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from typing import Any, TextIO

from pactlog.verifier.durable import write_atomic
from pactlog.verifier.emailurl import EmailUrl
from pactlog.verifier.phrases import say

CHANGE, HEARTBEAT, ALARM, NOTICE = "change", "heartbeat", "alarm", "notice"
ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_KEEP = 500
"""Entries kept in an Atom file (the newest)."""


@dataclass(frozen=True)
class Message:
    id: str
    kind: str
    title: str
    text: str
    link: str
    when: str
    data: dict[str, Any] = field(default_factory=dict)

    def body(self) -> str:
        return f"{self.text}\n\n{self.link}\n" if self.link else f"{self.text}\n"

    def webhook_json(self) -> bytes:
        payload = {
            "type": f"pactlog.{self.kind}",
            "timestamp": self.when,
            "data": {"title": self.title, "text": self.text, "link": self.link, **self.data},
        }
        return json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")


class DeliveryError(Exception):
    """A message that could not be delivered (after the retries, for a webhook)."""


class Sink:
    name = "sink"

    def deliver(self, message: Message) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Called after a run's messages (a sink may batch)."""


class StreamSink(Sink):
    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream
        self.name = "stdout"

    def deliver(self, message: Message) -> None:
        stream = self.stream or sys.stdout
        print(f"{message.kind.upper()}: {message.title}", file=stream)
        if message.text != message.title:
            print(message.text, file=stream)
        if message.link:
            print(f"  {message.link}", file=stream)


class EmailSink(Sink):
    def __init__(
        self,
        url: EmailUrl,
        sender: str,
        recipients: Sequence[str],
        timeout: float = 20.0,
        lang: str = "en",
    ) -> None:
        self.url, self.sender, self.recipients, self.timeout = (
            url,
            sender,
            list(recipients),
            timeout,
        )
        self.lang = lang
        self.name = "email:" + ",".join(self.recipients)
        self._smtp: smtplib.SMTP | None = None

    def _message(self, message: Message) -> EmailMessage:
        mail = EmailMessage()
        prefix = {ALARM: say(self.lang, "email_alarm")}
        mail["Subject"] = prefix.get(message.kind, "[pactlog] ") + message.title[:200]
        mail["From"] = self.sender
        mail["To"] = ", ".join(self.recipients)
        mail["Date"] = formatdate(localtime=False)
        digest = hashlib.sha256(message.id.encode()).hexdigest()[:32]
        mail["Message-ID"] = f"<{digest}@pactlog-verify>"
        mail["X-Pactlog-Kind"] = message.kind
        mail.set_content(message.body())
        return mail

    def _connect(self) -> smtplib.SMTP:
        if self._smtp is None:
            url = self.url
            smtp: smtplib.SMTP
            if url.use_ssl:
                smtp = smtplib.SMTP_SSL(url.host, url.port, timeout=self.timeout)
            else:
                smtp = smtplib.SMTP(url.host, url.port, timeout=self.timeout)
                if url.use_tls:
                    smtp.starttls()
            if url.username:
                smtp.login(url.username, url.password)
            self._smtp = smtp
        return self._smtp

    def deliver(self, message: Message) -> None:
        mail = self._message(message)
        if self.url.scheme == "console":
            print(mail.as_string(), file=sys.stdout)
            return
        if self.url.scheme == "file":
            name = mail["Message-ID"].strip("<>").split("@")[0] + ".eml"
            write_atomic(Path(self.url.path) / name, mail.as_bytes())
            return
        try:
            self._connect().send_message(mail)
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise DeliveryError(f"e-mail to {', '.join(self.recipients)}: {exc}") from None

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                pass
            self._smtp = None


def webhook_signature(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """Standard Webhooks: `v1,` + base64(HMAC-SHA256(key, "id.timestamp.body"))."""
    key = base64.b64decode(secret[len("whsec_") :] if secret.startswith("whsec_") else secret)
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def check_webhook_secret(secret: str) -> str:
    if not secret.startswith("whsec_"):
        raise ValueError("a webhook secret starts with whsec_ (Standard Webhooks)")
    try:
        if len(base64.b64decode(secret[6:], validate=True)) < 16:
            raise ValueError("a webhook secret holds at least 16 bytes")
    except (ValueError, TypeError) as exc:
        raise ValueError(f"malformed webhook secret: {exc}") from None
    return secret


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


class WebhookSink(Sink):
    """POST the message as JSON, signed; up to `attempts` tries with exponential backoff.

    An endpoint that fails a message `attempts` times is disabled (`self.disabled`); the
    monitor records it in its state and reports it through the other sinks."""

    def __init__(
        self,
        url: str,
        secret: str,
        attempts: int = 5,
        backoff: float = 1.0,
        timeout: float = 10.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"a webhook is an http(s) URL, not {url!r}")
        self.url, self.secret = url, secret
        self.attempts, self.backoff, self.timeout, self.sleep = attempts, backoff, timeout, sleep
        self.name = "webhook:" + url
        self.disabled: str | None = None

    def _post(self, message: Message) -> None:
        body = message.webhook_json()
        stamp = int(time.time())
        request = urllib.request.Request(  # noqa: S310 - scheme checked in __init__
            self.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "User-Agent": "pactlog-verify",
                "webhook-id": message.id,
                "webhook-timestamp": str(stamp),
                "webhook-signature": webhook_signature(self.secret, message.id, stamp, body),
            },
        )
        with _opener.open(request, timeout=self.timeout) as response:
            if not 200 <= response.status < 300:
                raise DeliveryError(f"HTTP {response.status}")

    def deliver(self, message: Message) -> None:
        if self.disabled:
            raise DeliveryError(f"webhook {self.url} is disabled: {self.disabled}")
        error = ""
        for attempt in range(self.attempts):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                self._post(message)
                return
            except urllib.error.HTTPError as exc:
                error = f"HTTP {exc.code}"
            except (OSError, ValueError, DeliveryError) as exc:
                error = str(exc)
        self.disabled = f"{self.attempts} failed attempts (last: {error})"
        raise DeliveryError(f"webhook {self.url}: {self.disabled}; endpoint disabled")


class AtomSink(Sink):
    """Keep an Atom file: each message an entry (the newest first), rewritten atomically."""

    def __init__(self, path: Path, title: str, link: str) -> None:
        self.path, self.title, self.link = path, title, link
        self.name = f"atom:{path}"

    def deliver(self, message: Message) -> None:
        ET.register_namespace("", ATOM_NS)
        entries = self._entries()
        entries = [e for e in entries if e.findtext(f"{{{ATOM_NS}}}id") != _atom_id(message.id)]
        entries.insert(0, _atom_entry(message))
        feed = ET.Element(f"{{{ATOM_NS}}}feed")
        _text(feed, "id", _atom_id("feed:" + self.link))
        _text(feed, "title", self.title)
        _text(feed, "updated", message.when)
        ET.SubElement(feed, f"{{{ATOM_NS}}}link", href=self.link)
        author = ET.SubElement(feed, f"{{{ATOM_NS}}}author")
        _text(author, "name", "pactlog-verify monitor")
        feed.extend(entries[:ATOM_KEEP])
        data = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
        write_atomic(self.path, data + b"\n")

    def _entries(self) -> list[ET.Element]:
        if not self.path.exists():
            return []
        try:
            root = ET.parse(self.path).getroot()  # noqa: S314 - our own file
        except ET.ParseError as exc:
            raise DeliveryError(f"{self.path} is not an Atom file: {exc}") from None
        return root.findall(f"{{{ATOM_NS}}}entry")


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}")
    element.text = text
    return element


def _atom_id(msg_id: str) -> str:
    return "urn:sha256:" + hashlib.sha256(msg_id.encode()).hexdigest()


def _atom_entry(message: Message) -> ET.Element:
    entry = ET.Element(f"{{{ATOM_NS}}}entry")
    _text(entry, "id", _atom_id(message.id))
    _text(entry, "title", message.title)
    _text(entry, "updated", message.when)
    if message.link:
        ET.SubElement(entry, f"{{{ATOM_NS}}}link", href=message.link)
    ET.SubElement(entry, f"{{{ATOM_NS}}}category", term=message.kind)
    _text(entry, "content", message.body()).set("type", "text")
    return entry


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
