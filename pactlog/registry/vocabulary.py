"""The controlled words of docs/spec.md §1: categories, natures, statuses, event types."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pactlog.verifier import replay as events


class Category(models.TextChoices):
    STATE = "state", _("State")
    PUBLIC_AUTHORITY = "public-authority", _("Public authority")
    CIVIL_SOCIETY = "civil-society", _("Civil society")
    PRIVATE_SECTOR = "private-sector", _("Private sector")
    INTERNATIONAL_ORGANIZATION = "international-organization", _("International organisation")


#: The Paris Call's four categories, the default for a new agreement.
DEFAULT_CATEGORIES = [
    Category.STATE.value,
    Category.PUBLIC_AUTHORITY.value,
    Category.CIVIL_SOCIETY.value,
    Category.PRIVATE_SECTOR.value,
]


class Nature(models.TextChoices):
    UNKNOWN = "", _("Not stated")
    COMPANY = "company", _("Company")
    PROFESSIONAL_ASSOCIATION = "professional-association", _("Professional association")
    CHAMBER_OF_COMMERCE = "chamber-of-commerce", _("Chamber of commerce")
    NGO = "ngo", _("NGO")
    FOUNDATION = "foundation", _("Foundation")
    THINK_TANK = "think-tank", _("Think tank")
    UNIVERSITY = "university", _("University")
    RESEARCH_CENTRE = "research-centre", _("Research centre")
    SCHOOL = "school", _("School")
    LOCAL_GOVERNMENT = "local-government", _("Local government")
    PUBLIC_BODY = "public-body", _("Public body")
    INTERNATIONAL_ORGANIZATION = "international-organization", _("International organisation")
    OTHER = "other", _("Other")


class ActorKind(models.TextChoices):
    STATE = "state", _("State")
    ORGANISATION = "organisation", _("Organisation")


class Status(models.TextChoices):
    ACTIVE = "active", _("Active")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REMOVED = "removed", _("Removed")


class EventType(models.TextChoices):
    """The event types, as the Django-free fold (`pactlog.verifier.replay`) names them."""

    AGREEMENT_SAVED = events.AGREEMENT_SAVED
    ACTOR_SAVED = events.ACTOR_SAVED
    ACTOR_MERGED = events.ACTOR_MERGED
    ENDORSEMENT_STARTED = events.ENDORSEMENT_STARTED
    ENDORSEMENT_UPDATED = events.ENDORSEMENT_UPDATED
    ENDORSEMENT_ENDED = events.ENDORSEMENT_ENDED
    CLAIM_SAVED = events.CLAIM_SAVED
