"""A user's mistake gets a 4xx with `{"detail": "<readable message>"}`, never a 500."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

BASE = "/api/v1/agreements/paris-call"


def detail_of(response) -> str:
    body = response.json()
    assert set(body) == {"detail"}
    assert isinstance(body["detail"], str) and body["detail"]
    return body["detail"]


@pytest.fixture
def agreement():
    from pactlog.registry.models import Agreement

    return Agreement.objects.create(slug="paris-call", title_en="Paris Call")


def test_unknown_agreement_is_404(client):
    response = client.get("/api/v1/agreements/nope/counts")
    assert response.status_code == 404
    assert "nope" in detail_of(response)


@pytest.mark.parametrize("bad", ["2020-13-01", "31/12/2020", "2020-02-30", "yesterday"])
def test_malformed_date_is_422(client, agreement, bad):
    response = client.get(f"{BASE}/counts", {"as_of": bad})
    assert response.status_code == 422
    assert detail_of(response).startswith("as_of: ")
    assert "YYYY-MM-DD" in detail_of(response)


def test_from_after_to_is_400(client, agreement):
    response = client.get(f"{BASE}/changes", {"from": "2021-01-01", "to": "2020-01-01"})
    assert response.status_code == 400
    assert "must not be after" in detail_of(response)


def test_missing_required_parameter_is_422_naming_it(client, agreement):
    response = client.get(f"{BASE}/changes", {"from": "2021-01-01"})
    assert response.status_code == 422
    assert detail_of(response).startswith("to:")


def test_huge_page_size_is_422(client, agreement):
    response = client.get(f"{BASE}/supporters", {"page_size": "100000"})
    assert response.status_code == 422
    assert "page_size" in detail_of(response) and "500" in detail_of(response)


def test_very_long_q_is_422(client, agreement):
    response = client.get(f"{BASE}/supporters", {"q": "x" * 5000})
    assert response.status_code == 422
    assert "q:" in detail_of(response)


def test_unknown_category_is_422(client, agreement):
    response = client.get(f"{BASE}/supporters", {"category": "aliens"})
    assert response.status_code == 422
    assert "category" in detail_of(response)


def test_unknown_country_is_422(client, agreement):
    response = client.get(f"{BASE}/supporters", {"country": "XXX"})
    assert response.status_code == 422
    assert "ISO 3166-1" in detail_of(response)


def test_unknown_group_filter_is_422(client, agreement):
    response = client.get(f"{BASE}/supporters", {"group": "g99"})
    assert response.status_code == 422
    assert "g99" in detail_of(response)


def test_page_past_the_end_is_404(client, agreement):
    response = client.get(f"{BASE}/supporters", {"page": "2"})
    assert response.status_code == 404
    assert "last page" in detail_of(response)


def test_non_integer_page_is_422(client, agreement):
    response = client.get(f"{BASE}/supporters", {"page": "two"})
    assert response.status_code == 422
    assert "page" in detail_of(response)


def test_unknown_actor_and_group_are_404(client):
    assert client.get("/api/v1/actors/nobody").status_code == 404
    response = client.get("/api/v1/groups/g99")
    assert response.status_code == 404
    assert "g99" in detail_of(response)
