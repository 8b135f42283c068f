"""The declaration's own text on the Full text tab: the Paris Call's, from its site, in both
languages, as paragraphs and a list; any agreement's text shown escaped, as written."""

from __future__ import annotations

import re

import pytest

from pactlog.importing.agreements import ensure_agreement
from pactlog.site.plaintext import blocks, render
from pactlog.site.tests import factories


def test_paragraphs_lists_and_line_breaks():
    text = "First line\nsame paragraph\n\n- one\n- two\nAfter the list\n\n\n  Last  \n"
    assert blocks(text) == [
        ("p", ["First line", "same paragraph"]),
        ("ul", ["one", "two"]),
        ("p", ["After the list"]),
        ("p", ["Last"]),
    ]
    assert blocks("\r\n\r\n") == []


def test_the_text_is_escaped_whatever_it_holds():
    html = render('<script>alert(1)</script>\n- <b>"x"</b> & y')
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "<li>&lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; y</li>" in html


@pytest.mark.parametrize(
    ("lang", "opening", "closing", "first_item"),
    [
        (
            "en",
            "Cyberspace now plays a crucial role in every aspect of our lives",
            "Paris, 12th of November, 2018",
            "Prevent and recover from malicious cyber activities",
        ),
        (
            "fr",
            "Le cyberespace joue désormais un rôle capital",
            "Paris, le 12 novembre 2018",
            "d’empêcher les cyberactivités malveillantes",
        ),
    ],
)
def test_the_paris_call_text_is_on_its_full_text_tab(
    client, db, lang, opening, closing, first_item
):
    agreement, created = ensure_agreement("paris-call")
    assert created
    html = client.get(f"/{lang}/paris-call/text/").content.decode()
    text = html.split('class="full-text">', 1)[1].split("</div>", 1)[0]
    assert text.startswith(f"<p>{opening}")
    assert closing in text
    items = re.findall(r"<li>(.*?)</li>", text)
    assert len(items) == 9 and items[0].startswith(first_item)  # the nine principles
    assert "![" not in text and "<img" not in text  # the site's logo is not part of the text
    assert agreement.text_url in html


def test_an_agreement_without_text_still_shows_its_principles(client, db):
    agreement = factories.agreement(text_url="https://call.example/text")
    html = client.get(f"/en/{agreement.slug}/text/").content.decode()
    assert 'class="full-text"' not in html and "Be kind" in html
