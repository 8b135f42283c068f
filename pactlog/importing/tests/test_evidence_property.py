"""Property: any sequence of snapshots, each imported twice, changes nothing the second time
and never lowers a count (nor drops a listed supporter) at a date a snapshot was taken."""

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactlog.importing.run import import_jekyll
from pactlog.registry import services
from pactlog.registry.dates import in_force_q
from pactlog.registry.models import Endorsement, SourceKey

NAMES = ["Alpha Systems", "Beta Networks", "Gamma Labs", "Delta Trust"]

entry = st.tuples(
    st.sampled_from(range(len(NAMES))),
    st.booleans(),  # listed under its renamed file name
    st.none() | st.dates(dt.date(2018, 6, 1), dt.date(2021, 6, 1)),  # date_signed
)
snapshots = st.lists(
    st.tuples(st.dates(dt.date(2019, 1, 1), dt.date(2021, 1, 1)), st.lists(entry, max_size=4)),
    min_size=1,
    max_size=4,
    unique_by=lambda s: s[0],
).map(lambda items: sorted(items, key=lambda s: s[0]))


def key_of(index: int, renamed: bool) -> str:
    slug = NAMES[index].split()[0].lower()
    return f"{slug}{'_co' if renamed else ''}-private-sector-FRA"


def write(folder: Path, entries) -> list[str]:
    folder.mkdir()
    keys: dict[int, str] = {}
    for index, renamed, signed in entries:
        key = key_of(index, renamed)
        extra = f"date_signed: {signed}\n" if signed else ""
        keys.setdefault(index, key)  # one file per supporter in a snapshot
        if keys[index] != key:
            continue
        (folder / f"{key}.md").write_text(
            f'---\nname: "{NAMES[index]}"\ncategory: private-sector\nnationality: FRA\n{extra}---\n'
        )
    return sorted(keys.values())


def in_force(day: dt.date) -> int:
    return Endorsement.objects.filter(in_force_q(day)).count()


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sequence=snapshots)
def test_repeats_change_nothing_and_observations_hold(sequence):
    with tempfile.TemporaryDirectory() as tmp, transaction.atomic():
        counts: dict[dt.date, int] = {}
        listed: dict[dt.date, list[str]] = {}
        for n, (day, entries) in enumerate(sequence):
            folder = Path(tmp) / str(n)
            listed[day] = write(folder, entries)
            # An empty snapshot here is a list that really was empty (hence allow_empty).
            import_jekyll(folder, "test-call", day, allow_empty=True)
            events = services.event_count()
            again = import_jekyll(folder, "test-call", day, allow_empty=True)
            assert again.changes == 0, again.as_json()
            assert services.event_count() == events
            for seen, keys in listed.items():
                for key in keys:
                    actor = SourceKey.objects.get(source="pariscall-site", key=key).actor
                    assert actor.endorsements.filter(in_force_q(seen)).exists(), (key, seen)
                now = in_force(seen)
                assert now >= counts.get(seen, 0), (seen, now, counts)
                counts[seen] = now
        transaction.set_rollback(True)
