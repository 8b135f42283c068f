"""Settings from environment variables, read strictly: a value that is not understood stops the
start with a message naming the variable, never a silent default (`DEBUG=ture` is not False).

An unset or empty variable means the default. Each helper reads one variable; settings.py uses
them for every variable it reads. No Django import: the settings module imports this.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")


class EnvError(ValueError):
    """A variable's value is not one the setting accepts; the message names the variable."""


def _raw(name: str) -> str | None:
    """The variable's value without surrounding spaces; None when unset or empty."""
    value = os.environ.get(name, "").strip()
    return value or None


def _shown(value: str) -> str:
    return repr(value if len(value) <= 60 else value[:60] + "...")


def text(name: str, default: str = "") -> str:
    """Any text (surrounding spaces dropped)."""
    return _raw(name) or default


def flag(name: str, default: bool) -> bool:
    """A yes/no: true/false, yes/no, on/off or 1/0 (any case); anything else is refused."""
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    raise EnvError(f"{name} must be one of {', '.join(TRUE + FALSE)}, not {_shown(value)}")


def integer(name: str, default: int, minimum: int | None = None, maximum: int | None = None) -> int:
    """A whole number, within [minimum, maximum] when given."""
    value = _raw(name)
    if value is None:
        return default
    digits = value.removeprefix("-")
    if not (digits.isascii() and digits.isdigit()):  # int() also takes "1_000" and "١٢"
        raise EnvError(f"{name} must be a whole number, not {_shown(value)}")
    if len(digits) > 18:
        raise EnvError(f"{name} is too large: {_shown(value)}")
    number = int(value)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        low = "" if minimum is None else f"at least {minimum}"
        high = "" if maximum is None else f"at most {maximum}"
        bounds = " and ".join(part for part in (low, high) if part)
        raise EnvError(f"{name} must be {bounds}, not {number}")
    return number


def items(name: str, default: Sequence[str] = ()) -> list[str]:
    """A comma-separated list; empty items are dropped."""
    value = _raw(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def choice(name: str, default: str, choices: Iterable[str]) -> str:
    """One of `choices` (given in upper case; the value is read in any case)."""
    allowed = tuple(choices)
    value = (_raw(name) or default).upper()
    if value not in allowed:
        raise EnvError(f"{name} must be one of {', '.join(allowed)}, not {_shown(value)}")
    return value


def url(name: str, default: str, schemes: Iterable[str]) -> str:
    """A URL whose scheme is one of `schemes`; one with a host unless it is `file:` or a
    scheme that needs none (`console:`, `sqlite:`)."""
    value = _raw(name) or default
    allowed = tuple(schemes)
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (a port that is not a number raises here)
    except ValueError as exc:
        raise EnvError(f"{name} is not a URL ({exc}): {_shown(value)}") from None
    if parts.scheme.lower() not in allowed:
        raise EnvError(f"{name} must be a URL starting {', '.join(allowed)}:, not {_shown(value)}")
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise EnvError(f"{name} must not hold control characters: {_shown(value)}")
    return value


def http_url(name: str, default: str) -> str:
    """An http:// or https:// URL with a host."""
    value = url(name, default, ("http", "https"))
    if not urlsplit(value).hostname:
        raise EnvError(f"{name} must name a host, as in https://example.org: {_shown(value)}")
    return value


def path(name: str, default: Path) -> Path:
    """A filesystem path (`~` expanded); the folder is not created here."""
    value = _raw(name)
    return Path(value).expanduser() if value is not None else default


def optional_path(name: str, default: Path) -> Path | None:
    """A path, or None when the variable is set but empty (`PACTLOG_PUBLISH_DIR=` turns a
    feature off); unset means the default."""
    if name in os.environ and not os.environ[name].strip():
        return None
    return path(name, default)
