"""A real SMTP server (aiosmtpd) per test, and Django's mail settings pointed at it."""

from __future__ import annotations

import email
import email.policy
import re
import socket
import time
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from pactlog.registry import services as registry
from pactlog.registry.dates import Interval
from pactlog.registry.vocabulary import ActorKind


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Inbox:
    """What the SMTP server received, parsed."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(parsed)
        return "250 OK"

    def wait(self, count: int = 1, seconds: float = 5) -> list[EmailMessage]:
        deadline = time.monotonic() + seconds
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(self.messages) >= count, f"{len(self.messages)} message(s) received"
        return self.messages

    def body(self, index: int = -1) -> str:
        part = self.wait(1)[index].get_body(("plain",))
        assert part is not None
        return str(part.get_content())

    def link(self, index: int = -1) -> str:
        found = re.search(r"https?://\S+", self.body(index))
        assert found, self.body(index)
        return found.group(0)


@pytest.fixture
def smtp(settings: Any) -> Iterator[Inbox]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.PACTLOG_BASE_URL = "http://testserver"
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def no_limits(settings: Any) -> None:
    settings.PACTLOG_JOIN_LIMITS = False


@pytest.fixture
def agreement(db: None) -> Any:
    """A small agreement with two supporters: an organisation and a state."""
    agreement, _ = registry.save_agreement(
        "example", title_en="Example Call", title_fr="Appel exemple"
    )
    actors = registry.create_actors(
        [
            registry.ActorSpec(
                kind=ActorKind.ORGANISATION, name="Microsoft", category="private-sector",
                country="USA", website="https://www.microsoft.com/",
            ),
            registry.ActorSpec(kind=ActorKind.STATE, name="France", category="state", country="FRA"),
        ]
    )  # fmt: skip
    registry.start_endorsements(agreement, [(a, Interval.day(agreement_day())) for a in actors])
    return agreement


def agreement_day() -> Any:
    import datetime as dt

    return dt.date(2020, 1, 1)


FORM = {
    "name": "Acme Cyber Trust",
    "category": "civil-society",
    "country": "FRA",
    "nature": "ngo",
    "website": "https://acme.example",
    "contact_name": "Jeanne Martin",
    "contact_role": "Directrice",
    "contact_email": "jeanne+join@acme.example",
    "message": "Bonjour",
    "authority": "on",
}


@pytest.fixture(autouse=True)
def english_after_each_test() -> Iterator[None]:
    """A French request leaves French active in this thread: later tests must not see it."""
    yield
    from django.utils import translation

    translation.activate("en")
