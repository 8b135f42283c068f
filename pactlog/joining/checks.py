"""`pactlog check --deploy`: joining needs the organisers' address.

Pages and e-mails send people to the organisers (a state's or public authority's change, a
supporter with no contact on record, questions about a decision); without the address they
lead nowhere. The deployment check makes it an error, so a production set-up cannot miss it.
It is not a check of every command: Django runs those before each `import-git`, `migrate`...,
and a warning there would be printed into every import's report while demos and tests run
without an address.
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


@checks.register("pactlog", deploy=True)
def organisers_address_deploy(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if not _missing():
        return []
    return [checks.Error(MESSAGE, hint=HINT, id="pactlog.joining.E001")]
