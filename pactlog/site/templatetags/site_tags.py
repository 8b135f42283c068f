"""Template helpers of the public site: language links, language-aware dates and numbers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.http import urlencode
from django.utils.safestring import SafeString

from pactlog.registry.dates import Interval
from pactlog.site import labels, plaintext
from pactlog.web.reads import reader_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context: dict[str, Any]) -> list[dict[str, Any]]:
    """This very page (path and query string kept) in each language."""
    request: HttpRequest | None = context.get("request")
    here = request.get_full_path() if request else "/"
    current = reader_language()
    return [
        {
            "code": code,
            "name": name,
            "url": translate_url(here, code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]


@register.filter
def number(value: int | float | None) -> str:
    """1,076 in English, 1 076 in French."""
    if value is None:
        return ""
    return format_decimal(value, locale=labels.babel_locale(reader_language()))


@register.filter
def day(value: dt.date | None, style: str = "medium") -> str:
    """A date in the reader's language ("19 Nov 2019", "19 nov. 2019")."""
    if value is None:
        return ""
    return format_date(value, format=style, locale=labels.babel_locale(reader_language()))


@register.filter
def when(interval: Interval | None) -> str:
    """An interval date with its precision spelled out (see `labels.spell_interval`)."""
    if interval is None:
        return ""
    return labels.spell_interval(interval, reader_language())


@register.filter
def category_label(value: str) -> str:
    return labels.category(value)


@register.filter
def nature_label(value: str) -> str:
    return labels.nature(value)


@register.filter
def status_label(value: str) -> str:
    return labels.status(value)


@register.filter
def country_label(code: str) -> str:
    return labels.country(code, reader_language())


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters replaced (None/"" drops one)."""
    request: HttpRequest | None = context.get("request")
    params = request.GET.copy() if request else {}
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = str(value)
    encoded = urlencode(sorted(params.items()), doseq=True) if params else ""
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def site_name() -> str:
    return str(getattr(settings, "SITE_NAME", "pactlog"))


@register.filter
def category_noun(value: str, n: int) -> str:
    """ "states" after 60, "state" after 1: the category's noun in the form `n` takes."""
    return labels.category_noun(value, int(n or 0))


@register.filter
def plain_text(value: str) -> SafeString:
    """An agreement's stored text as paragraphs and lists (`site.plaintext`), escaped."""
    return plaintext.render(value or "")
