"""Agreements an import may create: a known one from its description here, or a bare one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from pactlog.registry import services
from pactlog.registry.models import Agreement

HERE = Path(__file__).parent


def description(slug: str) -> dict[str, Any] | None:
    path = HERE / f"{slug}.yaml"
    if not path.is_file():
        return None
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def ensure_agreement(slug: str) -> tuple[Agreement, bool]:
    """The agreement, created (with its known description, if any) when it does not exist."""
    existing = Agreement.objects.filter(slug=slug).first()
    if existing is not None:
        return existing, False
    known = description(slug) or {"title_en": slug.replace("-", " ").title()}
    known.pop("sources", None)  # what its imported sources are called (see provenance)
    principles = [{"number": n, **p} for n, p in enumerate(known.pop("principles", []), start=1)]
    agreement, _ = services.save_agreement(slug, principles=principles, **known)
    return agreement, True
