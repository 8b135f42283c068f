"""What a production deployment must state (`pactlog check --deploy`), the private data dir,
the default hosts, and the budget of expensive pages."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.cache import caches

from pactlog.web import deploychecks
from pactlog.web.private_files import secure_data_dir, secure_database

ROOT = Path(__file__).resolve().parents[3]


def ids(found) -> set[str]:
    return {m.id for m in found}


def test_several_processes_need_redis(monkeypatch, settings):
    settings.PACTLOG_TRUSTED_PROXIES = ["127.0.0.1"]
    monkeypatch.setenv("PACTLOG_PROCESSES", "1")
    assert "pactlog.E001" not in ids(deploychecks.check_processes_and_front())
    monkeypatch.setenv("PACTLOG_PROCESSES", "2")
    assert "pactlog.E001" in ids(deploychecks.check_processes_and_front())
    monkeypatch.delenv("PACTLOG_PROCESSES")
    monkeypatch.setenv("GUNICORN_CMD_ARGS", "--workers 3 --worker-class gthread")
    assert "pactlog.E001" in ids(deploychecks.check_processes_and_front())
    settings.CACHES = {**settings.CACHES, "ratelimit": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0"}}  # fmt: skip
    assert "pactlog.E001" not in ids(deploychecks.check_processes_and_front())


def test_sync_workers_facing_clients_are_refused(monkeypatch, settings):
    monkeypatch.delenv("GUNICORN_CMD_ARGS", raising=False)
    monkeypatch.delenv("PACTLOG_WORKER_CLASS", raising=False)
    settings.PACTLOG_TRUSTED_PROXIES = []
    assert "pactlog.E002" in ids(deploychecks.check_processes_and_front())
    monkeypatch.setenv("GUNICORN_CMD_ARGS", "-k gthread --threads 4")
    assert "pactlog.E002" not in ids(deploychecks.check_processes_and_front())
    monkeypatch.setenv("PACTLOG_WORKER_CLASS", "sync")
    assert "pactlog.E002" in ids(deploychecks.check_processes_and_front())
    settings.PACTLOG_TRUSTED_PROXIES = ["127.0.0.1", "::1"]  # nginx in front
    assert "pactlog.E002" not in ids(deploychecks.check_processes_and_front())


def test_hosts_must_name_the_site(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.PUBLISH_DIR = tmp_path / "public"
    settings.STATIC_ROOT = tmp_path / "static"
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
    assert ids(deploychecks.check_hosts_and_folders()) == {"pactlog.E003"}
    settings.ALLOWED_HOSTS = ["*"]
    assert ids(deploychecks.check_hosts_and_folders()) == {"pactlog.E003"}
    settings.ALLOWED_HOSTS = ["registry.example.org"]
    assert ids(deploychecks.check_hosts_and_folders()) == set()
    settings.PUBLISH_DIR = tmp_path / "data" / "public"
    assert ids(deploychecks.check_hosts_and_folders()) == {"pactlog.W004"}


def test_the_default_hosts_do_not_include_testserver(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "ALLOWED_HOSTS"}
    env["PACTLOG_DATA_DIR"] = str(tmp_path)
    code = "from django.conf import settings; print(settings.ALLOWED_HOSTS)"
    out = subprocess.run(
        [sys.executable, "-c", f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
         f"'pactlog.settings'; django.setup(); {code}"],
        env=env, cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "testserver" not in out and "127.0.0.1" in out


def test_check_deploy_fails_for_two_processes_without_redis(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "GUNICORN_CMD_ARGS")}
    env.update(PACTLOG_DATA_DIR=str(tmp_path), PACTLOG_PROCESSES="2",
               PACTLOG_TRUSTED_PROXIES="127.0.0.1", ALLOWED_HOSTS="registry.example.org")  # fmt: skip
    answer = subprocess.run(
        [sys.executable, "-m", "pactlog", "check", "--deploy", "--fail-level", "ERROR"],
        env=env, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert answer.returncode != 0
    assert "pactlog.E001" in answer.stderr + answer.stdout
    assert "REDIS_URL" in answer.stderr + answer.stdout


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_data_dir_is_private_and_its_files_0600(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    (data / "pactlog.sqlite3").write_text("")
    (data / "pactlog.sqlite3").chmod(0o644)
    (data / "secret_key").write_text("x")
    (data / "secret_key").chmod(0o644)
    secure_data_dir(data, [tmp_path / "public"])
    assert mode(data) == 0o700
    assert mode(data / "pactlog.sqlite3") == mode(data / "secret_key") == 0o600
    secure_data_dir(data, [data / "public"])  # the zero-setup layout: nginx passes through
    assert mode(data) == 0o711


def test_the_database_and_its_journal_are_0600(tmp_path):
    name = tmp_path / "db.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{name}{suffix}").write_text("")
        Path(f"{name}{suffix}").chmod(0o644)
    secure_database(str(name))
    assert {mode(Path(f"{name}{s}")) for s in ("", "-wal", "-shm")} == {0o600}


def test_eml_files_hold_live_tokens_and_are_0600(tmp_path, settings):
    settings.EMAIL_BACKEND = "pactlog.joining.emlfile.EmlFileBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    mail.send_mail("Confirm", "https://x.example/confirm/secret", "f@x.example", ["t@x.example"])
    [eml] = list((tmp_path / "mail").glob("*.eml"))
    assert mode(eml) == 0o600 and mode(tmp_path / "mail") == 0o700


@pytest.mark.django_db
def test_expensive_pages_have_a_budget_per_client(client, settings):
    from pactlog.registry import services

    services.save_agreement("pact", title_en="A pact", title_fr="Un pacte")
    settings.PAGE_BUDGET = 3
    caches["ratelimit"].clear()
    try:
        codes = [client.get("/en/pact/changes/").status_code for _ in range(5)]
        assert codes == [200, 200, 200, 429, 429]
        limited = client.get("/en/pact/changes/")
        assert int(limited["Retry-After"]) >= 1
        other = client.get("/en/pact/changes/", REMOTE_ADDR="203.0.113.9")
        assert other.status_code == 200
        assert client.get("/en/pact/").status_code == 200  # cheap pages are not counted
        french = client.get("/fr/pact/changes/")
        assert french.status_code == 429 and "Trop de demandes" in french.content.decode()
    finally:
        caches["ratelimit"].clear()
