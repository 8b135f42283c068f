"""What the moderators' pages show about a request, in words: the queue's four sections
(joins, corrections, claims of listings, withdrawals, each with its own dates), names in
full (countries, agreement titles, categories), a correction's before/after, a claim's
address check, and who may speak for the supporter.

Also which actions destroy something (they need an explicit confirmation) and the one
"approve" that does what the request's kind asks.
"""

from __future__ import annotations

from typing import Any

from pactlog.joining import mail, selfservice, services, speakers
from pactlog.joining.models import DomainCheck, JoinRequest, Kind, State
from pactlog.site import labels
from pactlog.web.reads import reader_language

#: Actions that refuse or end something: the form carries a "confirm" box the server checks.
DESTRUCTIVE = frozenset({"reject", "withdraw", "keep"})


def approve(pk: int, moderator: Any, override: bool = False) -> JoinRequest:
    """Approve what the request asks: join, correct the entry, or accept the claim."""
    kind = JoinRequest.objects.filter(pk=pk).values_list("kind", flat=True).first()
    if kind == Kind.CORRECTION:
        return selfservice.approve_correction(pk, moderator)
    if kind == Kind.CLAIM:
        return selfservice.approve_claim(pk, moderator, override)
    return services.approve(pk, moderator)


def section_of(request: JoinRequest) -> str:
    if request.state == State.WITHDRAWAL_REQUESTED:
        return "withdrawals"
    return {Kind.CORRECTION: "corrections", Kind.CLAIM: "claims"}.get(Kind(request.kind), "joins")


def queue_sections(requests: list[JoinRequest]) -> dict[str, list[dict[str, Any]]]:
    """The waiting requests by section, oldest first within each (by the date that section
    is about: a withdrawal by when it was asked, not when its supporter joined)."""
    sections: dict[str, list[dict[str, Any]]] = {
        "joins": [], "corrections": [], "claims": [], "withdrawals": [],
    }  # fmt: skip
    for request in requests:
        sections[section_of(request)].append({"request": request, "warnings": [], **names(request)})
    sections["withdrawals"].sort(key=lambda row: row["request"].withdrawal_requested_at)
    return sections


def names(request: JoinRequest) -> dict[str, str]:
    """The request's codes in words, in the moderator's language."""
    lang = reader_language()
    return {
        "agreement_title": request.agreement.title(lang),
        "country_name": labels.country(request.country, lang) if request.country else "",
        "category_label": labels.category(request.category),
        "nature_label": labels.nature(request.nature) if request.nature else "",
    }


def described(request: JoinRequest) -> dict[str, Any]:
    """Everything the detail page shows beyond the request's own fields."""
    out: dict[str, Any] = {**names(request), "section": section_of(request)}
    if request.kind == Kind.CORRECTION:
        out["changes"] = mail.correction_changes(request)
    if request.kind == Kind.CLAIM:
        out["domain_check_label"] = (
            DomainCheck(request.domain_check).label if request.domain_check else ""
        )
        out["domain_ok"] = request.domain_check == DomainCheck.MATCH
    if request.actor is not None:
        speaker = speakers.speaker_for(request.actor)
        out["speaker"] = speaker
        out["claimable"] = speakers.claimable(request.actor)
        out["official"] = request.actor.category in speakers.OFFICIAL
    return out
