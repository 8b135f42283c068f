"""Canonical JSON (docs/spec.md §3): the registry's name for `pactlog.verifier.canonical`."""

from pactlog.verifier.canonical import canonical_json

__all__ = ["canonical_json"]
