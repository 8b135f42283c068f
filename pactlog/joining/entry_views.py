"""A supporter's own entry: `/<lang>/<slug>/supporters/<id>/manage/` and its forms.

The public supporter page is cached whole per registry version, and whether a supporter has
a verified contact is not a registry fact, so the page links here and this (uncached) page
decides what to offer: a correction and the withdrawal when it has a verified contact, a
claim of the listing when it is an imported organisation without one, the organisers'
address for states and public authorities.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pactlog.joining import limits, selfservice, speakers
from pactlog.joining.addresses import email_key
from pactlog.joining.entry_forms import ClaimForm, CorrectionForm
from pactlog.joining.models import Purpose
from pactlog.joining.views import _agreement, _token_page, mail_failed, too_many
from pactlog.registry.models import Actor, Agreement
from pactlog.registry.vocabulary import Status
from pactlog.web.errors import error_page
from pactlog.web.reads import reader_language

log = logging.getLogger(__name__)


def _found(slug: str, actor_id: str) -> tuple[Agreement, Actor] | None:
    agreement = _agreement(slug)
    actor = Actor.objects.filter(public_id=actor_id).first()
    if agreement is None or actor is None:
        return None
    if not actor.endorsements.filter(agreement=agreement).exists():
        return None
    return agreement, actor


SupporterView = Callable[[HttpRequest, Agreement, Actor], HttpResponse]


def of_supporter(view: SupporterView) -> Callable[[HttpRequest, str, str], HttpResponse]:
    """The view, given the agreement and the supporter its URL names; 404 for a supporter
    that does not endorse that agreement (or does not exist)."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, actor_id: str) -> HttpResponse:
        found = _found(slug, actor_id)
        if found is None:
            return error_page(request, 404, _("There is no such supporter."))
        return view(request, *found)

    return wrapped


def _page(
    request: HttpRequest, agreement: Agreement, actor: Actor, status: int = 200, **extra: Any
) -> HttpResponse:
    lang = reader_language()
    speaker = speakers.speaker_for(actor)
    context = {
        "agreement": agreement,
        "actor": actor,
        "name": actor.display_name(lang),
        "active_endorsement": actor.endorsements.filter(
            agreement=agreement, status=Status.ACTIVE
        ).exists(),
        "official": actor.category in speakers.OFFICIAL,
        "has_speaker": speaker is not None,
        "claimable": speakers.claimable(actor),
        "organisers": settings.PACTLOG_ORGANISERS_EMAIL,
        "retention": settings.PACTLOG_JOIN_RETENTION_DAYS,
        **extra,
    }
    if speaker is not None and "correction_form" not in context:
        context["correction_form"] = CorrectionForm(actor, lang)
    if context["claimable"] and "claim_form" not in context:
        context["claim_form"] = ClaimForm()
    response = render(request, "joining/manage.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD"])
@of_supporter
def manage(request: HttpRequest, agreement: Agreement, actor: Actor) -> HttpResponse:
    return _page(request, agreement, actor)


@require_http_methods(["POST"])
@of_supporter
def correct(request: HttpRequest, agreement: Agreement, actor: Actor) -> HttpResponse:
    form = CorrectionForm(actor, reader_language(), data=request.POST)
    if not form.is_valid():
        return _page(request, agreement, actor, 400, correction_form=form)
    if not limits.address_allows(request, "correct"):
        return too_many(request)
    try:
        selfservice.ask_correction(agreement, actor, form.proposed(), reader_language())
    except selfservice.SelfServiceError as error:
        form.add_error(None, _explain(str(error)))
        return _page(request, agreement, actor, 400, correction_form=form)
    except (smtplib.SMTPException, OSError):
        log.exception("correction: the confirmation e-mail could not be sent")
        return mail_failed(request)
    return _page(request, agreement, actor, sent="correction")


@require_http_methods(["POST"])
@of_supporter
def claim(request: HttpRequest, agreement: Agreement, actor: Actor) -> HttpResponse:
    form = ClaimForm(data=request.POST)
    if not form.is_valid():
        return _page(request, agreement, actor, 400, claim_form=form)
    if not limits.address_allows(request, "claim"):
        return too_many(request)
    if not limits.email_allows(email_key(form.cleaned_data["contact_email"])):
        return render(request, "joining/limited.html", {"pending": True}, status=429)
    contact = form.contact()
    try:
        selfservice.submit_claim(
            agreement, actor, contact, limits.client_address(request), reader_language()
        )
    except selfservice.SelfServiceError as error:
        form.add_error(None, _explain(str(error)))
        return _page(request, agreement, actor, 400, claim_form=form)
    except (smtplib.SMTPException, OSError):
        log.exception("claim: the confirmation e-mail could not be sent")
        return mail_failed(request)
    check = speakers.domain_check(contact["email"], actor.website)
    return _page(request, agreement, actor, sent="claim", domain_check=check)


def _explain(error: str) -> str:
    """The requester's words for a refusal of the self-service rules."""
    return {
        "nothing to change: the entry already says this": _(
            "Nothing to change: the entry already says this."
        ),
        "this supporter has no verified contact": _(
            "This supporter has no contact on record to confirm a correction."
        ),
        "this listing cannot be claimed through the site": _(
            "This listing cannot be claimed through the site."
        ),
    }.get(error, error)


@require_http_methods(["GET", "HEAD", "POST"])
def confirm_correct(request: HttpRequest, slug: str, request_id: int, token: str) -> HttpResponse:
    return _token_page(request, slug, request_id, token, Purpose.CORRECT)


@require_http_methods(["GET", "HEAD", "POST"])
def confirm_claim(request: HttpRequest, slug: str, request_id: int, token: str) -> HttpResponse:
    return _token_page(request, slug, request_id, token, Purpose.CLAIM)
