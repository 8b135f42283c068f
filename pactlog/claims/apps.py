from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import AppConfig

if TYPE_CHECKING:
    from pactlog.registry.replay import PublicState


def refresh_verdicts(**kwargs: Any) -> None:
    """`registry_changed` receiver; imports the engine only when a change happens, so that
    commands that only read (and every process start) do not pay for it."""
    from pactlog.claims.verdicts import on_registry_changed

    on_registry_changed(**kwargs)


def claims_state(state: PublicState) -> None:
    """The claims' rows as `registry.replay.current_state` compares them with the events."""
    from pactlog.claims.models import Claim

    for claim in Claim.objects.select_related("agreement"):
        state.claims[claim.public_id] = claim.public_state()


class ClaimsConfig(AppConfig):
    name = "pactlog.claims"
    verbose_name = "Claims"

    def ready(self) -> None:
        from pactlog.registry.replay import register_table_state
        from pactlog.registry.signals import registry_changed

        registry_changed.connect(refresh_verdicts, dispatch_uid="claims-verdicts")
        register_table_state("claims", claims_state)
