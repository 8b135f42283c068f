"""The agreement's Frictionless Data Package validates, and its CSV holds every endorsement."""

from __future__ import annotations

import json

import frictionless
import pytest

from pactlog.exports.columns import HEADER
from pactlog.exports.tests.conftest import body_of
from pactlog.registry.models import Endorsement

pytestmark = pytest.mark.slow


@pytest.fixture
def package_dir(client, paris_call, tmp_path):
    """datapackage.json and the CSV beside it, downloaded as a user would."""
    descriptor = client.get("/exports/paris-call/datapackage.json")
    assert descriptor.status_code == 200
    (tmp_path / "datapackage.json").write_bytes(descriptor.content)
    table = client.get("/exports/paris-call/endorsements.csv")
    assert table.status_code == 200
    (tmp_path / "endorsements.csv").write_text(body_of(table), encoding="utf-8")
    return tmp_path


def test_data_package_validates_with_frictionless(package_dir):
    report = frictionless.validate(str(package_dir / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_table_schema_describes_every_column(package_dir):
    descriptor = json.loads((package_dir / "datapackage.json").read_text())
    (resource,) = descriptor["resources"]
    fields = resource["schema"]["fields"]
    assert [f["name"] for f in fields] == HEADER
    assert all(f["description"] and f["type"] for f in fields)
    header = (package_dir / "endorsements.csv").read_text().splitlines()[0]
    assert header.split(",") == HEADER


def test_csv_beside_it_has_every_endorsement_with_its_status(package_dir):
    package = frictionless.Package(str(package_dir / "datapackage.json"))
    rows = package.get_table_resource("endorsements").read_rows()
    assert len(rows) == Endorsement.objects.count()
    statuses = {row["status"] for row in rows}
    assert {"active", "removed"} <= statuses
    assert all(row["start_not_after"] is not None for row in rows)
