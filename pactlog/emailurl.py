"""`EMAIL_URL` -> Django's e-mail settings (imported by settings.py: no Django import here).

The syntax is parsed by `pactlog.verifier.emailurl`, which the monitor uses too.
"""

from __future__ import annotations

from typing import Any

from pactlog.verifier.emailurl import parse_email_url

EMAIL_SCHEMES = ("smtp", "smtp+tls", "smtp+ssl", "smtps", "console", "file")


def email_settings(url: str) -> dict[str, Any]:
    """The EMAIL_* settings for `url`; ValueError for a scheme we do not know."""
    parsed = parse_email_url(url)
    if parsed.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parsed.scheme == "file":
        return {
            "EMAIL_BACKEND": "pactlog.joining.emlfile.EmlFileBackend",
            "EMAIL_FILE_PATH": parsed.path,
        }
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parsed.host,
        "EMAIL_PORT": parsed.port,
        "EMAIL_HOST_USER": parsed.username,
        "EMAIL_HOST_PASSWORD": parsed.password,
        "EMAIL_USE_TLS": parsed.use_tls,
        "EMAIL_USE_SSL": parsed.use_ssl,
        "EMAIL_TIMEOUT": 20,
    }
