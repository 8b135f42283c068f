"""The Frictionless Data Package describing an agreement's whole endorsement table.

https://specs.frictionlessdata.io/data-package/ : `datapackage.json` with one tabular resource,
`endorsements.csv` beside it, and a table schema describing every column.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from pactlog.exports.columns import COLUMNS
from pactlog.registry.caching import registry_version
from pactlog.registry.models import Agreement
from pactlog.registry.provenance import provenance

ENDORSEMENTS_CSV = "endorsements.csv"


def descriptor(agreement: Agreement) -> dict[str, Any]:
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": agreement.slug,
        "title": agreement.title("en"),
        "description": (
            f"Every endorsement of {agreement.title('en')} recorded by this registry, with "
            "interval dates: an endorsement is in force on day D when start_not_after <= D and "
            "it has not ended (end_not_before empty or after D)."
            + (" Example data, not a real agreement." if agreement.is_example else "")
        ),
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "registry_version": registry_version(),
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "endorsements",
                "path": ENDORSEMENTS_CSV,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [column.table_schema_field() for column in COLUMNS],
                    "missingValues": [""],
                },
            }
        ],
    }
    if agreement.text_url:
        package["sources"] = [{"title": agreement.title("en"), "path": agreement.text_url}]
    # Where the list was read and the last day it was: the table says nothing after that day.
    found = provenance(agreement).as_json()
    package["observed_until"] = found["observed_until"]
    package["observed_sources"] = found["sources"]  # "sources" is the Data Package's own
    return package
