"""Fetching published files: HTTP status codes, gzip bodies, path safety."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from pactlog import tlog
from pactlog.tlog import remote
from pactlog.tlog.tests.httpserver import serving

FILES = {
    "/log/plain": (b"plain body", None),
    "/log/zipped": (gzip.compress(b"zipped body"), "gzip"),
    "/log/bomb": (gzip.compress(b"\x00" * 5000), "gzip"),
    "/log/broken": (b"not gzip at all", "gzip"),
    "/log/brotli": (b"...", "br"),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/log/boom":
            self.send_error(500)
            return
        if self.path not in FILES:
            self.send_error(404)
            return
        body, encoding = FILES[self.path]
        self.send_response(200)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serving(Handler) as url:
        yield url


def test_http_fetcher(base_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(remote, "MAX_RESPONSE", 4096)
    fetch = tlog.http_fetcher(base_url, timeout=10)
    assert fetch("plain") == b"plain body"
    assert fetch("zipped") == b"zipped body"
    with pytest.raises(tlog.NotFoundError, match="404"):
        fetch("missing")
    with pytest.raises(tlog.FetchError, match="500") as info:
        fetch("boom")
    assert not isinstance(info.value, tlog.NotFoundError)
    with pytest.raises(tlog.FetchError, match="inflates"):
        fetch("bomb")
    with pytest.raises(tlog.FetchError, match="gzip"):
        fetch("broken")
    with pytest.raises(tlog.FetchError, match="Content-Encoding"):
        fetch("brotli")


def test_refuses_odd_paths_and_urls(tmp_path: Path) -> None:
    fetch = tlog.directory_fetcher(tmp_path)
    for path in ("../etc/passwd", "tile//0", "", "./checkpoint"):
        with pytest.raises(tlog.FetchError):
            fetch(path)
    with pytest.raises(tlog.NotFoundError):
        fetch("checkpoint")
    with pytest.raises(tlog.FetchError):
        tlog.http_fetcher("file:///etc")
    with pytest.raises(tlog.FetchError, match="no such directory"):
        tlog.open_source(str(tmp_path / "absent"))
