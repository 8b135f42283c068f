"""Build the `pactlog-verify` wheel (and sdist) from this checkout with `python -m build`.

    python verifier/build_wheel.py [--outdir dist]

The distribution holds `pactlog/__init__.py`, `pactlog/tlog/` and `pactlog/verifier/`, the
very files the application imports (no second copy), staged in a temporary folder with
`verifier/pyproject.toml` and `verifier/README.md`; tests are left out. It prints the wheel's
path and SHA-256.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("tlog", "verifier")
DATA = ("countries_*.json",)
"""Data files shipped beside the modules (glob patterns; also in pyproject's package-data)."""


def stage(target: Path) -> None:
    """Copy the distribution's files into `target`."""
    shutil.copy(ROOT / "verifier" / "pyproject.toml", target / "pyproject.toml")
    shutil.copy(ROOT / "verifier" / "README.md", target / "README.md")
    (target / "pactlog").mkdir()
    shutil.copy(ROOT / "pactlog" / "__init__.py", target / "pactlog" / "__init__.py")
    for package in PACKAGES:
        source, dest = ROOT / "pactlog" / package, target / "pactlog" / package
        dest.mkdir()
        for file in sorted(source.iterdir()):
            if file.suffix == ".py" or any(fnmatch.fnmatch(file.name, p) for p in DATA):
                shutil.copy(file, dest / file.name)


def build(outdir: Path, isolation: bool = True) -> Path:
    """Build into `outdir`; the wheel's path."""
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pactlog-verify-") as tmp:
        staged = Path(tmp)
        stage(staged)
        command = [sys.executable, "-m", "build", "--outdir", str(outdir), str(staged)]
        if not isolation:
            command.insert(3, "--no-isolation")
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    from pactlog import __version__

    return outdir / f"pactlog_verify-{__version__}-py3-none-any.whl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outdir", default=str(ROOT / "dist"), help="default: dist/")
    parser.add_argument(
        "--no-isolation", action="store_true", help="use this environment's setuptools"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    wheel = build(Path(args.outdir), isolation=not args.no_isolation)
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    print(f"{wheel}\nsha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
