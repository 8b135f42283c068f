"""`pactlog tlog verify`: a FileLog verifies from its directory and over HTTP; failures are reported."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pactlog import tlog
from pactlog.tlog.cli import main
from pactlog.tlog.tests.vectors import TESSERA_LOG, TESSERA_VKEY

ORIGIN = "example.org/pactlog-cli"


@pytest.fixture(scope="module")
def signer() -> tlog.Signer:
    return tlog.Signer.generate(ORIGIN)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory, signer: tlog.Signer) -> Path:
    """A FileLog of 1,300 entries appended in batches; checkpoint.old kept aside."""
    root = tmp_path_factory.mktemp("log")
    log = tlog.FileLog(root / "log", ORIGIN, signer=signer)
    log.append_many(b"entry %d" % i for i in range(700))
    (root / "checkpoint.old").write_text((root / "log" / "checkpoint").read_text())
    for start in range(700, 1300, 200):
        log.append_many(b"entry %d" % i for i in range(start, start + 200))
    return root


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_verifies_a_file_log(
    published: Path, signer: tlog.Signer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["verify", str(published / "log"), "--key", signer.verifier_key], capsys)
    assert (code, err) == (0, "")
    assert f"OK: {ORIGIN} size 1300" in out
    # 1300 = 5 * 256 + 20: level 0 has 5 full tiles and one of width 20, level 1 one of width 5
    assert "7 hash tiles and 1300 entries" in out


def test_verifies_consistency_with_an_older_checkpoint(
    published: Path, signer: tlog.Signer, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["verify", str(published / "log"), "--key", signer.verifier_key]
    code, out, _ = run([*args, "--since", str(published / "checkpoint.old")], capsys)
    assert code == 0
    assert "consistent with the older checkpoint of size 700" in out


def test_verifies_the_tessera_log(capsys: pytest.CaptureFixture[str]) -> None:
    since = str(TESSERA_LOG / "checkpoint.7")
    code, out, _ = run(
        ["verify", str(TESSERA_LOG), "--key", TESSERA_VKEY, "--since", since], capsys
    )
    assert code == 0
    assert "size 15" in out and "older checkpoint of size 7" in out


@pytest.fixture
def tampered(published: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "log"
    subprocess.run(["cp", "-r", str(published / "log"), str(copy)], check=True)
    return copy


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("tile/entries/001", "tile/0/001 disagrees"),
        ("tile/0/002", "tile/0/002 disagrees|root from the hash tiles"),
        ("tile/0/005.p/20", "root from the hash tiles"),
        ("tile/1/000.p/5", "root from the hash tiles"),
        ("checkpoint", "checkpoint does not verify"),
    ],
)
def test_reports_what_disagrees(
    tampered: Path,
    signer: tlog.Signer,
    damage: str,
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tampered / damage
    data = bytearray(target.read_bytes())
    data[40] ^= 0x01
    target.write_bytes(bytes(data))
    code, out, err = run(["verify", str(tampered), "--key", signer.verifier_key], capsys)
    assert code == 1
    assert out == ""
    assert re.search(message, err), err
    assert "Traceback" not in err


def test_reports_a_missing_file(
    tampered: Path, signer: tlog.Signer, capsys: pytest.CaptureFixture[str]
) -> None:
    (tampered / "tile/entries/002").unlink()
    code, _, err = run(["verify", str(tampered), "--key", signer.verifier_key], capsys)
    assert code == 1 and "missing file" in err and "tile/entries/002" in err


def test_an_inconsistent_history_fails(
    published: Path, signer: tlog.Signer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fork = tlog.FileLog(tmp_path / "fork", ORIGIN, signer=signer)
    fork.append_many(b"other %d" % i for i in range(800))
    since = tmp_path / "fork" / "checkpoint"
    args = ["verify", str(published / "log"), "--key", signer.verifier_key, "--since", str(since)]
    code, _, err = run(args, capsys)
    assert code == 1 and "not consistent" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["verify", "{log}", "--key", "not-a-key"], "bad --key"),
        (["verify", "{log}/nope", "--key", "{vkey}"], "no such directory"),
        (["verify", "{log}", "--key", "{vkey}", "--since", "{log}/none"], "cannot read --since"),
        (["verify", "{log}"], "required: --key"),
        (["verify", "http://127.0.0.1:9/", "--key", "{vkey}"], "cannot connect"),
        (["verify", "ftp://example.org/", "--key", "{vkey}"], "no such directory"),
        (["frobnicate"], "invalid choice"),
        ([], "usage"),
    ],
)
def test_user_mistakes_exit_2_with_a_message(
    published: Path,
    signer: tlog.Signer,
    args: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    filled = [a.format(log=published / "log", vkey=signer.verifier_key) for a in args]
    code, _, err = run(filled, capsys)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_wrong_key_fails(published: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tlog.Signer.generate(ORIGIN)
    code, _, err = run(["verify", str(published / "log"), "--key", other.verifier_key], capsys)
    assert code == 1 and "no signature by a known key" in err


def test_help_and_keygen(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--help"], capsys)
    assert code == 0 and "verify" in out
    code, out, _ = run(["keygen", "example.org/new"], capsys)
    skey, vkey = out.split()
    assert code == 0
    assert tlog.Signer.from_key(skey).verifier_key == vkey
    code, _, err = run(["keygen", "bad name"], capsys)
    assert code == 2 and "invalid key name" in err


@pytest.fixture
def http_server(published: Path) -> Iterator[str]:
    """`python -m http.server` on a free port of 127.0.0.1, serving the published files."""
    proc = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1"],
        cwd=published,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.search(r"port (\d+)", line)
        assert match, f"unexpected http.server banner: {line!r}"
        yield f"http://127.0.0.1:{match[1]}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()


def test_verifies_over_http(
    http_server: str, published: Path, signer: tlog.Signer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"{http_server}/log/"
    since = str(published / "checkpoint.old")
    code, out, err = run(["verify", url, "--key", signer.verifier_key, "--since", since], capsys)
    assert (code, err) == (0, "")
    assert "size 1300" in out and "size 700" in out
    code, _, err = run(["verify", f"{http_server}/nope", "--key", signer.verifier_key], capsys)
    assert code == 1 and "no checkpoint" in err and "404" in err


def test_console_entry_point_runs_without_django(published: Path, signer: tlog.Signer) -> None:
    command = ["pactlog", "tlog", "verify", str(published / "log"), "--key", signer.verifier_key]
    result = subprocess.run(
        [sys.executable, "-m", *command],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "does.not.exist"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "size 1300" in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "pactlog.tlog", "verify", str(published / "log"), "--key", "x"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "bad --key" in result.stderr
