"""Canonical e-mail addresses, so that `Jane+2@Example.org` counts as `jane@example.org`."""

from __future__ import annotations

import re


def _unquote(local: str) -> str:
    """`"victim"` -> `victim`: a quoted local part is the same mailbox as its content."""
    if len(local) >= 2 and local.startswith('"') and local.endswith('"'):
        return re.sub(r"\\(.)", r"\1", local[1:-1])
    return local


def email_key(address: str) -> str:
    """Lower case, quotes and `+tag` removed from the local part: the key the per-address
    limit and the self-approval rule compare."""
    local, _, domain = address.strip().lower().rpartition("@")
    if not local:
        return domain
    local = _unquote(local).split("+", 1)[0]
    return f"{local}@{domain.strip('.')}"


def refusal(address: str) -> str | None:
    """Why an address is refused for contact, or None: IP literals reach no organisation's
    mailbox, and quoted local parts only serve to write one mailbox in several ways."""
    local, _, domain = address.strip().rpartition("@")
    if domain.startswith("["):
        return "ip-literal"
    if local.startswith('"'):
        return "quoted"
    return None


def domain_of(website: str) -> str:
    """The host of a website without `www.`, lower case ("" when there is none)."""
    text = website.strip().lower()
    for prefix in ("https://", "http://", "//"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    host = text.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rsplit("@", 1)[-1]
    host = host.split(":", 1)[0].strip(".")
    return host.removeprefix("www.")
