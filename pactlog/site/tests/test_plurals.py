"""Plural forms: every plural message of the code (`ngettext` in Python, `{% blocktranslate
count %}` in templates) has its English plural and both French forms in a catalogue, and
counts read "1 state", "60 states", "1 État", "60 États"."""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from pathlib import Path

from babel.messages.pofile import read_po
from django.utils import translation
from django.utils.translation.template import templatize

import pactlog
from pactlog.claims.present import counted
from pactlog.site.labels import category_noun

ROOT = Path(pactlog.__file__).parent
PLURAL_CALLS = {"ngettext", "ngettext_lazy"}
LITERAL = r"u?'(?:[^'\\]|\\.)*'|u?\"(?:[^\"\\]|\\.)*\""
TEMPLATE_CALL = re.compile(rf"ngettext\(({LITERAL}), ({LITERAL}), count\)")

Plural = tuple[str, str]


def template_plurals() -> set[Plural]:
    found = set()
    for path in ROOT.glob("*/templates/**/*"):
        if path.suffix in (".html", ".txt"):
            code = templatize(path.read_text(encoding="utf-8"), str(path))
            for one, many in TEMPLATE_CALL.findall(code):
                found.add((ast.literal_eval(one), ast.literal_eval(many)))
    return found


def python_plurals() -> set[Plural]:
    found = set()
    for path in ROOT.glob("**/*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            one, many = node.args[0], node.args[1]
            if (
                name in PLURAL_CALLS
                and isinstance(one, ast.Constant)
                and isinstance(many, ast.Constant)
            ):
                found.add((str(one.value), str(many.value)))
    return found


def french_plurals() -> dict[str, tuple[str, tuple[str, ...], bool]]:
    """Singular msgid -> (msgid_plural, French forms, fuzzy), over every app's catalogue."""
    entries: dict[str, tuple[str, tuple[str, ...], bool]] = {}
    for po in ROOT.glob("*/locale/fr/LC_MESSAGES/django.po"):
        with po.open("rb") as f:
            for message in read_po(f):
                if isinstance(message.id, tuple):
                    forms = tuple(message.string or ())
                    entries[message.id[0]] = (message.id[1], forms, message.fuzzy)
    return entries


def missing(found: set[Plural], catalogue: Mapping[str, tuple[str, tuple[str, ...], bool]]) -> list:
    """The plurals the catalogue lacks or holds incomplete (French has two forms)."""
    problems = []
    for one, many in sorted(found):
        entry = catalogue.get(one)
        if entry is None:
            problems.append((one, "not in any French catalogue"))
        elif entry[0] != many:
            problems.append((one, f"catalogue's plural is {entry[0]!r}, the code's {many!r}"))
        elif len(entry[1]) != 2 or not all(entry[1]) or entry[2]:
            problems.append((one, "a French form is missing or fuzzy"))
    return problems


def test_every_plural_of_the_code_is_translated_in_both_forms():
    found = template_plurals() | python_plurals()
    assert ("state", "states") in found  # Python (lazy ngettext)
    assert ("supporter in force", "supporters in force") in found  # templates
    assert len(found) >= 15
    assert missing(found, french_plurals()) == []


def test_the_check_fails_on_a_missing_or_incomplete_plural():
    found = {("state", "states"), ("day", "days"), ("box", "boxes")}
    catalogue = {
        "state": ("states", ("État", "États"), False),
        "box": ("boxes", ("boîte", ""), False),
    }
    assert [one for one, _ in missing(found, catalogue)] == ["box", "day"]


def test_counts_take_the_plural_form_of_their_number():
    with translation.override("en"):
        assert [category_noun("state", n) for n in (1, 60)] == ["state", "states"]
        assert counted("state", 76) == "76 states" and counted("total", 1) == "1 supporter"
    with translation.override("fr"):
        assert [category_noun("state", n) for n in (1, 60)] == ["État", "États"]
        assert counted("public-authority", 2) == "2 autorités publiques"
        assert counted("total", 1000) == "1\u202f000 soutiens"
