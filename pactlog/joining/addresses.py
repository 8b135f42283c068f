"""Canonical e-mail addresses, so that `Jane+2@Example.org` counts as `jane@example.org`."""

from __future__ import annotations


def email_key(address: str) -> str:
    """Lower case, `+tag` removed from the local part: the key the per-address limit counts."""
    local, _, domain = address.strip().lower().rpartition("@")
    if not local:
        return domain
    local = local.split("+", 1)[0]
    return f"{local}@{domain}"


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
