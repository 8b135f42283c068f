"""`pactlog tlog ...`: verify a published log; make a key pair.

    pactlog tlog verify DIR_OR_URL --key VKEY [--policy FILE] [--since OLD] [--origin ORIGIN]
    pactlog tlog keygen NAME

Exit status of verify: 0 everything agrees, 1 something does not (the message
says what), 2 the command could not run (bad arguments, bad key, missing
directory, unreachable server). Runs without Django or any settings.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from pactlog.tlog.audit import audit_log
from pactlog.tlog.errors import FetchError, InvalidKeyError, VerificationError
from pactlog.tlog.note import Signer, Verifier
from pactlog.tlog.policy import (
    Policy,
    PolicyError,
    WitnessedCheckpoint,
    pin_witnessed,
    read_policy_file,
)
from pactlog.tlog.remote import DEADLINE, open_source

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors by exception instead of exiting."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: {message}")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="pactlog tlog",
        description="Tools for pactlog's transparency log (C2SP tlog-tiles).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    verify = sub.add_parser(
        "verify",
        help="verify a published log against its public key",
        description=(
            "Open the log's checkpoint with the key, recompute its root from the hash "
            "tiles and from every entry, and compare every published tile. Exit 0 only "
            "if everything agrees."
        ),
    )
    verify.add_argument("source", metavar="DIR_OR_URL", help="log directory or http(s) URL")
    verify.add_argument(
        "--key",
        metavar="VKEY",
        help="the log's verifier key name+keyid+base64 (default: the policy's log)",
    )
    verify.add_argument(
        "--policy",
        metavar="FILE",
        help="a tlog-policy file: the checkpoint must be cosigned by witnesses meeting its quorum",
    )
    verify.add_argument(
        "--since",
        metavar="OLD_CHECKPOINT_FILE",
        help="an older signed checkpoint the current one must be consistent with",
    )
    verify.add_argument("--origin", help="the log's expected origin line (default: the key's name)")
    verify.add_argument("--timeout", type=float, default=30.0, help="HTTP timeout in seconds")
    verify.add_argument(
        "--deadline",
        type=float,
        default=DEADLINE,
        help=f"give up after this many seconds in all (default: {DEADLINE:g})",
    )
    verify.add_argument(
        "--jobs", type=int, default=8, metavar="N", help="parallel fetches (default: 8)"
    )
    verify.add_argument("-q", "--quiet", action="store_true", help="print only failures")
    keygen = sub.add_parser(
        "keygen",
        help="make an Ed25519 signer key and print it with its verifier key",
        description="Print a new signer key (keep it secret) and its verifier key.",
    )
    keygen.add_argument("name", help="key name, normally the log's origin")
    return parser


def read_policy(path: str | None) -> Policy | None:
    """The --policy file, parsed; a usage error when unreadable or malformed."""
    if path is None:
        return None
    try:
        return read_policy_file(path)
    except PolicyError as exc:
        raise _UsageError(f"bad --policy: {exc}") from None


def _log_key(key: str | None, policy: Policy | None) -> Verifier:
    if key is None and policy is not None and len(policy.logs) == 1:
        return policy.logs[0].verifier
    if key is None:
        raise _UsageError(
            "the following arguments are required: --key (or a --policy with one log)"
        )
    try:
        return Verifier(key)
    except InvalidKeyError as exc:
        raise _UsageError(f"bad --key: {exc}") from None


def describe_cosigners(witnessed: WitnessedCheckpoint) -> str:
    """One line naming who cosigned, and when (UTC)."""
    parts = [
        f"{name} at {dt.datetime.fromtimestamp(c.timestamp, dt.timezone.utc):%Y-%m-%d %H:%M:%SZ}"
        for name, c in sorted(witnessed.cosignatures.items())
    ]
    return "cosigned by " + (", ".join(parts) or "no witness") + ": the policy's quorum is met"


def _verify(args: argparse.Namespace) -> int:
    policy = read_policy(args.policy)
    verifier = _log_key(args.key, policy)
    since = None
    if args.since is not None:
        try:
            since = Path(args.since).read_bytes()
        except OSError as exc:
            raise _UsageError(f"cannot read --since {args.since}: {exc.strerror or exc}") from None
    witnessed = None
    try:
        fetch = open_source(args.source, args.timeout, args.deadline)
        if policy is not None:
            fetch, witnessed = pin_witnessed(fetch, policy)
        result = audit_log(fetch, verifier, origin=args.origin, since=since, jobs=args.jobs)
    except FetchError as exc:
        raise _UsageError(f"cannot read the log: {exc}") from None
    except VerificationError as exc:
        print(f"FAILED: {args.source}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if not args.quiet:
        cp = result.checkpoint
        root64 = base64.b64encode(cp.root).decode()
        print(f"OK: {cp.origin} size {cp.size} root {root64}")
        print(
            f"  checkpoint signed by {verifier.name}+{verifier.key_id:08x}; "
            f"{result.tiles_checked} hash tiles and {result.entries_checked} entries recomputed"
        )
        if result.since is not None:
            print(f"  consistent with the older checkpoint of size {result.since.size}")
        if witnessed is not None:
            print(f"  {describe_cosigners(witnessed)}")
    return EXIT_OK


def _keygen(args: argparse.Namespace) -> int:
    try:
        signer = Signer.generate(args.name)
    except InvalidKeyError as exc:
        raise _UsageError(str(exc)) from None
    print(signer.signer_key)
    print(signer.verifier_key)
    return EXIT_OK


def main(args: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    try:
        try:
            ns = parser.parse_args(list(sys.argv[1:] if args is None else args))
        except SystemExit as exc:  # --help
            return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_USAGE
        if ns.command == "verify":
            return _verify(ns)
        if ns.command == "keygen":
            return _keygen(ns)
        parser.print_usage(sys.stderr)
        return EXIT_USAGE
    except _UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
