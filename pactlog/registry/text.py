"""Folding text for search and for recognising the same name written two ways."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold_search(text: str) -> str:
    """Case-, accent- and apostrophe-insensitive form used for `q=` search."""
    return _SPACES.sub(" ", strip_accents(text.translate(_APOSTROPHES)).casefold()).strip()


#: Letters NFKD leaves whole, spelled as a reader of a Latin alphabet files them ("Œuvre" under O).
_SORT_LETTERS = str.maketrans(
    {"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i"}
)


def sort_key(text: str, length: int = 200) -> str:
    """The form a list sorts by, compared code point by code point: folded as for search (case,
    accents, apostrophes), whole letters spelled out, and leading punctuation dropped, so that
    "Électricité" files among the E's and "« Les Amis »" under L on every database."""
    folded = fold_search(text).translate(_SORT_LETTERS)
    start = next((i for i, ch in enumerate(folded) if ch.isalnum()), 0)
    return folded[start:][:length]


def fold_identity(text: str) -> str:
    """Letters and digits only: "AT&T Inc." and "at t inc" fold to the same key."""
    folded = strip_accents(text).casefold()
    if folded.isascii():
        return _NOT_ALNUM.sub("", folded)
    return "".join(ch for ch in folded if ch.isalnum())


#: Categories that are no character a name can hold: unassigned (which includes the
#: noncharacters U+FDD0..U+FDEF and U+xFFFE/U+xFFFF), surrogates, and controls.
_NOT_TEXT = frozenset({"Cn", "Cs", "Cc"})


def drop_invalid(text: str) -> str:
    """`text` without unassigned code points, noncharacters, surrogates or control characters
    (white space is kept): what no page, feed or XML file can show."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(ch for ch in text if ch in "\t\n\r" or unicodedata.category(ch) not in _NOT_TEXT)


def clean_name(text: str) -> str:
    """Trim and collapse white space, including line breaks and non-breaking spaces, and drop
    what is not text (`drop_invalid`)."""
    return _SPACES.sub(" ", drop_invalid(text).replace("\u00a0", " ")).strip()
