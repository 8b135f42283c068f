"""The second round of hostile input: each refused with a clear 4xx in the answer's own format."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from pactlog.registry import services

pytestmark = pytest.mark.django_db
CHECK = "/api/v1/agreements/pact/claims/check"


@pytest.fixture
def pact(db):
    agreement, _ = services.save_agreement(
        "pact", title_en="A pact", title_fr="Un pacte", launched_on=dt.date(2018, 11, 12)
    )
    return agreement


def claim(**changes):
    return {"kind": "count", "as_of": "2020-01-01", "quantity": "total", "op": "=", "value": 1,
            **changes}  # fmt: skip


def post(client, body: bytes):
    return client.post(CHECK, data=body, content_type="application/json")


def test_a_body_too_large_for_the_api_is_a_json_413(client, pact, settings):
    body = json.dumps(claim()).encode() + b" " * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    answer = post(client, body)
    assert answer.status_code == 413
    assert answer["Content-Type"].startswith("application/json")
    assert "larger than" in answer.json()["detail"]


@pytest.mark.parametrize("changes", [{"value": True}, {"value": False},
                                     {"op": "about", "tolerance_percent": True}])  # fmt: skip
def test_booleans_are_not_numbers(client, pact, changes):
    answer = post(client, json.dumps(claim(**changes)).encode())
    assert answer.status_code == 422 and "detail" in answer.json()


def test_the_claims_window_is_the_launch_to_the_end_of_next_year(client, pact):
    last = dt.date(dt.date.today().year + 1, 12, 31)
    assert post(client, json.dumps(claim(as_of=last.isoformat())).encode()).status_code == 200
    for day in (last + dt.timedelta(days=1), dt.date(2999, 12, 31)):
        answer = post(client, json.dumps(claim(as_of=day.isoformat())).encode())
        assert answer.status_code == 422, day
        assert f"and {last}" in answer.json()["detail"]
    before = post(client, json.dumps(claim(as_of="2018-11-11")).encode())
    assert before.status_code == 422
    assert f"between 2018-11-12 and {last}" in before.json()["detail"]


@pytest.mark.parametrize(
    "path",
    ["/en/pact/changes/?from=%00", "/pact/counters.json?as_of=%00", "/en/pact/supporters/x%00y/",
     "/api/v1/agreements/pact/supporters?as_of=%00", "/api/v1/agreements/x%00y/counts"],
)  # fmt: skip
def test_no_error_answer_echoes_a_raw_nul(client, pact, path):
    answer = client.get(path)
    assert 400 <= answer.status_code < 500
    assert b"\x00" not in answer.content
