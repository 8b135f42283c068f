"""`registry_changed`: sent after a transaction that recorded events has committed.

Receivers (published files today, the verifiable log's tiles later) see the committed registry,
never a change that may still roll back. It may be sent more than once for one transaction;
receivers compare `registry_version()` to skip work already done.
"""

from django.db import transaction
from django.dispatch import Signal

registry_changed = Signal()


def _send() -> None:
    registry_changed.send(sender=None)


def notify_after_commit() -> None:
    """Call inside the transaction of a change; receivers run once it has committed."""
    transaction.on_commit(_send, robust=True)
