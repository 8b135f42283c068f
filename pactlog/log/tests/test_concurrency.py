"""Several writers on one PostgreSQL: the database sequences the log, integrations take turns
on the state row, and no entry is missed or written twice."""

from __future__ import annotations

import os

import pytest
from django.db import connection, connections

from pactlog.log.audit import audit
from pactlog.log.integrate import integrate, stored_size
from pactlog.registry import services
from pactlog.registry.models import Event


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_and_integrators_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("row locks between connections need PostgreSQL (SQLite has one writer)")
    services.save_agreement("pact", title_en="P")
    connections.close_all()
    children = []
    for n in range(4):  # separate processes, as gunicorn workers or servers would be
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                for step in range(15):
                    spec = services.ActorSpec(
                        kind="organisation", name=f"W{n} {step}", category="civil-society"
                    )
                    services.create_actors([spec])  # on_commit: integrate in this process
                code = 0
            finally:
                os._exit(code)
        children.append(pid)
    for pid in children:
        assert os.waitpid(pid, 0)[1] == 0
    assert integrate() == 0  # the writers' own integrations left nothing behind
    assert stored_size() == Event.objects.count() == 1 + 4 * 15
    assert audit() == []
