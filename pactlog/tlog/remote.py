"""Reading a published log from a directory or over HTTP(S).

Both sources are a `fetch(path) -> bytes` callable over tlog-tiles paths, which
is all a verifier needs: it trusts nothing it fetches, only the checkpoint's
signature and the hashes it recomputes.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from pactlog.tlog.errors import FetchError, NotFoundError
from pactlog.tlog.tiles import Fetch

MAX_RESPONSE = 32 << 20
"""Largest file accepted; a full bundle of maximal entries is about 16 MiB."""

USER_AGENT = "pactlog-tlog"

DEADLINE = 600.0
"""Default overall time, in seconds, for all the fetches of one verification."""

CHUNK = 1 << 16


class _SameSchemeRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to the same scheme: https never falls back to http, and no
    redirect leads to file:, ftp: or anything else."""

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:  # fmt: skip
        old = urllib.parse.urlsplit(req.full_url).scheme
        new = urllib.parse.urlsplit(newurl).scheme
        if new != old:
            raise FetchError(f"{req.full_url}: refusing a redirect from {old}: to {newurl!r}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_SameSchemeRedirects)


def _safe_parts(path: str) -> list[str]:
    parts = path.split("/")
    if not path or any(p in ("", ".", "..") for p in parts):
        raise FetchError(f"refusing to fetch {path!r}")
    return parts


def directory_fetcher(root: str | Path) -> Fetch:
    """Fetch files from a local directory holding a tlog-tiles layout."""
    base = Path(root)
    if not base.is_dir():
        raise FetchError(f"{base}: no such directory")

    def fetch(path: str) -> bytes:
        file = base.joinpath(*_safe_parts(path))
        try:
            return file.read_bytes()
        except FileNotFoundError:
            raise NotFoundError(f"{file}: no such file") from None
        except OSError as exc:
            raise FetchError(f"{file}: {exc.strerror or exc}") from None

    return fetch


def http_fetcher(
    base_url: str,
    timeout: float = 30.0,
    deadline: float = DEADLINE,
    headers: Mapping[str, str] | None = None,
) -> Fetch:
    """Fetch files below an http(s) URL prefix (gzip content-encoding accepted).

    `timeout` bounds each network wait; `deadline` bounds all the fetches together (from this
    call), so a server trickling bytes cannot hold a verifier forever. Redirects are followed
    only within the same scheme. `headers` are added to every request (an API client asks
    for JSON in a language)."""
    parsed = urllib.parse.urlsplit(base_url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise FetchError(f"not an http(s) URL: {base_url!r}")
    prefix = base_url if base_url.endswith("/") else base_url + "/"
    give_up = time.monotonic() + deadline

    def remaining(url: str) -> float:
        left = give_up - time.monotonic()
        if left <= 0:
            raise FetchError(f"{url}: gave up after the overall deadline of {deadline:g} s")
        return left

    def fetch(path: str) -> bytes:
        url = prefix + "/".join(_safe_parts(path))
        request = urllib.request.Request(  # noqa: S310 - scheme checked above
            url,
            headers={
                **(headers or {}),
                "Accept-Encoding": "gzip, identity",
                "User-Agent": USER_AGENT,
            },
        )
        try:
            wait = min(timeout, remaining(url))
            with _opener.open(request, timeout=wait) as response:
                chunks: list[bytes] = []
                size = 0
                while size <= MAX_RESPONSE:
                    remaining(url)
                    chunk = response.read(CHUNK)
                    if not chunk:
                        break
                    chunks.append(chunk)
                    size += len(chunk)
                data = b"".join(chunks)
                encoding = response.headers.get("Content-Encoding", "identity").lower()
        except urllib.error.HTTPError as exc:
            if exc.code in (404, 410):
                raise NotFoundError(f"{url}: HTTP {exc.code} {exc.reason}") from None
            raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            raise FetchError(f"{url}: cannot connect ({exc.reason})") from None
        except (OSError, ValueError) as exc:
            raise FetchError(f"{url}: {exc}") from None
        if len(data) > MAX_RESPONSE:
            raise FetchError(f"{url}: response larger than {MAX_RESPONSE} bytes")
        if encoding == "gzip":
            data = _gunzip(data, url)
        elif encoding != "identity":
            raise FetchError(f"{url}: unsupported Content-Encoding {encoding!r}")
        return data

    return fetch


def _gunzip(data: bytes, url: str) -> bytes:
    """Decompress a gzip body, refusing one that inflates beyond MAX_RESPONSE."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, MAX_RESPONSE + 1)
    except zlib.error as exc:
        raise FetchError(f"{url}: bad gzip body ({exc})") from None
    if len(out) > MAX_RESPONSE or inflater.unconsumed_tail:
        raise FetchError(f"{url}: gzip body inflates beyond {MAX_RESPONSE} bytes")
    if not inflater.eof:
        raise FetchError(f"{url}: truncated gzip body")
    return out


def open_source(location: str, timeout: float = 30.0, deadline: float = DEADLINE) -> Fetch:
    """A fetcher for an http(s) URL or a directory path."""
    if location.startswith(("http://", "https://")):
        return http_fetcher(location, timeout, deadline)
    return directory_fetcher(location)
