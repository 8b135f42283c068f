"""An e-mail backend writing each message as its own `.eml` file (`EMAIL_URL=file:///path`).

Django's file backend appends a whole session to one `.log`; a file per message opens in any
mail client and is what a secretariat trying the demo wants to look at.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from pactlog.web.private_files import write_private


class EmlFileBackend(BaseEmailBackend):
    def __init__(self, file_path: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.folder = Path(str(file_path or getattr(settings, "EMAIL_FILE_PATH", "")))

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
            path = self.folder / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
            # The messages hold live confirmation links: readable by their owner only.
            write_private(path, message.message().as_bytes(linesep="\r\n"))
            sent += 1
        return sent
