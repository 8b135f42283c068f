"""`{% evidence_of endorsement as found %}`: what an endorsement's dates rest on, and links
to it from other pages (`{% state_evidence_url agreement country %}`)."""

from __future__ import annotations

from django import template
from django.urls import reverse

from pactlog.registry.evidence import Observation, evidence
from pactlog.registry.models import Actor, Agreement, Endorsement
from pactlog.registry.vocabulary import ActorKind

register = template.Library()


@register.simple_tag
def evidence_of(endorsement: Endorsement) -> list[Observation]:
    return evidence(endorsement)


@register.simple_tag
def state_evidence_url(agreement: Agreement, country: str) -> str:
    """The supporter page's evidence of a state (claims' state-by-state reasons link to it),
    "" for a state the registry does not hold."""
    state = Actor.objects.filter(
        kind=ActorKind.STATE, country=country, merged_into__isnull=True
    ).first()
    if state is None:
        return ""
    return reverse("site:supporter", args=[agreement.slug, state.public_id]) + "#evidence"
