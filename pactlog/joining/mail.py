"""The e-mails of the workflow, written in the requester's language, sent through Django's
mail framework (configured by EMAIL_URL). Links are built on PACTLOG_BASE_URL, never on the
Host header of whoever triggered the mail.

Each message is plain text (`joining/email/<name>.txt`) with an HTML alternative made from the
same text (`joining/email/message.html`: paragraphs, links made clickable), so the two never
say different things. Every message ends with the same footer: how long contact data is kept,
how to correct or withdraw the entry later, and whom to write to."""

from __future__ import annotations

import logging
import re
import smtplib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from pactlog.joining.models import Contact, JoinRequest
from pactlog.site import history
from pactlog.web.reads import reader_language

log = logging.getLogger(__name__)


def absolute(path: str) -> str:
    return settings.PACTLOG_BASE_URL.rstrip("/") + path


def _send(request: JoinRequest, subject: str, template: str, **context: Any) -> bool:
    """Send one message to the request's contact; False when the contact was purged."""
    contact = Contact.objects.filter(request=request).first()
    if contact is None:
        return False
    with translation.override(request.language):
        values = {
            "request": request,
            "contact": contact,
            "site": settings.SITE_NAME,
            "organisers": settings.PACTLOG_ORGANISERS_EMAIL,
            "retention": settings.PACTLOG_JOIN_RETENTION_DAYS,
            "page": supporter_page(request),
            **context,
        }
        body = render_to_string(f"joining/email/{template}.txt", values)
        body += render_to_string("joining/email/_footer.txt", values)
        subject_text = f"[{settings.SITE_NAME}] {_(subject)}"
        html = render_to_string(
            "joining/email/message.html",
            {"body": html_body(body), "subject": subject_text, "lang": request.language},
        )
    reply_to = [settings.PACTLOG_ORGANISERS_EMAIL] if settings.PACTLOG_ORGANISERS_EMAIL else []
    message = EmailMultiAlternatives(
        subject_text, body, settings.DEFAULT_FROM_EMAIL, [contact.email], reply_to=reply_to
    )
    message.attach_alternative(html, "text/html")
    message.send()
    return True


def html_body(text: str) -> SafeString:
    """The plain text as HTML: everything escaped, paragraphs kept, and only this site's own
    links made clickable (a URL inside a requester's name stays plain text)."""
    own = re.escape(settings.PACTLOG_BASE_URL.rstrip("/"))
    pattern = re.compile(own + r"/[^\s<>\"'&]*")

    def paragraph(block: str) -> str:
        escaped = str(escape(block))
        linked = pattern.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
        return "<p>" + linked.replace("\n", "<br>\n") + "</p>"

    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    return mark_safe("\n".join(paragraph(b) for b in blocks))  # noqa: S308 (escaped above)


def supporter_page(request: JoinRequest) -> str:
    """The public page of the supporter the request is about ("" before it has one)."""
    actor = request.actor
    if actor is None:
        return ""
    with translation.override(request.language):
        path = reverse("site:supporter", args=[request.agreement.slug, actor.public_id])
    return absolute(path)


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


def correction_changes(request: JoinRequest) -> list[dict[str, str]]:
    """A correction's before/after lines, in the active language."""
    lang = reader_language()
    return history.changes(request.before, {**request.before, **request.proposed}, lang)


def confirm_correction(request: JoinRequest, raw: str) -> None:
    link = _link("joining:entry_confirm_correct", request, raw)
    with translation.override(request.language):
        changes = correction_changes(request)
    _send(request, gettext_noop("Confirm the correction of your entry"), "correct", link=link,
          days=settings.PACTLOG_JOIN_TOKEN_DAYS, changes=changes)  # fmt: skip


def confirm_claim(request: JoinRequest, raw: str) -> None:
    link = _link("joining:entry_confirm_claim", request, raw)
    _send(request, gettext_noop("Confirm your claim of a listing"), "claim", link=link,
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
