"""pactlog's transparency log: RFC 6962 Merkle trees, C2SP checkpoints and tiles.

A self-contained package (no Django) that interoperates with Certificate
Transparency style logs, Go's sumdb/note and tlog packages, and Tessera:

    from pactlog import tlog

    signer = tlog.Signer.generate("example.org/pactlog")
    log = tlog.FileLog("/srv/log", "example.org/pactlog", signer=signer)
    indexes = log.append_many([b"entry one", b"entry two"])   # one checkpoint
    proof = log.inclusion_proof(indexes[0], log.size)
    tlog.verify_inclusion(tlog.leaf_hash(b"entry one"), indexes[0], log.size, proof, log.root())

Witnesses cosign checkpoints (tlog-witness, tlog-cosignature) and a policy
(tlog-policy) says whose cosignatures a verifier demands.

Outside auditors verify a published log with `pactlog tlog verify DIR_OR_URL --key VKEY`.
See docs/log.md for the formats.
"""

from pactlog.tlog.audit import AuditResult, audit_log
from pactlog.tlog.checkpoint import Checkpoint, open_checkpoint
from pactlog.tlog.cosignature import (
    Cosignature,
    CosignatureVerifier,
    Cosigner,
    MLDSA44Verifier,
    cosigner_verifier,
)
from pactlog.tlog.errors import (
    EntryTooLargeError,
    FetchError,
    InvalidKeyError,
    LogError,
    NoteError,
    NotFoundError,
    ProofError,
    TileError,
    TlogError,
    VerificationError,
)
from pactlog.tlog.filelog import FileLog, FileTileStore
from pactlog.tlog.hashing import (
    EMPTY_ROOT,
    HASH_SIZE,
    leaf_hash,
    leaf_hashes,
    node_hash,
    root_from_leaf_hashes,
)
from pactlog.tlog.memory import MemoryLog
from pactlog.tlog.note import (
    InvalidSignatureError,
    Note,
    Signer,
    UnverifiedNoteError,
    Verifier,
    open_note,
    sign_note,
)
from pactlog.tlog.policy import (
    Policy,
    PolicyError,
    QuorumError,
    WitnessedCheckpoint,
    open_cosigned,
    open_witnessed,
    parse_policy,
)
from pactlog.tlog.proofs import (
    root_from_inclusion_proof,
    verify_consistency,
    verify_inclusion,
)
from pactlog.tlog.remote import directory_fetcher, http_fetcher, open_source
from pactlog.tlog.storage import Log, MemoryTileStore, TileStore
from pactlog.tlog.tiled import TiledLog
from pactlog.tlog.tiles import (
    MAX_ENTRY_SIZE,
    Tile,
    TileHashReader,
    decode_bundle,
    encode_bundle,
    entries_path,
    parse_tile_path,
    tile_path,
)
from pactlog.tlog.witness import (
    AddCheckpoint,
    LogState,
    WitnessProtocolError,
    decide,
    parse_add_checkpoint,
)

__all__ = [
    "EMPTY_ROOT",
    "HASH_SIZE",
    "MAX_ENTRY_SIZE",
    "AddCheckpoint",
    "AuditResult",
    "Checkpoint",
    "Cosignature",
    "CosignatureVerifier",
    "Cosigner",
    "EntryTooLargeError",
    "FetchError",
    "FileLog",
    "FileTileStore",
    "InvalidKeyError",
    "InvalidSignatureError",
    "Log",
    "LogError",
    "LogState",
    "MLDSA44Verifier",
    "MemoryLog",
    "MemoryTileStore",
    "NotFoundError",
    "Note",
    "NoteError",
    "Policy",
    "PolicyError",
    "ProofError",
    "QuorumError",
    "Signer",
    "Tile",
    "TileError",
    "TileHashReader",
    "TileStore",
    "TiledLog",
    "TlogError",
    "UnverifiedNoteError",
    "VerificationError",
    "Verifier",
    "WitnessProtocolError",
    "WitnessedCheckpoint",
    "audit_log",
    "cosigner_verifier",
    "decide",
    "decode_bundle",
    "directory_fetcher",
    "encode_bundle",
    "entries_path",
    "http_fetcher",
    "leaf_hash",
    "leaf_hashes",
    "node_hash",
    "open_checkpoint",
    "open_cosigned",
    "open_note",
    "open_source",
    "open_witnessed",
    "parse_add_checkpoint",
    "parse_policy",
    "parse_tile_path",
    "root_from_inclusion_proof",
    "root_from_leaf_hashes",
    "sign_note",
    "tile_path",
    "verify_consistency",
    "verify_inclusion",
]
