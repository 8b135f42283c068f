"""Receipts: one log entry with its inclusion proof and the signed checkpoint it verifies
against, in the C2SP tlog-proof format, checked offline by `pactlog-verify proof FILE --key`.

    c2sp.org/tlog-proof@v1
    extra <base64 of a JSON object: the entry, and SHA-256 digests of each part>
    index <N>
    <base64 proof hash, one a line>

    <the checkpoint, verbatim, with its signatures>

The entry travels in the `extra` line, as the format allows for "additional data necessary to
reconstruct the record hash". Nothing in it is trusted: the verdict rests on the checkpoint's
signature and on the entry's inclusion proof. The digests only let a refusal say *which* part
changed since the receipt was made (the entry, the proof, the checkpoint or its signature).
"""

from __future__ import annotations

import argparse
import base64
import binascii
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from pactlog.tlog.checkpoint import Checkpoint, open_checkpoint
from pactlog.tlog.errors import InvalidKeyError, NoteError, ProofError
from pactlog.tlog.hashing import leaf_hash
from pactlog.tlog.note import Verifier
from pactlog.tlog.proofs import verify_inclusion
from pactlog.verifier import untrusted
from pactlog.verifier.changes import describe
from pactlog.verifier.entries import EntryError, parse_entry
from pactlog.verifier.phrases import DEFAULT, LANGUAGES, say
from pactlog.verifier.replay import PublicState

HEADER = "c2sp.org/tlog-proof@v1"
EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class ReceiptError(ValueError):
    """A receipt refused; the message names the part that is wrong."""


@dataclass(frozen=True)
class Receipt:
    index: int
    entry: bytes
    proof: list[bytes]
    checkpoint: str
    digests: dict[str, str]
    context: dict[str, Any]


