"""`EMAIL_URL` syntax, shared by the application's settings and the monitor.

`smtp://user:pass@host:port` (plain), `smtp+tls://` (STARTTLS), `smtp+ssl://` or `smtps://`
(implicit TLS), `console:` (print) and `file:///path` (one `.eml` file per message there).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

SMTP_SCHEMES = ("smtp", "smtp+tls", "smtp+ssl", "smtps")


@dataclass(frozen=True)
class EmailUrl:
    scheme: str
    host: str = "localhost"
    port: int = 25
    username: str = ""
    password: str = ""
    use_tls: bool = False
    use_ssl: bool = False
    path: str = ""

    @property
    def is_smtp(self) -> bool:
        return self.scheme in SMTP_SCHEMES


def parse_email_url(url: str) -> EmailUrl:
    """The parts of `url`; ValueError for a scheme we do not know."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "console":
        return EmailUrl("console")
    if scheme == "file":
        return EmailUrl("file", path=unquote(parts.path))
    if scheme in SMTP_SCHEMES:
        implicit = scheme in ("smtp+ssl", "smtps")
        try:
            port = parts.port or (465 if implicit else 25)
        except ValueError as exc:
            raise ValueError(f"EMAIL_URL: {exc}") from None
        return EmailUrl(
            scheme,
            host=parts.hostname or "localhost",
            port=port,
            username=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            use_tls=scheme == "smtp+tls",
            use_ssl=implicit,
        )
    raise ValueError(f"EMAIL_URL: unknown scheme {scheme!r} (smtp, smtp+tls, console, file)")
