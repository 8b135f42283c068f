"""What a name looks like, on Unicode's data (UTS #39, "Unicode Security Mechanisms").

The confusables data comes from the `confusable-homoglyphs` library (Unicode's
`confusables.txt`, with each character's script). On top of it:

- `skeleton`: default-ignorable code points (variation selectors, the Khmer inherent vowels,
  zero-width and bidi controls, fillers) and nonspacing marks are dropped, every character is
  replaced by its ASCII prototype when the data leads to one (following the data two steps and
  across case, so that Cyrillic `ԍ` reaches `g` through `Ԍ`), then ASCII characters the data
  calls confusable (`l`, `1`, `I`, `|`) are made one. A skeleton that stays partly non-ASCII is
  still compared: two Greek names alike are alike.
- `restricted_characters`: what UTS #39 would not allow in an identifier that we can tell from
  Python's Unicode database: unassigned, private-use, surrogate, control, format and other
  default-ignorable code points, and nonspacing marks of another script than the letter they sit on.
- `scripts` / `is_mixed_script`: scripts of the letters *and marks* (a Khmer mark on Latin
  letters is a second script), Common and Inherited aside.
- `whole_script_lookalike`: a name in one non-Latin script whose every letter has a Latin
  prototype (all-Cyrillic `Ԍооԍӏе` reads "google").
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from confusable_homoglyphs import categories, confusables

#: Default_Ignorable_Code_Point (DerivedCoreProperties.txt) beyond the format (Cf) category:
#: Other_Default_Ignorable_Code_Point and the variation selectors. Python's `unicodedata` has
#: no property for it, so the ranges are listed here.
DEFAULT_IGNORABLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x034F, 0x034F),  # COMBINING GRAPHEME JOINER
    (0x115F, 0x1160),  # HANGUL CHOSEONG / JUNGSEONG FILLER
    (0x17B4, 0x17B5),  # KHMER VOWEL INHERENT AQ / AA
    (0x180B, 0x180F),  # MONGOLIAN FREE VARIATION SELECTORS, VOWEL SEPARATOR
    (0x3164, 0x3164),  # HANGUL FILLER
    (0xFE00, 0xFE0F),  # VARIATION SELECTORS 1-16
    (0xFFA0, 0xFFA0),  # HALFWIDTH HANGUL FILLER
    (0xFFF0, 0xFFF8),  # unassigned, reserved as ignorable
    (0xE0000, 0xE0FFF),  # TAGS, VARIATION SELECTORS 17-256 and reserved
)
#: Shown as nothing though not default-ignorable: braille blank, hangul fillers' kin.
BLANK_EXTRA = frozenset("\u2800")
#: Scripts that never make a name mixed on their own.
NEUTRAL_SCRIPTS = frozenset({"COMMON", "INHERITED"})


def is_default_ignorable(ch: str) -> bool:
    code = ord(ch)
    if unicodedata.category(ch) == "Cf" and not 0xFFF9 <= code <= 0xFFFB:
        return True
    return any(low <= code <= high for low, high in DEFAULT_IGNORABLE_RANGES)


def is_invisible(ch: str) -> bool:
    """Shows as nothing, reorders text, or is not a character at all."""
    return (
        is_default_ignorable(ch)
        or unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn")
        or ch in BLANK_EXTRA
    )


def script_of(ch: str) -> str:
    try:
        return str(categories.alias(ch))
    except (KeyError, IndexError, ValueError):
        return "UNKNOWN"


def scripts(text: str) -> set[str]:
    """Scripts of the letters and marks of `text`, Common and Inherited aside."""
    return {
        script_of(ch)
        for ch in text
        if (ch.isalpha() or unicodedata.category(ch).startswith("M")) and not is_invisible(ch)
    } - NEUTRAL_SCRIPTS


def is_mixed_script(text: str) -> bool:
    return len(scripts(text)) > 1


def restricted_characters(text: str) -> list[str]:
    """Characters an identifier may not hold (UTS #39 section 3.1 where Python can tell), as
    `U+17B4 KHMER VOWEL INHERENT AQ` labels."""
    found: dict[str, None] = {}
    base = ""
    for ch in text:
        category = unicodedata.category(ch)
        if is_invisible(ch):
            found[ch] = None
        elif category == "Mn":
            own = script_of(ch)
            if not base or (own not in NEUTRAL_SCRIPTS and own != script_of(base)):
                found[ch] = None
        else:
            base = ch
    return [label(ch) for ch in found]


def label(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')}"


def _single(glyph: str) -> str:
    return glyph.replace("\u200e", "").replace("\u200f", "")


@cache
def _prototype(ch: str) -> str:
    """The ASCII character `ch` is confusable with, following the data up to two steps and
    across case; `ch` itself when there is none."""
    if ch.isascii():
        return ch
    data = confusables.confusables_data
    starts = [ch] + [v for v in (ch.upper(), ch.lower()) if len(v) == 1 and v != ch]
    for start in starts:
        seen, frontier = {start}, [start]
        for _ in range(2):
            following = []
            for current in frontier:
                for glyph in data.get(current, ()):
                    other = _single(str(glyph["c"]))
                    if len(other) == 1 and other.isascii() and other.isprintable():
                        return other if start == ch else other.lower()
                    if len(other) == 1 and other not in seen:
                        seen.add(other)
                        following.append(other)
            frontier = following
    small_capital = re.fullmatch(r"LATIN LETTER SMALL CAPITAL (\w)", unicodedata.name(ch, ""))
    return small_capital.group(1).lower() if small_capital else ch


@cache
def _ascii_classes() -> dict[str, str]:
    """Lower-case ASCII characters the data says are confusable (l, 1, |, i...) -> one of them."""
    parent: dict[str, str] = {}

    def root(ch: str) -> str:
        while parent.get(ch, ch) != ch:
            ch = parent[ch]
        return ch

    for code in range(33, 127):
        ch = chr(code)
        for glyph in confusables.confusables_data.get(ch, ()):
            other = str(glyph["c"])
            if len(other) == 1 and other.isascii():
                a, b = sorted((root(ch.lower()), root(other.lower())))
                parent[b] = a
    return {ch: root(ch) for ch in parent}


def _visible(text: str) -> str:
    return "".join(
        ch
        for ch in text
        if not is_invisible(ch) and not unicodedata.combining(ch)
        and unicodedata.category(ch) not in ("Mn", "Me")
    )  # fmt: skip


def skeleton(text: str) -> str:
    """What a name looks like: equal skeletons, names a reader cannot tell apart."""
    mapped = "".join(_prototype(ch) for ch in _visible(unicodedata.normalize("NFD", text)))
    folded = _visible(unicodedata.normalize("NFKD", mapped.casefold()))
    ascii_like = "".join(_prototype(ch) for ch in folded)
    classes = _ascii_classes()
    return " ".join("".join(classes.get(ch, ch) for ch in ascii_like).split())


def whole_script_lookalike(text: str) -> str | None:
    """The Latin reading of a name written wholly in another script that reads as Latin."""
    found = scripts(text)
    if len(found) != 1 or "LATIN" in found:
        return None
    letters = [ch for ch in _visible(unicodedata.normalize("NFD", text)) if ch.isalpha()]
    if len(letters) < 2 or not all(_prototype(ch).isascii() for ch in letters):
        return None
    return "".join(_prototype(ch) for ch in _visible(unicodedata.normalize("NFD", text)))
