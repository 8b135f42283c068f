"""The three answers of a coverage, with their labels in the reader's language."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from pactlog.groups.coverage import StateEndorsements
from pactlog.registry.caching import cached
from pactlog.registry.models import Agreement

ENDORSED, UNCERTAIN, ABSENT = "endorsed", "uncertain", "absent"

LABELS = {
    ENDORSED: _("Endorsed"),
    UNCERTAIN: _("Uncertain"),
    ABSENT: _("Not endorsed"),
}


def state_endorsements(agreement: Agreement, as_of: dt.date) -> StateEndorsements:
    """The states' endorsements on a day, cached for the current registry version."""
    return cached(
        f"groups:states:{agreement.slug}:{as_of.isoformat()}",
        lambda: StateEndorsements.of(agreement, as_of),
    )
