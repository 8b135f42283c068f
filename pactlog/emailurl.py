"""`EMAIL_URL` -> Django's e-mail settings (imported by settings.py: no Django import here).

`smtp://user:pass@host:port` (plain, or STARTTLS when the server offers nothing else is not
guessed: say `smtp+tls://`), `smtp+ssl://` (implicit TLS), `console:` and `file:///path`
(one `.eml` file per message in that folder).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlsplit

EMAIL_SCHEMES = ("smtp", "smtp+tls", "smtp+ssl", "smtps", "console", "file")


def email_settings(url: str) -> dict[str, Any]:
    """The EMAIL_* settings for `url`; ValueError for a scheme we do not know."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "file":
        return {
            "EMAIL_BACKEND": "pactlog.joining.emlfile.EmlFileBackend",
            "EMAIL_FILE_PATH": unquote(parts.path),
        }
    if scheme in ("smtp", "smtp+tls", "smtp+ssl", "smtps"):
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parts.hostname or "localhost",
            "EMAIL_PORT": parts.port or (465 if scheme in ("smtp+ssl", "smtps") else 25),
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_TLS": scheme == "smtp+tls",
            "EMAIL_USE_SSL": scheme in ("smtp+ssl", "smtps"),
            "EMAIL_TIMEOUT": 20,
        }
    raise ValueError(f"EMAIL_URL: unknown scheme {scheme!r} (smtp, smtp+tls, console, file)")
