"""`/log/pactlog-verify/`: the stand-alone verifier's wheel this instance serves, its SHA-256
and the command that installs it; `/log/pactlog-verify/<file>` serves the file itself.

The wheel is built from this checkout by `make verifier-wheel` (`verifier/build_wheel.py`)
into `PACTLOG_VERIFY_DIST` (default `dist/` of the checkout).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from pactlog.web.reads import public_read

WHEEL = re.compile(r"pactlog_verify-[0-9A-Za-z.+]+-py3-none-any\.whl")


@dataclass(frozen=True)
class Wheel:
    name: str
    path: Path
    sha256: str
    size: int


@lru_cache(maxsize=16)
def _digest(path: Path, mtime: float, size: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def served_wheel() -> Wheel | None:
    """The newest wheel in the distribution folder, or None when none was built."""
    folder = Path(settings.PACTLOG_VERIFY_DIST)
    wheels = [p for p in folder.glob("pactlog_verify-*.whl") if WHEEL.fullmatch(p.name)]
    if not wheels:
        return None
    path = max(wheels, key=lambda p: p.stat().st_mtime)
    stat = path.stat()
    return Wheel(path.name, path, _digest(path, stat.st_mtime, stat.st_size), stat.st_size)


@public_read(etag="none", cache_page=False, front=False)
def page(request: HttpRequest) -> HttpResponse:
    wheel = served_wheel()
    url = request.build_absolute_uri(f"/log/pactlog-verify/{wheel.name}") if wheel else ""
    context = {
        "wheel": wheel,
        "wheel_url": url,
        "site_url": request.build_absolute_uri("/"),
    }
    from pactlog.log import keys

    context["verifier_key"] = keys.verifier_key()
    return render(request, "log/pactlog_verify.html", context)


@public_read(etag="none", cache_page=False, front=False, cross_origin=True)
def wheel_file(request: HttpRequest, name: str) -> FileResponse:
    wheel = served_wheel()
    if wheel is None or wheel.name != name:
        raise Http404("no such file")
    response = FileResponse(wheel.path.open("rb"), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{wheel.name}"'
    return response
