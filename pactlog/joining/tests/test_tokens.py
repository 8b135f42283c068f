"""E-mailed links: reused, expired, used for the other purpose or request, tampered: refused."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from pactlog.joining import services
from pactlog.joining.models import JoinRequest, Purpose, State, Token
from pactlog.joining.tests.conftest import FORM

pytestmark = pytest.mark.usefixtures("no_limits")


@pytest.fixture
def two_links(client, agreement, smtp):
    """Confirmation links of two requests, as (request id, path) pairs."""
    client.post("/en/example/join/", FORM)
    client.post("/en/example/join/", {**FORM, "name": "Other Org", "contact_email": "o@o.example"})
    smtp.wait(2)
    paths = [urlsplit(smtp.link(i)).path for i in (0, 1)]
    ids = list(JoinRequest.objects.order_by("pk").values_list("pk", flat=True))
    return list(zip(ids, paths, strict=True))


def refused(client, path, post=True):
    response = client.post(path) if post else client.get(path)
    assert response.status_code == 400, response.content[:300]
    return response.content.decode()


def test_a_token_works_once(client, two_links):
    (_first, path), _ = two_links
    assert client.post(path).status_code == 200
    assert "already been used" in refused(client, path)
    assert "already been used" in refused(client, path, post=False)


def test_get_shows_a_button_and_changes_nothing(client, two_links):
    (first, path), _ = two_links
    assert client.get(path).status_code == 200
    assert JoinRequest.objects.get(pk=first).state == State.UNCONFIRMED
    assert Token.objects.filter(used_at__isnull=False).count() == 0


def test_expired(client, two_links):
    (first, path), _ = two_links
    Token.objects.filter(request_id=first).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert "expired" in refused(client, path)
    assert JoinRequest.objects.get(pk=first).state == State.UNCONFIRMED


def test_token_of_one_request_on_another(client, two_links):
    (_first, path), (second, _) = two_links
    raw = path.rstrip("/").rsplit("/", 1)[1]
    assert "not valid for this page" in refused(client, f"/en/example/join/confirm/{second}/{raw}/")
    assert JoinRequest.objects.get(pk=second).state == State.UNCONFIRMED


def test_confirm_token_on_the_withdrawal_route_and_back(client, two_links, smtp):
    (first, path), _ = two_links
    raw = path.rstrip("/").rsplit("/", 1)[1]
    assert "not valid for this page" in refused(
        client, f"/en/example/withdraw/confirm/{first}/{raw}/"
    )
    client.post(path)
    request = services.approve(first)
    assert request.actor is not None
    services.request_withdrawal(request.agreement, request.actor)
    withdraw_path = urlsplit(smtp.link()).path
    assert "/withdraw/confirm/" in withdraw_path
    wraw = withdraw_path.rstrip("/").rsplit("/", 1)[1]
    assert "not valid for this page" in refused(client, f"/en/example/join/confirm/{first}/{wraw}/")
    assert Token.objects.get(purpose=Purpose.WITHDRAW).used_at is None


@pytest.mark.parametrize(
    "mangle",
    [
        lambda raw: raw[:-1] + ("A" if raw[-1] != "A" else "B"),
        lambda raw: raw[:10],
        lambda raw: raw + "x" * 500,
        lambda raw: "%00" + raw,
        lambda raw: "%E2%80%AE" + raw,
    ],
)
def test_tampered(client, two_links, mangle):
    (_first, path), _ = two_links
    head, raw = path.rstrip("/").rsplit("/", 1)
    assert "not valid" in refused(client, f"{head}/{mangle(raw)}/")


def test_wrong_agreement_in_the_path(client, two_links):
    (_first, path), _ = two_links
    assert client.post(path.replace("/example/", "/nope/")).status_code == 404


def test_tokens_are_stored_only_as_hashes(client, two_links, smtp):
    (first, path), _ = two_links
    raw = path.rstrip("/").rsplit("/", 1)[1]
    assert not Token.objects.filter(digest__contains=raw).exists()
    assert len(Token.objects.get(request_id=first).digest) == 64
