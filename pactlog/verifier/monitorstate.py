"""The monitor's state directory: what it verified last, written only after a whole run.

    state.json                 checkpoint, size, compact range, registry file, heartbeat time,
                               disabled webhooks
    registry-<size>.json       the replayed public registry at that size (the fold's state)
    sent.log                   "sink<TAB>message id" per delivery since the last commit

`state.json` is replaced atomically and durably after every new entry was processed and every
message delivered; a crash before that repeats the run (the journal keeps a rerun from sending
a message twice), after it nothing is left to do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pactlog.verifier import compact
from pactlog.verifier.durable import append_line, write_atomic
from pactlog.verifier.replay import PublicState

STATE, JOURNAL = "state.json", "sent.log"


class StateError(Exception):
    """A state directory that cannot be read (the message says which file)."""


@dataclass
class MonitorState:
    checkpoint: str = ""
    size: int = 0
    peaks: compact.Peaks = field(default_factory=list)
    registry_file: str = ""
    last_message: str = ""
    disabled_webhooks: dict[str, str] = field(default_factory=dict)


def _state_to_json(registry: PublicState) -> dict[str, Any]:
    return {
        "agreements": registry.agreements,
        "actors": registry.actors,
        "endorsements": [[list(k), v] for k, v in registry.endorsements.items()],
        "claims": registry.claims,
    }


def _state_from_json(data: dict[str, Any]) -> PublicState:
    return PublicState(
        agreements=data["agreements"],
        actors=data["actors"],
        endorsements={(k[0], k[1], int(k[2])): v for k, v in data["endorsements"]},
        claims=data["claims"],
    )


class StateDir:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> MonitorState | None:
        file = self.path / STATE
        if not file.exists():
            return None
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            return MonitorState(
                checkpoint=str(data["checkpoint"]),
                size=int(data["size"]),
                peaks=compact.from_json(data["peaks"]),
                registry_file=str(data["registry_file"]),
                last_message=str(data.get("last_message", "")),
                disabled_webhooks=dict(data.get("disabled_webhooks", {})),
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StateError(f"cannot read {file}: {exc}") from None

    def load_registry(self, state: MonitorState | None) -> PublicState:
        if state is None or not state.registry_file:
            return PublicState()
        file = self.path / state.registry_file
        try:
            return _state_from_json(json.loads(file.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
            raise StateError(f"cannot read {file}: {exc}") from None

    def sent(self) -> set[str]:
        file = self.path / JOURNAL
        if not file.exists():
            return set()
        return set(file.read_text(encoding="utf-8").splitlines())

    def record_sent(self, sink: str, msg_id: str) -> None:
        append_line(self.path / JOURNAL, f"{sink}\t{msg_id}")

    def commit(self, state: MonitorState, registry: PublicState | None) -> None:
        """Write the registry (when it changed), then state.json; then drop what is stale."""
        self.path.mkdir(parents=True, exist_ok=True)
        if registry is not None:
            state.registry_file = f"registry-{state.size}.json"
            data = json.dumps(_state_to_json(registry), ensure_ascii=False, sort_keys=True)
            write_atomic(self.path / state.registry_file, data.encode("utf-8"))
        document = {
            "checkpoint": state.checkpoint,
            "size": state.size,
            "peaks": compact.to_json(state.peaks),
            "registry_file": state.registry_file,
            "last_message": state.last_message,
            "disabled_webhooks": state.disabled_webhooks,
        }
        write_atomic(self.path / STATE, (json.dumps(document, indent=1) + "\n").encode("utf-8"))
        for old in self.path.glob("registry-*.json"):
            if old.name != state.registry_file:
                old.unlink()
        (self.path / JOURNAL).unlink(missing_ok=True)
