"""The e-mails of the workflow, written in the requester's language, sent through Django's
mail framework (configured by EMAIL_URL). Links are built on PACTLOG_BASE_URL, never on the
Host header of whoever triggered the mail."""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from pactlog.joining.models import Contact, JoinRequest

log = logging.getLogger(__name__)


def absolute(path: str) -> str:
    return settings.PACTLOG_BASE_URL.rstrip("/") + path


def _send(request: JoinRequest, subject: str, template: str, **context: Any) -> bool:
    """Send one message to the request's contact; False when the contact was purged."""
    contact = Contact.objects.filter(request=request).first()
    if contact is None:
        return False
    with translation.override(request.language):
        values = {"request": request, "contact": contact, "site": settings.SITE_NAME}
        values["organisers"] = settings.PACTLOG_ORGANISERS_EMAIL
        body = render_to_string(f"joining/email/{template}.txt", {**values, **context})
        subject_text = f"[{settings.SITE_NAME}] {_(subject)}"
    reply_to = [settings.PACTLOG_ORGANISERS_EMAIL] if settings.PACTLOG_ORGANISERS_EMAIL else []
    EmailMessage(
        subject_text, body, settings.DEFAULT_FROM_EMAIL, [contact.email], reply_to=reply_to
    ).send()
    return True


def _link(name: str, request: JoinRequest, raw: str) -> str:
    with translation.override(request.language):
        path = reverse(name, args=[request.agreement.slug, request.pk, raw])
    return absolute(path)


def confirm_request(request: JoinRequest, raw: str) -> None:
    link = _link("joining:confirm", request, raw)
    _send(request, gettext_noop("Confirm your request to join"), "confirm", link=link,
          days=settings.PACTLOG_JOIN_TOKEN_DAYS)  # fmt: skip


def confirm_withdrawal(request: JoinRequest, raw: str) -> None:
    link = _link("joining:withdraw_confirm", request, raw)
    _send(request, gettext_noop("Confirm the withdrawal"), "withdraw", link=link,
          days=settings.PACTLOG_JOIN_TOKEN_DAYS)  # fmt: skip


def _notify(request: JoinRequest, subject: str, template: str, **context: Any) -> bool:
    """Tell the requester about a decision already committed: a mail server that fails is
    logged for the secretariat, and does not undo or hide the decision."""
    try:
        return _send(request, subject, template, **context)
    except (smtplib.SMTPException, OSError):
        log.exception("request #%s: the %s e-mail could not be sent", request.pk, template)
        return False


def decided(request: JoinRequest) -> bool:
    return _notify(request, gettext_noop("Your request has been decided"), "decided")


def rejected(request: JoinRequest, message: str) -> bool:
    subject = gettext_noop("Your request has been decided")
    return _notify(request, subject, "rejected", message=message)


def needs_info(request: JoinRequest, message: str) -> bool:
    subject = gettext_noop("More information needed")
    return _notify(request, subject, "needs_info", message=message)


def withdrawal_declined(request: JoinRequest, message: str) -> bool:
    subject = gettext_noop("Your request has been decided")
    return _notify(request, subject, "withdrawal_declined", message=message)
