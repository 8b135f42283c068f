"""The data dir never depends on the current directory and is not made by importing the
settings; a new database is announced; a value that is not understood stops the start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def clean_env(**extra: str) -> dict[str, str]:
    drop = ("PACTLOG_DATA_DIR", "DATABASE_URL", "PACTLOG_NEW_DATABASE", "DJANGO_SETTINGS_MODULE")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(extra)
    return env


def test_data_dir_is_the_checkouts_var_wherever_a_command_starts(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", "from pactlog import settings; print(settings.DATA_DIR)"],
        cwd=tmp_path,
        env=clean_env(SECRET_KEY="test-only", STATIC_ROOT=str(tmp_path / "static")),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()) == ROOT / "var"


def test_a_command_that_creates_a_database_says_so(tmp_path):
    command = [sys.executable, "-m", "pactlog", "showmigrations", "registry"]
    first = subprocess.run(
        command,
        cwd=tmp_path,
        env=clean_env(PACTLOG_DATA_DIR=str(tmp_path / "data")),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "created a new, empty database at" in first.stderr
    assert str(tmp_path / "data" / "pactlog.sqlite3") in first.stderr
    again = subprocess.run(
        command,
        cwd=tmp_path,
        env=clean_env(PACTLOG_DATA_DIR=str(tmp_path / "data")),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "new, empty database" not in again.stderr
    demo = subprocess.run(
        command,
        cwd=tmp_path,
        env=clean_env(PACTLOG_DATA_DIR=str(tmp_path / "demo"), PACTLOG_NEW_DATABASE="1"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "new, empty database" not in demo.stderr


LOGS = """
import logging
import django
django.setup()
logging.getLogger("django.request").warning("a warning from django.request")
logging.getLogger("django.request").error("an error from django.request")
logging.getLogger("pactlog").warning("a warning from pactlog")
"""


def test_log_level_quiets_djangos_own_loggers_too(tmp_path):
    """Django's loggers log at INFO and propagate to the root's handler: the level must hold
    at the handler, or LOG_LEVEL=ERROR still prints every 404 warning."""

    def stderr(level: str) -> str:
        env = clean_env(
            PACTLOG_DATA_DIR=str(tmp_path), SECRET_KEY="test-only", LOG_LEVEL=level, DEBUG="0"
        )
        env["DJANGO_SETTINGS_MODULE"] = "pactlog.settings"
        done = subprocess.run(
            [sys.executable, "-c", LOGS], env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return done.stderr

    quiet = stderr("ERROR")
    assert "an error from django.request" in quiet
    assert "warning" not in quiet
    loud = stderr("WARNING")
    assert "a warning from django.request" in loud and "a warning from pactlog" in loud


@pytest.mark.parametrize(
    ("variable", "value", "needle"),
    [
        ("LOG_LEVEL", "loud", "LOG_LEVEL must be one of DEBUG, INFO"),
        ("DB_CONN_MAX_AGE", "forever", "DB_CONN_MAX_AGE must be a whole number, not 'forever'"),
        ("DEBUG", "ture", "DEBUG must be one of 1, true, yes, on, 0, false, no, off, not 'ture'"),
        ("PACTLOG_JOIN_LIMITS", "of", "PACTLOG_JOIN_LIMITS must be one of"),
        ("PACTLOG_HTTPS", "yes please", "PACTLOG_HTTPS must be one of"),
        ("API_RATE_LIMIT", "-1", "API_RATE_LIMIT must be at least 0, not -1"),
        ("PACTLOG_BASE_URL", "registry.example.org", "PACTLOG_BASE_URL must be a URL starting"),
        ("EMAIL_URL", "smpt://mail.example.org", "EMAIL_URL must be a URL starting smtp"),
        ("DATABASE_URL", "postgress://db/pactlog", "DATABASE_URL must be a URL starting sqlite"),
    ],
)
def test_a_malformed_variable_is_named_in_one_line(tmp_path, variable, value, needle):
    env = clean_env(PACTLOG_DATA_DIR=str(tmp_path), SECRET_KEY="test-only", **{variable: value})
    done = subprocess.run(
        [sys.executable, "-m", "pactlog", "counts", "--agreement", "x"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert needle in done.stderr
    assert "Traceback" not in done.stderr


IMPORT_SETTINGS = """
import sys
import pactlog.settings
print(sorted(m for m in sys.modules if m.startswith(("pactlog.web", "pactlog.joining"))))
"""


def python_output(code: str, env: dict[str, str]) -> str:
    """What `python -c code` prints, run with `env` (and a clean exit)."""
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_importing_the_settings_makes_no_folder_and_no_app_import(tmp_path):
    data_dir = tmp_path / "data"
    env = clean_env(PACTLOG_DATA_DIR=str(data_dir), SECRET_KEY="test-only")
    env.pop("STATIC_ROOT", None)
    assert python_output(IMPORT_SETTINGS, env) == "[]"
    assert not data_dir.exists()


def test_a_first_command_makes_the_data_dir_it_needs(tmp_path):
    data_dir = tmp_path / "new" / "data"
    done = subprocess.run(
        [sys.executable, "-m", "pactlog", "migrate", "--noinput", "-v0"],
        env=clean_env(PACTLOG_DATA_DIR=str(data_dir), SECRET_KEY="test-only"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (data_dir / "pactlog.sqlite3").is_file()
    assert not (data_dir / "static").exists()


SIGN_ONCE = """
import os, sys, django
django.setup()
key = os.path.join(os.environ["PACTLOG_DATA_DIR"], "secret_key")
before = os.path.exists(key)
from django.core import signing
assert signing.loads(signing.dumps("x")) == "x"
print(before, oct(os.stat(key).st_mode & 0o777))
"""


def test_the_stored_secret_key_is_made_when_first_used(tmp_path):
    data_dir = tmp_path / "data"
    env = clean_env(PACTLOG_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="pactlog.settings")
    env.pop("SECRET_KEY", None)
    assert python_output(SIGN_ONCE, env).split() == ["False", "0o600"]
