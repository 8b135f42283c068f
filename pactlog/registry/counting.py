"""The counting core's application name: its code is `pactlog.verifier.counting` (pure Python,
so the stand-alone verifier recomputes claims' verdicts with the very same steps)."""

from pactlog.verifier.counting import IN, OUT, UNSURE, bounds, changes, endorsement_changes, status

__all__ = ["IN", "OUT", "UNSURE", "bounds", "changes", "endorsement_changes", "status"]
