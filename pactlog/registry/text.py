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


def fold_identity(text: str) -> str:
    """Letters and digits only: "AT&T Inc." and "at t inc" fold to the same key."""
    folded = strip_accents(text).casefold()
    if folded.isascii():
        return _NOT_ALNUM.sub("", folded)
    return "".join(ch for ch in folded if ch.isalnum())


def clean_name(text: str) -> str:
    """Trim and collapse white space, including line breaks and non-breaking spaces."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()
