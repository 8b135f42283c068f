"""Compile every app's gettext catalogue (`django.po`) to `.mo` with Babel.

Pure Python, so a build needs no GNU gettext; `.mo` files are build output and git-ignored.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def catalogues(root: Path = PACKAGE_DIR) -> list[Path]:
    """Every `django.po` of the project: each app's `locale/` and the project-wide one."""
    found = set(root.glob("*/locale/*/LC_MESSAGES/django.po"))
    found |= set(root.glob("locale/*/LC_MESSAGES/django.po"))
    return sorted(found)


def compile_catalogue(po_path: Path) -> Path:
    """Write the `.mo` beside `po_path`, skipping fuzzy entries as msgfmt does."""
    locale = po_path.parent.parent.name
    with po_path.open("rb") as po_file:
        catalogue = read_po(po_file, locale=locale)
    mo_path = po_path.with_suffix(".mo")
    with mo_path.open("wb") as mo_file:
        write_mo(mo_file, catalogue, use_fuzzy=False)
    return mo_path


def compile_all(root: Path = PACKAGE_DIR) -> int:
    """Compile every catalogue; returns how many were compiled."""
    paths = catalogues(root)
    for path in paths:
        compile_catalogue(path)
    return len(paths)
