"""A CPython 3.9 for testing the stand-alone verifier on the oldest Python it supports.

    python verifier/python39.py [--cache DIR]     # prints the interpreter's path

Debian bullseye's `python3.9-minimal`, `libpython3.9-minimal`, `libpython3.9-stdlib` and the
libraries they need that this machine lacks (libssl1.1, libffi7...) are unpacked with
`dpkg-deb -x` into a cache folder (`.cache/python3.9/` by default), nothing installed
system-wide. The chain of trust is the archive's: the InRelease file must verify with the
Debian keyring (gpgv), the package index must match its SHA-256 there, and each package the
index's SHA-256. The first call downloads about 15 MB; later calls reuse the cache.
Standard library only: the tests (and `make test`) call `ensure()`.
"""

from __future__ import annotations

import argparse
import hashlib
import lzma
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "python3.9"
MIRROR = "http://deb.debian.org/debian/"
SUITE = "bullseye"
INDEX = "main/binary-amd64/Packages.xz"
WANTED = ("python3.9-minimal", "libpython3.9-minimal", "libpython3.9-stdlib")
KEYRINGS = (
    "/usr/share/keyrings/debian-archive-bullseye-stable.gpg",
    "/usr/share/keyrings/debian-archive-bullseye-automatic.gpg",
    "/usr/share/keyrings/debian-archive-bookworm-automatic.gpg",
)
LIBRARY_DIRS = ("usr/lib/x86_64-linux-gnu", "lib/x86_64-linux-gnu")
Stanza = dict[str, str]


class FetchFailed(RuntimeError):
    pass


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise FetchFailed(f"{name} is needed (dpkg on a Debian-based system; gpgv)")
    return found


def _download(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - http(s) mirror
        return bytes(response.read())


def _verified_index(work: Path) -> bytes:
    """The package index, checked against the signed InRelease file."""
    release = work / "InRelease"
    release.write_bytes(_download(f"{MIRROR}dists/{SUITE}/InRelease"))
    keyrings = [k for k in KEYRINGS if Path(k).is_file()]
    if not keyrings:
        raise FetchFailed("the Debian archive keyring (debian-archive-keyring) is needed")
    args = [arg for k in keyrings for arg in ("--keyring", k)]
    done = subprocess.run(  # noqa: S603 - fixed arguments
        [_tool("gpgv"), *args, str(release)], capture_output=True, text=True
    )
    if done.returncode != 0:
        raise FetchFailed(f"{SUITE} InRelease does not verify: {done.stderr.strip()}")
    sums = release.read_text().split("SHA256:", 1)[-1]
    match = re.search(rf"^ ([0-9a-f]{{64}})\s+\d+ {re.escape(INDEX)}$", sums, re.MULTILINE)
    if match is None:
        raise FetchFailed(f"{INDEX} not listed in the {SUITE} InRelease")
    packed = _download(f"{MIRROR}dists/{SUITE}/{INDEX}")
    if hashlib.sha256(packed).hexdigest() != match.group(1):
        raise FetchFailed(f"{INDEX}: SHA-256 differs from InRelease's")
    return lzma.decompress(packed)


def _stanzas(index: bytes) -> Iterator[Stanza]:
    for block in index.decode("utf-8").split("\n\n"):
        fields: Stanza = {}
        name = ""
        for line in block.splitlines():
            if line.startswith((" ", "\t")) and name:
                fields[name] += "\n" + line.strip()
            elif ":" in line:
                name, _, value = line.partition(":")
                fields[name] = value.strip()
        if "Package" in fields:
            yield fields


def _installed() -> set[str]:
    """Packages this machine has (a newer release of the same library is compatible)."""
    done = subprocess.run(  # noqa: S603 - fixed arguments
        [_tool("dpkg-query"), "-W", "-f", "${Package} ${db:Status-Status}\n"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    names = set()
    for line in done.stdout.splitlines():
        name, _, status = line.partition(" ")
        if status == "installed":
            names.add(name.split(":")[0])
    return names


def _needed(index: dict[str, Stanza], installed: set[str]) -> list[Stanza]:
    """WANTED and, recursively, what they depend on that is not installed here (the first
    alternative the index has, unless another one is installed)."""
    chosen: dict[str, Stanza] = {}
    todo = list(WANTED)
    while todo:
        name = todo.pop()
        if name in chosen or name in installed:
            continue
        if name not in index:
            raise FetchFailed(f"{name}: not in the {SUITE} index")
        chosen[name] = index[name]
        fields = (index[name].get(f) for f in ("Pre-Depends", "Depends"))
        relations = ", ".join(filter(None, fields))
        for relation in filter(None, (r.strip() for r in relations.split(","))):
            options = [re.split(r"[\s(:]", o.strip(), maxsplit=1)[0] for o in relation.split("|")]
            if not any(o in installed for o in options):
                known = [o for o in options if o in index]
                if known:
                    todo.append(known[0])
    return sorted(chosen.values(), key=lambda s: s["Package"])


def _unpack(stanza: Stanza, into: Path, work: Path) -> None:
    data = _download(MIRROR + stanza["Filename"])
    if hashlib.sha256(data).hexdigest() != stanza["SHA256"]:
        raise FetchFailed(f"{stanza['Filename']}: SHA-256 differs from the index's")
    deb = work / Path(stanza["Filename"]).name
    deb.write_bytes(data)
    subprocess.run([_tool("dpkg-deb"), "-x", str(deb), str(into)], check=True)  # noqa: S603


def environment(cache: Path = CACHE) -> dict[str, str]:
    """The environment to run the cached interpreter in: its libraries come first."""
    root = cache / "root"
    paths = [str(root / d) for d in LIBRARY_DIRS]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["LD_LIBRARY_PATH"] = os.pathsep.join([*paths, os.environ.get("LD_LIBRARY_PATH", "")])
    return env


def ensure(cache: Path = CACHE) -> Path:
    """The path of a working python3.9, fetched into `cache` on the first call."""
    python = cache / "root" / "usr" / "bin" / "python3.9"
    if (cache / "complete").is_file() and python.is_file():
        return python
    for tool in ("dpkg-deb", "dpkg-query", "gpgv"):
        _tool(tool)
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="python39-") as tmp:
        work = Path(tmp)
        index = {s["Package"]: s for s in _stanzas(_verified_index(work))}
        packages = _needed(index, _installed())
        for stanza in packages:
            _unpack(stanza, cache / "root", work)
    listed = "".join(f"{s['Package']} {s['Version']}\n" for s in packages)
    done = subprocess.run(  # noqa: S603 - the interpreter just unpacked
        [str(python), "-c", "import ssl, ctypes, decimal, sqlite3, sys; print(sys.version)"],
        env=environment(cache), capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode != 0:
        raise FetchFailed(f"the unpacked python3.9 does not run: {done.stderr.strip()}")
    (cache / "complete").write_text(listed)
    return python


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=CACHE, help="where to unpack")
    args = parser.parse_args()
    try:
        print(ensure(args.cache))
    except (FetchFailed, OSError, subprocess.CalledProcessError) as exc:
        sys.exit(f"error: {exc}")


if __name__ == "__main__":
    main()
