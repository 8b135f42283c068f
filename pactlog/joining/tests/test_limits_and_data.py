"""Abuse limits, the honeypot and the too-fast check, e-mail settings, and the purge."""

from __future__ import annotations

import datetime as dt
import email
import time
from io import StringIO

import pytest
from django.core import mail, signing
from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone

from pactlog.emailurl import email_settings
from pactlog.joining import services
from pactlog.joining.addresses import domain_of, email_key
from pactlog.joining.forms import STARTED_SALT
from pactlog.joining.models import Contact, JoinRequest, State, Token
from pactlog.joining.tests.conftest import FORM


@pytest.fixture
def limits_on(settings):
    settings.PACTLOG_JOIN_LIMITS = True
    settings.PACTLOG_JOIN_MIN_SECONDS = 3
    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()


def stamped(seconds_ago: float = 10, **changes):
    started = signing.dumps(time.time() - seconds_ago, salt=STARTED_SALT)
    return {**FORM, "started": started, **changes}


def test_canonical_email_and_domains():
    assert email_key(" Jeanne+Join@Acme.EXAMPLE ") == "jeanne@acme.example"
    assert domain_of("HTTPS://www.Example.org:443/about?x") == "example.org"
    assert domain_of("") == ""


def test_one_a_minute_per_address_then_429_in_both_languages(client, agreement, smtp, limits_on):
    assert client.post("/en/example/join/", stamped()).status_code == 200
    second = client.post("/en/example/join/", stamped(contact_email="b@b.example"))
    assert second.status_code == 429 and b"Please wait a few minutes" in second.content
    french = client.post("/fr/example/join/", stamped(contact_email="c@c.example"))
    assert french.status_code == 429 and "Attendez quelques minutes" in french.content.decode()
    assert JoinRequest.objects.count() == 1


def test_pending_per_canonical_email(client, agreement, smtp, limits_on, settings):
    settings.PACTLOG_JOIN_PER_IP_MINUTE = settings.PACTLOG_JOIN_PER_IP_5_MINUTES = 100
    for tag in ("a", "b", "c"):
        ok = client.post("/en/example/join/", stamped(contact_email=f"Jeanne+{tag}@acme.example"))
        assert ok.status_code == 200
    refused = client.post("/en/example/join/", stamped(contact_email="JEANNE@acme.example"))
    assert refused.status_code == 429 and b"already has several requests" in refused.content
    JoinRequest.objects.filter(pk=JoinRequest.objects.earliest("pk").pk).update(
        state=State.REJECTED
    )
    assert (
        client.post("/en/example/join/", stamped(contact_email="jeanne@acme.example")).status_code
        == 200
    )


def test_too_fast_and_missing_stamp_are_refused(client, agreement, smtp, limits_on):
    fast = client.post("/en/example/join/", stamped(seconds_ago=0.5))
    assert fast.status_code == 400 and b"very fast" in fast.content
    forged = client.post("/en/example/join/", {**FORM, "started": "123"})
    assert forged.status_code == 400
    assert JoinRequest.objects.count() == 0


def test_honeypot_looks_like_success_and_stores_nothing(client, agreement, smtp, limits_on):
    response = client.post("/en/example/join/", stamped(homepage="http://spam.example"))
    assert response.status_code == 200 and b"Check your e-mail" in response.content
    assert JoinRequest.objects.count() == 0 and smtp.messages == []


def test_limits_off(client, agreement, smtp, settings):
    settings.PACTLOG_JOIN_LIMITS = False
    for i in range(6):
        assert (
            client.post(
                "/en/example/join/", {**FORM, "contact_email": "same@x.example"}
            ).status_code
            == 200
        )


def test_csrf_is_enforced(agreement):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/en/example/join/", FORM).status_code == 403


def test_email_url_schemes(tmp_path):
    smtp = email_settings("smtp+tls://user%40x:p%3Ass@mail.example:587")
    assert smtp["EMAIL_HOST"] == "mail.example" and smtp["EMAIL_PORT"] == 587
    assert smtp["EMAIL_HOST_USER"] == "user@x" and smtp["EMAIL_HOST_PASSWORD"] == "p:ss"
    assert smtp["EMAIL_USE_TLS"] and not smtp["EMAIL_USE_SSL"]
    assert email_settings("smtp://h")["EMAIL_PORT"] == 25
    assert email_settings("console:")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    assert email_settings(f"file://{tmp_path}")["EMAIL_FILE_PATH"] == str(tmp_path)
    with pytest.raises(ValueError, match="unknown scheme"):
        email_settings("carrier-pigeon://x")


def test_file_backend_writes_eml(tmp_path, settings):
    settings.EMAIL_BACKEND = "pactlog.joining.emlfile.EmlFileBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    mail.send_mail("Bonjour", "Corps é", "from@x.example", ["to@x.example"])
    [eml] = list((tmp_path / "mail").glob("*.eml"))
    parsed = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    body = parsed.get_body()
    assert body is not None
    assert parsed["Subject"] == "Bonjour" and "Corps é" in body.get_content()


def test_purge_erases_contacts_after_retention(client, agreement, smtp, settings):
    settings.PACTLOG_JOIN_LIMITS = False
    client.post("/en/example/join/", FORM)
    client.post("/en/example/join/", {**FORM, "name": "Second"})
    first, second = JoinRequest.objects.order_by("pk")
    first.state = State.CONFIRMED
    first.save()
    services.reject(first.pk, "other", "no")
    JoinRequest.objects.filter(pk=first.pk).update(
        decided_at=timezone.now() - dt.timedelta(days=181)
    )
    out = StringIO()
    call_command("requests", "purge", stdout=out)
    assert "1 request" in out.getvalue()
    assert not Contact.objects.filter(request=first).exists()
    assert not Token.objects.filter(request=first).exists()
    assert Contact.objects.filter(request=second).exists()  # not yet decided, not expired
    call_command("requests", "purge", "--days", "0", stdout=StringIO())
    assert Contact.objects.filter(request=second).exists()  # submitted just now
    JoinRequest.objects.filter(pk=second.pk).update(
        submitted_at=timezone.now() - dt.timedelta(days=200)
    )
    call_command("requests", "purge", stdout=StringIO())
    assert Contact.objects.count() == 0


def test_a_mail_server_down_never_undoes_a_decision(client, agreement, settings, caplog):
    from pactlog.joining.tests.conftest import free_port

    settings.PACTLOG_JOIN_LIMITS = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    response = client.post("/fr/example/join/", FORM)
    assert (
        response.status_code == 503
        and "Réessayez dans quelques minutes" in response.content.decode()
    )
    request = JoinRequest.objects.get()
    JoinRequest.objects.filter(pk=request.pk).update(state=State.CONFIRMED)
    approved = services.approve(request.pk)
    assert approved.state == State.APPROVED
    assert "could not be sent" in caplog.text