def _sha(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def _split_note(note: str) -> tuple[str, str]:
    text, sep, signatures = note.rpartition("\n\n")
    return (text + "\n", signatures) if sep else (note, "")


def make_receipt(
    index: int,
    entry: bytes,
    proof: Sequence[bytes],
    checkpoint: str,
    context: dict[str, Any] | None = None,
) -> str:
    """The tlog-proof text for `entry` (index `index`) with `proof` against `checkpoint`.

    `context` (agreement, actor names) is shown with the entry; it is not needed to verify."""
    text, signatures = _split_note(checkpoint)
    extra = {
        "entry": entry.decode("utf-8"),
        "context": context or {},
        "sha256": {
            "entry": _sha(entry),
            "proof": _sha(b"".join(proof)),
            "checkpoint": _sha(text),
            "signatures": _sha(signatures),
        },
    }
    blob = json.dumps(extra, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    lines = [HEADER, "extra " + base64.b64encode(blob.encode()).decode(), f"index {index}"]
    lines += [base64.b64encode(h).decode() for h in proof]
    return "\n".join(lines) + "\n\n" + checkpoint


def parse_receipt(text: str) -> Receipt:
    head, sep, checkpoint = text.partition("\n\n")
    if not sep:
        raise ReceiptError("proof: no blank line before the checkpoint")
    lines = head.split("\n")
    if lines[0] != HEADER:
        raise ReceiptError(f"proof: the first line is not {HEADER}")
    if len(lines) < 3 or not lines[1].startswith("extra "):
        raise ReceiptError("entry: no extra line carrying the entry")
    try:
        extra = untrusted.loads(base64.b64decode(lines[1][6:], validate=True))
        entry = str(extra["entry"]).encode("utf-8")
        digests = {k: str(v) for k, v in dict(extra["sha256"]).items()}
        context = extra.get("context") or {}
        if not isinstance(context, dict):
            raise TypeError("context is not an object")
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise ReceiptError(f"entry: the extra line does not decode ({exc})") from None
    index_line = lines[2]
    if not index_line.startswith("index ") or not _decimal(index_line[6:]):
        raise ReceiptError(f"proof: malformed index line {index_line!r}")
    proof = []
    for line in lines[3:]:
        try:
            proof.append(base64.b64decode(line, validate=True))
        except (ValueError, binascii.Error):
            raise ReceiptError(f"proof: {line!r} is not base64") from None
    return Receipt(int(index_line[6:]), entry, proof, checkpoint, digests, context)


def _decimal(text: str) -> bool:
    return text.isdigit() and text.isascii() and (text == "0" or not text.startswith("0"))


def _changed(receipt: Receipt) -> str:
    """Which part no longer matches the digest recorded when the receipt was made."""
    text, signatures = _split_note(receipt.checkpoint)
    parts = {
        "entry": _sha(receipt.entry),
        "proof": _sha(b"".join(receipt.proof)),
        "checkpoint": _sha(text),
        "signature": _sha(signatures),
    }
    recorded = {**receipt.digests, "signature": receipt.digests.get("signatures", "")}
    changed = [name for name, digest in parts.items() if recorded.get(name) != digest]
    return " and ".join(changed)


def verify_receipt(text: str, verifier: Verifier) -> tuple[Receipt, Checkpoint]:
    """Check a receipt offline; ReceiptError names the part that fails."""
    receipt = parse_receipt(text)
    try:
        cp = open_checkpoint(receipt.checkpoint, verifier)
    except NoteError as exc:
        which = _changed(receipt) or "checkpoint or signature"
        if which not in ("checkpoint", "signature"):
            which = "checkpoint or signature"
        raise ReceiptError(
            f"{which}: the checkpoint does not verify with the key ({exc})"
        ) from None
    try:
        verify_inclusion(leaf_hash(receipt.entry), receipt.index, cp.size, receipt.proof, cp.root)
    except ProofError as exc:
        which = _changed(receipt)
        which = which if which in ("entry", "proof") else "entry or proof"
        raise ReceiptError(
            f"{which}: entry {receipt.index} is not included in the signed tree of size "
            f"{cp.size} ({exc})"
        ) from None
    if _changed(receipt):
        raise ReceiptError(
            f"{_changed(receipt)}: altered after the receipt was made "
            "(the digests in its extra line disagree)"
        )
    try:
        parse_entry(receipt.entry, receipt.index)
    except EntryError as exc:
        raise ReceiptError(f"entry: {exc}") from None
    return receipt, cp


def entry_in_words(receipt: Receipt, lang: str = DEFAULT) -> str:
    """The entry in words. Names come from the receipt's context, which no signature covers;
    the ids they stand for (actor, agreement) are in the signed entry and are printed too."""
    kind, payload, recorded_at = parse_entry(receipt.entry, receipt.index)
    state = PublicState()
    actor, agreement = str(payload.get("actor", "")), str(payload.get("agreement", ""))
    if isinstance(receipt.context.get("actor"), dict):
        state.actors[actor] = {**receipt.context["actor"], "id": actor}
    if isinstance(receipt.context.get("agreement"), dict):
        state.agreements[agreement] = {**receipt.context["agreement"], "slug": agreement}
    change = describe(state, kind, payload, receipt.index, recorded_at)
    if change is None:
        return f"{kind} {json.dumps(payload, ensure_ascii=False, sort_keys=True)}"
    return say(
        lang,
        "receipt_entry",
        text=change.say(lang),
        recorded_at=recorded_at,
        actor=actor,
        agreement=agreement,
    )


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise ReceiptError(f"usage: {self.prog}: {message}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _Parser(prog="pactlog-verify proof", description="Check a receipt offline.")
    parser.add_argument("file", metavar="FILE", help="a .tlog-proof file")
    parser.add_argument("--key", required=True, metavar="VKEY", help="the log's verifier key")
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=DEFAULT, help="the language of the entry in words"
    )
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
        verifier = Verifier(args.key)
        text = Path(args.file).read_text(encoding="utf-8")
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_USAGE
    except (InvalidKeyError, OSError, UnicodeDecodeError, ReceiptError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        receipt, cp = verify_receipt(text, verifier)
    except ReceiptError as exc:
        print(f"REFUSED: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    print(say(args.lang, "receipt_ok", index=receipt.index, origin=cp.origin, size=cp.size))
    print(f"  {entry_in_words(receipt, args.lang)}")
    return EXIT_OK
