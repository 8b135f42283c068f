"""The built `pactlog-verify` wheel installed in a fresh virtual environment of its own: one
with this Python, one with CPython 3.9 (the oldest the verifier supports)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "verifier"))

import python39  # type: ignore[import-not-found]  # noqa: E402
from build_wheel import build  # type: ignore[import-not-found]  # noqa: E402

LAUNCHER = """#!{python}
import sys
from importlib.metadata import entry_points

(script,) = [e for e in entry_points()["console_scripts"] if e.name == "pactlog-verify"]
sys.exit(script.load()())
"""
"""What an installer writes for the wheel's console script, found through its metadata."""


class WheelEnv:
    def __init__(self, folder: Path, wheel: Path, env: dict[str, str] | None = None) -> None:
        self.folder, self.wheel, self.env = folder, wheel, env
        self.python = folder / "bin" / "python"
        self.command = folder / "bin" / "pactlog-verify"

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.command), *args], capture_output=True, text=True, timeout=timeout,
            cwd=self.folder, env=self.env,
        )  # fmt: skip

    def python_code(self, code: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.python), "-c", code], capture_output=True, text=True, cwd=self.folder,
            env=self.env,
        )  # fmt: skip


@pytest.fixture(scope="session")
def verifier_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built with `python -m build` (verifier/build_wheel.py)."""
    wheel: Path = build(tmp_path_factory.mktemp("pactlog-verify-dist"))
    assert wheel.is_file(), wheel
    return wheel


@pytest.fixture(scope="session")
def wheel_env(tmp_path_factory: pytest.TempPathFactory, verifier_wheel: Path) -> WheelEnv:
    """The wheel installed alone (with cryptography) in a new venv, outside the checkout so
    nothing of the application can be imported by accident."""
    folder = tmp_path_factory.mktemp("pactlog-verify") / "venv"
    venv.create(folder, with_pip=True, symlinks=True)
    subprocess.run(
        [str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet", str(verifier_wheel)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return WheelEnv(folder, verifier_wheel)


@pytest.fixture(scope="session")
def wheel_env39(tmp_path_factory: pytest.TempPathFactory, verifier_wheel: Path) -> WheelEnv:
    """The wheel in a venv of CPython 3.9: Debian bullseye's, unpacked once into
    .cache/python3.9/ (verifier/python39.py). pip no longer runs on 3.9, so this Python's pip
    installs the wheel and the cryptography wheel for that exact version into the venv's
    site-packages, and the console script is written as an installer would."""
    interpreter = python39.ensure()
    env = python39.environment()
    folder = tmp_path_factory.mktemp("pactlog-verify-39") / "venv"
    subprocess.run([str(interpreter), "-m", "venv", "--without-pip", str(folder)], env=env,
                   check=True, capture_output=True)  # fmt: skip
    wheel_env = WheelEnv(folder, verifier_wheel, env)
    version = wheel_env.python_code("import platform; print(platform.python_version())")
    assert version.stdout.startswith("3.9."), version
    site_packages = folder / "lib" / "python3.9" / "site-packages"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-warn-conflicts", "--target",
         str(site_packages), "--python-version", version.stdout.strip(), "--only-binary=:all:",
         str(verifier_wheel)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    shutil.rmtree(site_packages / "bin")  # scripts for the Python that ran pip
    wheel_env.command.write_text(LAUNCHER.format(python=wheel_env.python))
    wheel_env.command.chmod(0o755)
    return wheel_env


@pytest.fixture(params=["current", "3.9"])
def each_wheel_env(request: pytest.FixtureRequest) -> WheelEnv:
    """The wheel under the Python this suite runs on, then under the oldest it declares: a
    test of what both must do is written once."""
    name = "wheel_env" if request.param == "current" else "wheel_env39"
    env: WheelEnv = request.getfixturevalue(name)
    return env


@pytest.fixture
def real_site(paris_call: object, live_server: object) -> str:
    """A live instance over the real Paris Call data, its log integrated."""
    from pactlog.log.integrate import integrate

    integrate()
    return f"{live_server.url}/"  # type: ignore[attr-defined]
