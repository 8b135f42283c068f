"""The built `pactlog-verify` wheel installed in a fresh virtual environment of its own."""

from __future__ import annotations

import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


class WheelEnv:
    def __init__(self, folder: Path, wheel: Path) -> None:
        self.folder, self.wheel = folder, wheel
        self.python = folder / "bin" / "python"
        self.command = folder / "bin" / "pactlog-verify"

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.command), *args], capture_output=True, text=True, timeout=timeout,
            cwd=self.folder,
        )  # fmt: skip


@pytest.fixture(scope="session")
def wheel_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WheelEnv]:
    """Build the wheel with `python -m build`, install it alone (with cryptography) in a new
    venv, outside the checkout so nothing of the application can be imported by accident."""
    sys.path.insert(0, str(ROOT / "verifier"))
    from build_wheel import build  # type: ignore[import-not-found]

    base = tmp_path_factory.mktemp("pactlog-verify")
    wheel = build(base / "dist")
    assert wheel.is_file(), wheel
    folder = base / "venv"
    venv.create(folder, with_pip=True, symlinks=True)
    subprocess.run(
        [str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    yield WheelEnv(folder, wheel)
