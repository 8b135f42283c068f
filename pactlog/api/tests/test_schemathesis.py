"""Property-based check of the live app against its own OpenAPI document.

Schemathesis generates requests from `/api/v1/openapi.json` and checks that none gets a server
error, a status code the document does not list, or a body or header that breaks the documented
schema; and that a request the schema allows is not rejected, except `changes` and
`log/consistency` with `from` after `to`, a 400 that a schema of independent parameters cannot
rule out.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks

from pactlog.wsgi import application

# Generating the document needs no database, so it is loaded once when tests are collected.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)

REQUIRED = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]


@pytest.fixture
def same_connection():
    """Keep the test's database connection across WSGI calls, as Django's test client does."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi(case, paris_call, same_connection):
    # `changes` with from > to, a claim to check whose fields contradict each other (a count
    # without op, a tolerance without `about`) and a consistency proof with from > to are 4xx
    # the schema cannot rule out.
    cross_field = case.operation.path.endswith(("/changes", "/claims/check", "/log/consistency"))
    extra = [] if cross_field else [checks.positive_data_acceptance]
    case.call_and_validate(checks=REQUIRED + extra)
