"""The site's tests render French pages: compile the catalogues once per run."""

import pytest

from pactlog.site.translations import compile_all


@pytest.fixture(autouse=True, scope="session")
def compiled_translations() -> None:
    compile_all()
