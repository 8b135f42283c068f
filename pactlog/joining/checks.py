"""`pactlog check`: joining needs the organisers' address.

Pages and e-mails send people to the organisers (a state's or public authority's change, a
supporter with no contact on record, questions about a decision); without the address they
lead nowhere. Plain `pactlog check` warns; `pactlog check --deploy` makes it an error, so a
production set-up cannot miss it while tests and demos run without one.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

MESSAGE = "PACTLOG_ORGANISERS_EMAIL is not set"
HINT = (
    "Set PACTLOG_ORGANISERS_EMAIL to the organisers' address: withdrawal and correction "
    "pages, and every e-mail to requesters, send people there."
)


def _missing() -> bool:
    return not str(getattr(settings, "PACTLOG_ORGANISERS_EMAIL", "") or "").strip()


@checks.register("pactlog")
def organisers_address(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if not _missing():
        return []
    return [checks.Warning(MESSAGE, hint=HINT, id="pactlog.joining.W001")]


@checks.register("pactlog", deploy=True)
def organisers_address_deploy(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if not _missing():
        return []
    return [checks.Error(MESSAGE, hint=HINT, id="pactlog.joining.E001")]
