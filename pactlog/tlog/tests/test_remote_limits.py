"""A verifier cannot be held forever by a slow server, nor led to another scheme."""

from __future__ import annotations

import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from pactlog import tlog
from pactlog.tlog.tests.httpserver import serving


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/log/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        elif self.path == "/log/to-https":
            self.send_response(302)
            self.send_header("Location", "https://127.0.0.1:1/log/plain")
            self.end_headers()
        elif self.path == "/log/moved":
            self.send_response(301)
            self.send_header("Location", "/log/plain")
            self.end_headers()
        elif self.path == "/log/plain":
            self.send_response(200)
            self.send_header("Content-Length", "5")
            self.end_headers()
            self.wfile.write(b"plain")
        elif self.path == "/log/trickle":
            self.send_response(200)
            self.send_header("Content-Length", "100000000")
            self.end_headers()
            try:
                for _ in range(200):  # a byte every 20 ms: each wait is short, the whole is long
                    self.wfile.write(b"x" * 70000)
                    self.wfile.flush()
                    time.sleep(0.02)
            except OSError:
                pass
        else:
            self.send_error(404)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serving(Handler) as url:
        yield url


def test_redirects_stay_within_the_scheme(base_url: str) -> None:
    fetch = tlog.http_fetcher(base_url, timeout=5)
    assert fetch("moved") == b"plain"
    with pytest.raises(tlog.FetchError, match="302"):
        fetch("to-file")  # urllib itself refuses file: redirects
    with pytest.raises(tlog.FetchError, match="refusing a redirect"):
        fetch("to-https")


def test_an_overall_deadline_bounds_a_trickling_server(base_url: str) -> None:
    fetch = tlog.http_fetcher(base_url, timeout=5, deadline=0.5)
    started = time.monotonic()
    with pytest.raises(tlog.FetchError, match="overall deadline"):
        fetch("trickle")
    assert time.monotonic() - started < 3
    with pytest.raises(tlog.FetchError, match="overall deadline"):
        fetch("plain")  # the deadline covers every later fetch too
