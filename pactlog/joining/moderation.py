"""The moderators' pages at /moderation/: the queue, one request, and its actions (POST only).

Open to superusers and members of the `moderators` group. Every action goes through
`joining.services`, which locks the request row, so two moderators cannot both decide.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from pactlog.joining import lookalikes, services, speakers
from pactlog.joining.models import QUEUE, Contact, JoinRequest, Kind, Reason, State
from pactlog.joining.queue import DESTRUCTIVE, approve, described, queue_sections
from pactlog.web.errors import error_page

View = Callable[..., HttpResponse]


def moderators_only(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not services.is_moderator(request.user):
            return error_page(request, 403, _("This page is for the moderators."))
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    return wrapper


@require_safe
@moderators_only
def queue(request: HttpRequest) -> HttpResponse:
    pool = lookalikes.candidates()
    waiting = JoinRequest.objects.filter(state__in=QUEUE).select_related("agreement", "actor")
    sections = queue_sections(list(waiting))
    for row in sections["joins"]:
        row["warnings"] = lookalikes.warnings_for(row["request"], pool)
    return render(
        request,
        "joining/moderation/queue.html",
        {"sections": sections, "rows": any(sections.values())},
    )


@require_safe
@moderators_only
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    join = (
        JoinRequest.objects.select_related("agreement", "actor", "decided_by").filter(pk=pk).first()
    )
    if join is None or join.state == State.UNCONFIRMED:
        # Unconfirmed requests are nobody's business yet: their address may not be the
        # requester's, so moderators never see their contact data (docs/joining.md).
        return error_page(request, 404, _("There is no request #%(id)s.") % {"id": pk})
    context = {
        "join": join,
        "contact": Contact.objects.filter(request=join).first(),
        "warnings": lookalikes.warnings_for(join) if join.kind == Kind.JOIN else [],
        "reasons": Reason.choices,
        "open": join.state in QUEUE,
        "basis": speakers.basis(join),
        "may_withdraw": speakers.may_withdraw(join),
        **described(join),
    }
    return render(request, "joining/moderation/detail.html", context)


@require_POST
@moderators_only
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    post = request.POST
    message = str(post.get("message", ""))[:5000]
    try:
        if action in DESTRUCTIVE and post.get("confirm") != "yes":
            raise services.ModerationError(_("Tick the box to confirm this action."))
        if action == "approve":
            approve(pk, request.user, post.get("override") == "yes")
        elif action == "reject":
            services.reject(pk, str(post.get("reason", "")), message, request.user)
        elif action == "merge":
            services.merge(pk, str(post.get("actor", "")).strip(), request.user)
        elif action == "ask":
            services.ask_info(pk, message, request.user)
        elif action == "withdraw":
            services.approve_withdrawal(pk, request.user)
        elif action == "keep":
            services.decline_withdrawal(pk, message, request.user)
        else:
            return error_page(request, 404, _("Unknown action."))
    except services.ModerationError as error:
        messages.error(request, str(error))
        if JoinRequest.objects.filter(pk=pk).exists():
            return HttpResponseRedirect(reverse("moderation:detail", args=[pk]))
        return HttpResponseRedirect(reverse("moderation:queue"))
    messages.success(request, _("Request #%(id)s: done.") % {"id": pk})
    return HttpResponseRedirect(reverse("moderation:queue"))
