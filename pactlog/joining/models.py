"""Join and withdrawal requests, their contact data and their e-mail tokens.

A request holds only what would become public if approved (name, category, country...) and
its place in the workflow. Who asked (name, role, e-mail, message, address) lives in `Contact`,
a separate table that no event, export, API answer or log entry reads, and that
`pactlog requests purge` deletes once the retention period after the decision has passed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pactlog.registry.models import Actor, Agreement
from pactlog.registry.vocabulary import Category, Nature


class State(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Unconfirmed")
    CONFIRMED = "confirmed", _("Confirmed")
    NEEDS_INFO = "needs-info", _("Needs information")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    MERGED = "merged", _("Merged")
    WITHDRAWAL_REQUESTED = "withdrawal-requested", _("Withdrawal requested")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: States a moderator may decide from (the queue).
QUEUE = (State.CONFIRMED, State.NEEDS_INFO, State.WITHDRAWAL_REQUESTED)
#: States that count as pending for the per-address limit.
PENDING = (State.UNCONFIRMED, State.CONFIRMED, State.NEEDS_INFO)
#: States in which the request's actor endorses the agreement through it.
JOINED = (State.APPROVED, State.MERGED)


class Kind(models.TextChoices):
    """What a request asks: to join, to correct a supporter's entry, or to be recognised as
    the one who may speak for an imported supporter (claim its listing)."""

    JOIN = "join", _("Join")
    CORRECTION = "correction", _("Correction")
    CLAIM = "claim", _("Claim of a listing")


class DomainCheck(models.TextChoices):
    """How a claimant's e-mail address compares with the supporter's website."""

    MATCH = "match", _("The address is at the website's domain")
    FREE_MAIL = "free-mail", _("The address is at a free e-mail provider")
    DIFFERENT = "different", _("The address is at another domain than the website's")
    NO_WEBSITE = "no-website", _("The supporter has no website to compare with")


class Reason(models.TextChoices):
    DUPLICATE = "duplicate", _("Duplicate")
    NOT_AN_ORGANISATION = "not-an-organisation", _("Not an organisation")
    IMPERSONATION = "impersonation", _("Impersonation")
    OUT_OF_SCOPE = "out-of-scope", _("Out of scope")
    OTHER = "other", _("Other")


class JoinRequest(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=30, choices=State.choices, default=State.UNCONFIRMED)
    name = models.CharField(max_length=300)
    category = models.CharField(max_length=40, choices=Category.choices)
    country = models.CharField(max_length=3, blank=True)
    nature = models.CharField(max_length=40, choices=Nature.choices, blank=True)
    website = models.CharField(max_length=500, blank=True)
    #: A join: the organisation's name in the site's other languages, if it gave any (public,
    #: `Actor.names` once approved).
    names = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    #: The signed-in user who filled the form, if any: they may not moderate it.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=30, choices=Reason.choices, blank=True)
    #: The registry actor this request became (approve) or was recognised as (merge).
    actor = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawal_requested_at = models.DateTimeField(null=True, blank=True)
    #: `approved` or `merged`: where a declined withdrawal brings the request back.
    joined_as = models.CharField(max_length=30, blank=True)
    #: The requester's language: e-mails to them are written in it.
    language = models.CharField(max_length=8, default="en")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.JOIN)
    #: A correction's public fields before (when asked) and as asked: the moderators'
    #: before/after view. Public data only, never a contact detail.
    before = models.JSONField(default=dict, blank=True)
    proposed = models.JSONField(default=dict, blank=True)
    #: A claim: how the claimant's address compares with the website (`DomainCheck`), and
    #: whether a moderator accepted it all the same.
    domain_check = models.CharField(max_length=20, choices=DomainCheck.choices, blank=True)
    override = models.BooleanField(default=False)

    class Meta:
        ordering = ["submitted_at", "id"]
        indexes = [models.Index(fields=["state", "submitted_at"], name="joinrequest_queue_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.name} ({self.state})"

    @property
    def is_state(self) -> bool:
        """States may ask to join, but a request in their name always gets extra checks."""
        return self.category == Category.STATE


class Contact(models.Model):
    """Personal data of a request: moderators only, deleted after the retention period."""

    request = models.OneToOneField(JoinRequest, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200)
    email = models.EmailField(max_length=254)
    #: Lower case, `+tag` dropped: what the per-address limit counts.
    email_key = models.CharField(max_length=254, db_index=True)
    message = models.TextField(blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)

    def __str__(self) -> str:
        return f"contact of request #{self.request_id}"


class Purpose(models.TextChoices):
    CONFIRM = "confirm"
    WITHDRAW = "withdraw"
    CORRECT = "correct"
    CLAIM = "claim"


class Token(models.Model):
    """An e-mailed link's secret, kept only as its SHA-256: one request, one purpose, one use."""

    request = models.ForeignKey(JoinRequest, on_delete=models.CASCADE, related_name="tokens")
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.purpose} token of request #{self.request_id}"
