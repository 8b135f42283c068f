"""Public pages of joining: the request form, the e-mailed links, withdrawal requests.

Links in e-mails open a page with a button: the change happens on its POST (with CSRF), so a
mail scanner following links cannot confirm anything.
"""

from __future__ import annotations

import logging
import smtplib
import unicodedata

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pactlog.joining import limits, services, tokens
from pactlog.joining.addresses import email_key
from pactlog.joining.forms import JoinForm
from pactlog.joining.models import Purpose
from pactlog.registry import queries
from pactlog.registry.models import Actor, Agreement
from pactlog.registry.vocabulary import Status
from pactlog.web.errors import error_page
from pactlog.web.reads import reader_language

log = logging.getLogger(__name__)


def _agreement(slug: str) -> Agreement | None:
    try:
        return queries.get_agreement(slug)
    except queries.NotFound:
        return None


def too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "joining/limited.html", status=429)


def mail_failed(request: HttpRequest) -> HttpResponse:
    message = _("The e-mail could not be sent just now. Please try again in a few minutes.")
    return error_page(request, 503, message)


@require_http_methods(["GET", "HEAD", "POST"])
def join(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = _agreement(slug)
    if agreement is None:
        return error_page(request, 404, _("There is no agreement %(slug)s.") % {"slug": slug})
    lang = reader_language()
    get_token(request)
    binding = str(request.META.get("CSRF_COOKIE", ""))
    if request.method != "POST":
        form = JoinForm(agreement, lang, binding=binding)
        return _form_page(request, agreement, form)
    # Fields are read without control characters, so that nothing shown again echoes a raw
    # NUL; a field that held one is refused all the same.
    controls = fields_with_controls(request.POST)
    form = JoinForm(agreement, lang, data=without_controls(request.POST), binding=binding)
    if form.is_bot():
        # Answer as if all went well: nothing tells a bot what gave it away.
        return render(request, "joining/sent.html", {"agreement": agreement})
    if form.too_fast():
        return _again(request, agreement, form, binding)
    if not form.is_valid() or controls:
        for name in controls:
            message = _("Remove the control characters from this field.")
            form.add_error(name if name in form.fields else None, message)
        return _form_page(request, agreement, form, status=400)
    if not limits.address_allows(request):
        return too_many(request)
    if not form.spend_stamp():
        return _again(request, agreement, form, binding)
    data = {key: str(value or "") for key, value in form.cleaned_data.items()}
    if not limits.email_allows(email_key(data["contact_email"])):
        return render(request, "joining/limited.html", {"pending": True}, status=429)
    submission = services.Submission(
        name=data["name"], category=data["category"], country=data["country"],
        nature=data["nature"], website=data["website"],
        contact_name=data["contact_name"], contact_role=data["contact_role"],
        contact_email=data["contact_email"], message=data["message"], language=lang,
        names={"en": data["name_en"], "fr": data["name_fr"]},
    )  # fmt: skip
    try:
        services.submit(agreement, submission, limits.client_address(request), request.user)
    except (smtplib.SMTPException, OSError):
        log.exception("join request: the confirmation e-mail could not be sent")
        return mail_failed(request)
    return render(request, "joining/sent.html", {"agreement": agreement})


def _again(
    request: HttpRequest, agreement: Agreement, form: JoinForm, binding: str
) -> HttpResponse:
    """The form again with a fresh stamp: sent too fast, or with a stamp not this client's or
    already spent."""
    fresh = request.POST.copy()
    fresh["started"] = JoinForm(agreement, form.lang, binding=binding).initial["started"]
    again = JoinForm(agreement, form.lang, data=fresh, binding=binding)
    again.is_valid()
    again.add_error(None, _("That was very fast: please check the form and send it again."))
    return _form_page(request, agreement, again, status=400)


def _is_control(ch: str) -> bool:
    return ch not in "\r\n\t" and unicodedata.category(ch) == "Cc"


def fields_with_controls(data: QueryDict) -> list[str]:
    return [k for k in data if any(_is_control(ch) for v in data.getlist(k) for ch in v)]


def without_controls(data: QueryDict) -> QueryDict:
    """A copy of the posted fields with control characters (a raw NUL...) dropped, so that the
    form shown again never echoes them; line breaks stay."""
    clean = data.copy()
    for key in clean:
        clean.setlist(key, [
            "".join(ch for ch in value if not _is_control(ch))
            for value in data.getlist(key)
        ])  # fmt: skip
    return clean


def _form_page(
    request: HttpRequest, agreement: Agreement, form: JoinForm, status: int = 200
) -> HttpResponse:
    context = {
        "agreement": agreement,
        "form": form,
        "active": "join",
        "retention": settings.PACTLOG_JOIN_RETENTION_DAYS,
    }
    return render(request, "joining/join.html", context, status=status)


def _token_page(
    request: HttpRequest, slug: str, request_id: int, raw: str, purpose: str
) -> HttpResponse:
    """GET: a page with a confirmation button; POST: use the token."""
    agreement = _agreement(slug)
    if agreement is None:
        return error_page(request, 404, _("There is no agreement %(slug)s.") % {"slug": slug})
    template = {
        Purpose.CONFIRM: "joining/confirm.html",
        Purpose.WITHDRAW: "joining/withdraw_confirm.html",
    }.get(Purpose(purpose), "joining/entry_confirm.html")
    context = {"agreement": agreement, "purpose": purpose}
    try:
        # The link's agreement is checked on GET and POST alike: a token is good for its own
        # agreement's page only.
        token = tokens.check(request_id, purpose, raw)
        if token.request.agreement_id != agreement.pk:
            raise tokens.TokenError(_("This link is not valid for this page."))
        if request.method != "POST":
            return render(request, template, {**context, "join": token.request})
        if purpose == Purpose.WITHDRAW:
            done = services.confirm_withdrawal(request_id, raw)
        else:
            done = services.confirm(request_id, raw, purpose)
    except tokens.TokenError as error:
        return render(request, "joining/bad_link.html", {"agreement": agreement,
                      "message": str(error)}, status=400)  # fmt: skip
    return render(request, template, {**context, "join": done, "done": True})


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, slug: str, request_id: int, token: str) -> HttpResponse:
    return _token_page(request, slug, request_id, token, Purpose.CONFIRM)


