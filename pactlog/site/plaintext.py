"""An agreement's text, stored as plain text, shown as paragraphs and lists.

The registry stores a declaration's text as the secretariat pastes it: a blank line separates
paragraphs, a run of lines starting with "- " is a list, and a single line break inside a
paragraph is kept. Nothing else has a meaning (no Markdown, no HTML), so whatever the text
holds is escaped and shown as written: an append-only log records it, and a reader sees there
exactly what the page shows.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

_ITEM = "- "
_BREAK = SafeString("<br>")


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """`("p", lines)` and `("ul", items)` blocks, in order; blank lines only separate."""
    found: list[tuple[str, list[str]]] = []
    current: tuple[str, list[str]] | None = None
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        kind = "ul" if line.startswith(_ITEM) else "p"
        if not line:
            current = None
            continue
        if current is None or current[0] != kind:
            current = (kind, [])
            found.append(current)
        current[1].append(line[len(_ITEM) :].strip() if kind == "ul" else line)
    return found


def render(text: str) -> SafeString:
    """The text as HTML: `<p>` per paragraph (line breaks as `<br>`), `<ul>` per list."""
    return format_html_join("\n", "{}", ((_block(kind, lines),) for kind, lines in blocks(text)))


def _block(kind: str, lines: list[str]) -> SafeString:
    if kind == "ul":
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((i,) for i in lines))
        )
    return format_html("<p>{}</p>", format_html_join(_BREAK, "{}", ((line,) for line in lines)))
