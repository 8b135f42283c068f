"""The `pactlog-verify` wheel under CPython 3.9, the oldest Python it declares (Debian
bullseye's interpreter, verifier/python39.py): ruff's py39 target and vermin only read the
code; this runs it. Every module imports there, and the verifier checks a live instance over
the real Paris Call data, a receipt offline, and monitors that instance; test_wheel.py runs
what both interpreters must do (only cryptography installed, the Tessera log) under each."""

from __future__ import annotations

import pytest

from pactlog.log import keys

pytestmark = pytest.mark.slow


def test_the_interpreter_is_python_3_9(wheel_env39):
    version = wheel_env39.python_code("import sys; print(sys.version_info[:2])")
    assert version.stdout.strip() == "(3, 9)", version


def test_every_module_of_the_wheel_imports_under_python_3_9(wheel_env39):
    result = wheel_env39.python_code(
        "import importlib, pkgutil, pactlog\n"
        "names = [m.name for m in pkgutil.walk_packages(pactlog.__path__, 'pactlog.')]\n"
        "for name in names: name.endswith('__main__') or importlib.import_module(name)\n"
        "print(len(names))"
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 30  # tlog and verifier, tests left out of the wheel


def test_wheel_verifies_monitors_and_checks_a_receipt_under_python_3_9(
    real_site, wheel_env39, tmp_path, client
):
    key = keys.verifier_key()
    result = wheel_env39.run(real_site, "--key", key)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every count and supporter list matches the log" in result.stdout

    receipt = tmp_path / "entry.tlog-proof"
    receipt.write_bytes(client.get("/log/proof/42").content)
    result = wheel_env39.run("proof", str(receipt), "--key", key)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: entry 42 of ")

    atom = tmp_path / "fra.atom"
    result = wheel_env39.run("monitor", real_site, "--key", key, "--state", str(tmp_path / "fra"),
                             "--watch", "state:FRA@paris-call", "--from-start", "--atom",
                             str(atom), "-q")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "<entry>" in atom.read_text()