@require_http_methods(["GET", "HEAD", "POST"])
def withdraw_confirm(request: HttpRequest, slug: str, request_id: int, token: str) -> HttpResponse:
    return _token_page(request, slug, request_id, token, Purpose.WITHDRAW)


@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request: HttpRequest, slug: str, actor_id: str) -> HttpResponse:
    """ "Request withdrawal" from a supporter's page: a link to the contact on record."""
    agreement = _agreement(slug)
    actor = Actor.objects.filter(public_id=actor_id).first()
    if agreement is None or actor is None:
        return error_page(request, 404, _("There is no such supporter."))
    active = actor.endorsements.filter(agreement=agreement, status=Status.ACTIVE).exists()
    context = {
        "agreement": agreement,
        "actor": actor,
        "name": actor.display_name(reader_language()),
        "active": active,
        "has_contact": services.joined_request(agreement, actor) is not None,
        "organisers": settings.PACTLOG_ORGANISERS_EMAIL,
    }
    if request.method == "POST" and active and context["has_contact"]:
        if not limits.address_allows(request, "withdraw"):
            return too_many(request)
        try:
            services.request_withdrawal(agreement, actor)
        except services.LimitReached:
            return too_many(request)
        except (smtplib.SMTPException, OSError):
            log.exception("withdrawal: the confirmation e-mail could not be sent")
            return mail_failed(request)
        context["sent"] = True
    return render(request, "joining/withdraw.html", context)
