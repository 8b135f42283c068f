"""OpenAPI at /api/v1/openapi.json; Swagger UI at /api/v1/docs from local files only."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_openapi_lists_every_endpoint_of_spec_section_6(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) >= {
        "/api/v1/agreements",
        "/api/v1/agreements/{slug}",
        "/api/v1/agreements/{slug}/counts",
        "/api/v1/agreements/{slug}/supporters",
        "/api/v1/agreements/{slug}/changes",
        "/api/v1/agreements/{slug}/coverage",
        "/api/v1/groups",
        "/api/v1/groups/{slug}",
        "/api/v1/actors/{id}",
        "/api/v1/log/entries/{index}",
        "/api/v1/log/consistency",
    }


def test_openapi_documents_every_status_code_an_operation_returns(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            cached = {"304"} if method == "get" else set()
            assert {"200", "400", "404", "422", "429"} | cached <= codes, path


def test_docs_load_nothing_from_another_host(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    assert all(a.startswith("/static/") for a in assets), assets
    assert "http://" not in html and "https://" not in html
    for asset in assets:
        served = client.get(asset)
        assert served.status_code == 200, asset
        body = b"".join(served.streaming_content) if served.streaming else served.content
        assert body
