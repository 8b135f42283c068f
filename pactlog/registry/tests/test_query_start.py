"""The command line's questions start with fewer apps and a read-only connection
(pactlog.querysettings), and answer exactly as with every app installed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import cast

import pytest
from dj_database_url import DBConfig
from django.db import connection, connections
from django.db.utils import DatabaseError

from pactlog.__main__ import QUERY_COMMANDS, settings_module
from pactlog.querysettings import read_only

QUESTIONS = [
    ["counts", "--agreement", "example-call", "--json"],
    ["counts", "--agreement", "example-call", "--as-of", "2019-06-30"],
    ["supporters", "--agreement", "example-call", "--json", "--category", "state"],
    ["changes", "--agreement", "example-call", "--from", "2018-11-01", "--to", "2026-01-01"],
    ["coverage", "--agreement", "example-call", "--group", "g7", "--json"],
    ["counts", "--agreement", "nope"],
    ["supporters", "--agreement", "example-call", "--as-of", "2019-02-30"],
]
# What a question must not load: the apps it does not read, and what they import.
NOT_FOR_QUESTIONS = (
    *("django.contrib.admin", "pactlog.log", "pactlog.claims", "pactlog.site"),
    *("pactlog.joining.models", "pactlog.api", "cryptography", "ninja"),
)


def environment(data_dir: Path, **extra: str) -> dict[str, str]:
    """A throw-away SQLite registry of its own: never the developer's database or cache."""
    drop = ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    return {**env, "PACTLOG_DATA_DIR": str(data_dir), "SECRET_KEY": "query-start", **extra}


def pactlog(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pactlog", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("query-start")
    env = environment(folder, PACTLOG_NEW_DATABASE="1")
    for args in (["migrate", "-v0"], ["demo-setup", "--url", "http://127.0.0.1/"]):
        result = pactlog(args, env)
        assert result.returncode == 0, result.stderr
    return folder


def test_only_questions_with_pactlogs_own_settings_get_the_light_start(monkeypatch):
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
    assert settings_module(["pactlog", "counts"]) == "pactlog.querysettings"
    assert settings_module(["pactlog", "import-csv"]) == "pactlog.settings"
    assert settings_module(["pactlog"]) == "pactlog.settings"
    assert settings_module(["pactlog", "counts", "--settings", "pactlog.settings"]) == (
        "pactlog.settings"
    )
    assert settings_module(["pactlog", "coverage", "--settings=mine"]) == "mine"
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "pactlog.settings")
    assert settings_module(["pactlog", "supporters"]) == "pactlog.querysettings"
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "elsewhere.settings")
    assert {settings_module(["pactlog", c]) for c in QUERY_COMMANDS} == {"elsewhere.settings"}


@pytest.mark.parametrize("args", QUESTIONS, ids=lambda args: " ".join(args[:1] + args[3:]))
def test_a_question_answers_as_with_every_app(demo_dir, args):
    env = environment(demo_dir)
    light = pactlog(args, env)
    full = pactlog([*args, "--settings", "pactlog.settings"], env)
    assert (light.returncode, light.stdout, light.stderr) == (
        full.returncode,
        full.stdout,
        full.stderr,
    )
    assert "Traceback" not in light.stderr
    if "--json" in args:
        assert json.loads(light.stdout)


def test_the_light_start_is_for_exactly_the_query_commands():
    """Every command built on QueryCommand (read-only, no system checks) and nothing else."""
    from django.core.management import get_commands, load_command_class

    from pactlog.registry.cli import QueryCommand

    questions = {
        name
        for name, app in get_commands().items()
        if isinstance(load_command_class(app, name), QueryCommand)
    }
    assert questions == QUERY_COMMANDS


def test_settings_given_on_the_command_line_are_used(demo_dir):
    result = pactlog(
        ["counts", "--agreement", "example-call", "--settings", "no.such"],
        env=environment(demo_dir),
    )
    assert result.returncode == 2
    assert "cannot load the settings 'no.such'" in result.stderr
    assert "Traceback" not in result.stderr


LOADED = """
import json, sys
from pactlog.__main__ import main
main(sys.argv[1:])
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def loaded_modules(args: list[str], env: dict[str, str]) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", LOADED, "pactlog", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stderr.strip().splitlines()[-1])


def test_a_question_loads_only_what_it_reads(demo_dir):
    env = environment(demo_dir)
    question = ["counts", "--agreement", "example-call", "--json"]
    light = loaded_modules(question, env)
    assert "pactlog.registry.queries" in light
    assert [m for m in light if m.startswith(NOT_FOR_QUESTIONS)] == []
    # The same question with every app does load them: the list above can fail.
    full = loaded_modules([*question, "--settings", "pactlog.settings"], env)
    assert "django.contrib.admin" in full and "pactlog.claims.engine" in full


def test_the_questions_connection_refuses_writes(db):
    """The apps that react to changes (log, published files, verdicts) are not installed for
    questions, so a write there would skip them: the database must refuse it."""
    default = connections["default"]
    opened = read_only(cast(DBConfig, default.settings_dict))
    wrapper = type(default)(dict(opened), alias="read-only-check")
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM registry_agreement")
            assert cursor.fetchone() == (0,)
        with pytest.raises(DatabaseError), wrapper.cursor() as cursor:
            cursor.execute("CREATE TABLE query_start_probe (n integer)")
    finally:
        wrapper.close()
    assert "query_start_probe" not in connection.introspection.table_names()


def test_read_only_keeps_the_options_it_is_given():
    sqlite: DBConfig = {
        "ENGINE": "django.db.backends.sqlite3",
        "OPTIONS": {"init_command": "PRAGMA a=1;"},
    }
    assert read_only(sqlite)["OPTIONS"]["init_command"] == "PRAGMA a=1; PRAGMA query_only=ON;"
    postgres: DBConfig = {
        "ENGINE": "django.db.backends.postgresql",
        "OPTIONS": {"options": "-c x=1"},
    }
    assert read_only(postgres)["OPTIONS"] == {
        "options": "-c x=1 -c default_transaction_read_only=on"
    }
    assert postgres["OPTIONS"] == {"options": "-c x=1"}
