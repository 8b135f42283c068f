"""A strict CSP on every answer; only the embed (and its errors) may be framed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pactlog.web.headers import STRICT

TEMPLATES = sorted(Path(__file__).resolve().parents[2].glob("*/templates/**/*.html"))


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/test-call/",
        "/fr/test-call/supporters/",
        "/en/test-call/supporters/alpha/",
        "/en/test-call/changes/",
        "/en/test-call/coverage/",
        "/en/groups/",
        "/en/no-such-call/",
        "/en/test-call/?as_of=nope",
        "/api/v1/groups",
        "/api/v1/docs",
        "/exports/test-call/supporters.csv",
        "/test-call/counters.json",
        "/admin/login/",
    ],
)
def test_every_answer_has_the_strict_policy(small, client, url):
    response = client.get(url)
    assert response["Content-Security-Policy"] == STRICT
    assert "frame-ancestors 'none'" in STRICT
    assert "'unsafe-inline'" not in STRICT


@pytest.mark.parametrize(
    "url", ["/en/test-call/embed/counters", "/en/test-call/embed/counters?as_of=nope",
            "/en/no-such-call/embed/counters"],
)  # fmt: skip
def test_the_embed_and_its_errors_may_be_framed(small, client, url):
    response = client.get(url)
    assert response["Content-Security-Policy"].endswith("; frame-ancestors *")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_templates_have_no_inline_code_or_styles(template):
    html = template.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PACTLOG_DATA_DIR": str(tmp_path / "data"),
        "PACTLOG_PUBLISH_DIR": str(tmp_path / "public"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "PACTLOG_HTTPS": "true",
        "SECRET_KEY": "x7" * 30 + "-Qz_9" * 4,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "registry.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://registry.example.org",
        "PACTLOG_TRUSTED_PROXIES": "127.0.0.1,::1",
        "PACTLOG_ORGANISERS_EMAIL": "secretariat@registry.example.org",
    }
    done = subprocess.run(
        [sys.executable, "-m", "pactlog", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout
