"""The `pactlog-verify` wheel under CPython 3.9, the oldest Python it declares (Debian
bullseye's interpreter, verifier/python39.py): ruff's py39 target and vermin only read the
code; this runs it, and every module imports there. test_wheel.py runs what every
interpreter must do under each (only cryptography installed, the Tessera log, a live instance
over the real Paris Call data, a receipt offline, monitors matching the watch feeds)."""

from __future__ import annotations

import pytest

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
