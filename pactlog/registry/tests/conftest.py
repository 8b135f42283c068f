import pytest

from pactlog.registry import services
from pactlog.registry.services import ActorSpec


@pytest.fixture
def agreement(db):
    agreement, _ = services.save_agreement("test-call", title_en="Test Call", title_fr="Appel test")
    return agreement


@pytest.fixture
def paris_call_free_agreement(agreement):
    """An agreement and a few organisations, with no endorsements (rows are added by tests)."""
    actors = services.create_actors(
        [
            ActorSpec(kind="organisation", name=f"Org {i}", category="civil-society")
            for i in range(3)
        ]
    )
    return agreement, actors
