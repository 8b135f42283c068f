"""Freshness: wherever a count or list is shown as of a day after the last reading of an
imported source, the page, the embed, the API, counters.json and the command line say so;
never before that day, and never for an agreement managed in pactlog itself."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from pactlog.importing.run import import_jekyll
from pactlog.registry.dates import Interval
from pactlog.site.tests import factories

pytestmark = pytest.mark.django_db

READ_ON = dt.date(2020, 6, 30)
EN = "The list was last read from pariscall.international on 30 June 2020"
FR = "La liste a été lue pour la dernière fois sur pariscall.international le 30 juin 2020"


@pytest.fixture
def imported(tmp_path: Path) -> str:
    folder = tmp_path / "_supporters"
    folder.mkdir()
    for slug, name in (("acme", "Acme"), ("bolt", "Bolt Networks")):
        (folder / f"{slug}-civil-society-FRA.md").write_text(
            f'---\nname: "{name}"\ncategory: civil-society\nnationality: FRA\n---\n'
        )
    import_jekyll(folder, "paris-call", READ_ON)
    return "paris-call"


@pytest.fixture
def managed() -> str:
    agreement = factories.agreement("managed-call")
    factories.endorse(agreement, factories.organisations(["Here Org"]), Interval.day(READ_ON))
    return agreement.slug


PAGES = ["/{lang}/{slug}/?as_of={day}", "/{lang}/{slug}/supporters/?as_of={day}",
         "/{lang}/{slug}/embed/counters?as_of={day}", "/{lang}/{slug}/changes/?to={day}"]  # fmt: skip


def page(client, template: str, slug: str, day: dt.date, lang: str = "en") -> str:
    response = client.get(template.format(lang=lang, slug=slug, day=day))
    assert response.status_code == 200, response.content[:300]
    return response.content.decode()


@pytest.mark.parametrize("template", PAGES)
def test_the_notice_shows_after_the_last_reading_and_not_before(client, imported, template):
    later = READ_ON + dt.timedelta(days=1)
    assert EN in page(client, template, imported, later)
    assert FR in page(client, template, imported, later, "fr")
    for day in (READ_ON, READ_ON - dt.timedelta(days=30)):
        html = page(client, template, imported, day)
        assert "provenance-notice" not in html and EN not in html


@pytest.mark.parametrize("template", PAGES)
def test_a_managed_agreement_shows_no_notice(client, managed, template):
    html = page(client, template, managed, dt.date(2021, 1, 1))
    assert "provenance-notice" not in html


def test_the_growth_chart_gets_the_day_of_the_last_reading(client, imported, managed):
    html = page(client, PAGES[0], imported, dt.date(2021, 1, 1))
    assert '"date": "2020-06-30"' in html.split('id="growth-observed"')[1].split("</script>")[0]
    html = page(client, PAGES[0], managed, dt.date(2021, 1, 1))
    assert '"date": null' in html.split('id="growth-observed"')[1].split("</script>")[0]


SOURCE = {
    "name": "pariscall-site", "kind": "folder", "label": "pariscall.international", "path": "",
    "first_observed": "2020-06-30", "last_observed": "2020-06-30",
}  # fmt: skip


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/agreements/{slug}/counts?as_of=2021-01-01",
        "/api/v1/agreements/{slug}/supporters?as_of=2021-01-01",
        "/{slug}/counters.json?as_of=2021-01-01",
    ],
)
def test_the_api_and_counters_carry_observed_until_and_the_sources(client, imported, managed, url):
    answer = client.get(url.format(slug=imported)).json()
    assert answer["observed_until"] == "2020-06-30"
    assert answer["sources"] == [SOURCE]
    answer = client.get(url.format(slug=managed)).json()
    assert answer["observed_until"] is None
    assert [s["kind"] for s in answer["sources"]] == ["managed"]


def test_the_command_line_says_it_too(imported):
    out = StringIO()
    call_command("counts", "--agreement", imported, "--as-of", "2021-01-01", "--json", stdout=out)
    assert json.loads(out.getvalue())["observed_until"] == "2020-06-30"
    out = StringIO()
    call_command("counts", "--agreement", imported, "--as-of", "2021-01-01", stdout=out)
    assert EN in out.getvalue()
    out = StringIO()
    call_command("counts", "--agreement", imported, "--as-of", "2020-06-30", stdout=out)
    assert EN not in out.getvalue()


def test_a_later_reading_moves_the_day_and_an_earlier_one_never_does(client, imported, tmp_path):
    from pactlog.registry.models import Agreement
    from pactlog.registry.provenance import provenance

    agreement = Agreement.objects.get(slug=imported)
    assert provenance(agreement).observed_until == READ_ON
    folder = tmp_path / "later"
    folder.mkdir()
    (folder / "acme-civil-society-FRA.md").write_text(
        '---\nname: "Acme"\ncategory: civil-society\nnationality: FRA\n---\n'
    )
    import_jekyll(folder, imported, dt.date(2020, 9, 1), dry_run=True)
    assert provenance(agreement).observed_until == READ_ON  # a dry run records nothing
    import_jekyll(folder, imported, dt.date(2020, 9, 1))
    found = provenance(agreement)
    assert found.observed_until == dt.date(2020, 9, 1)
    assert found.sources[0].first_observed == READ_ON


def test_the_exports_carry_it(client, imported, managed):
    body = b"".join(
        client.get(f"/exports/{imported}/supporters.json?as_of=2021-01-01").streaming_content
    )
    answer = json.loads(body)
    assert (answer["observed_until"], answer["sources"]) == ("2020-06-30", [SOURCE])
    assert answer["count"] == 2
    package = client.get(f"/exports/{imported}/datapackage.json").json()
    assert (package["observed_until"], package["observed_sources"]) == ("2020-06-30", [SOURCE])
    csv = client.get(f"/exports/{imported}/supporters.csv?as_of=2021-01-01")
    assert csv["Observed-Until"] == "2020-06-30"
    assert not client.get(f"/exports/{managed}/supporters.csv").has_header("Observed-Until")
    package = client.get(f"/exports/{managed}/datapackage.json").json()
    assert package["observed_until"] is None


def test_reading_the_same_list_again_later_moves_the_notice_without_an_event(
    client, imported, tmp_path
):
    """The daily sync that finds nothing new records no public change, yet the pages (cached
    by version, and revalidated by ETag) must say the list was read on the new day."""
    from pactlog.registry.caching import registry_version
    from pactlog.registry.services import event_count

    day = dt.date(2020, 9, 30)
    url = f"/en/{imported}/?as_of={day}"
    first = client.get(url)
    assert EN in first.content.decode()
    events, version = event_count(), registry_version()
    import_jekyll(tmp_path / "_supporters", "paris-call", READ_ON + dt.timedelta(days=30))
    assert event_count() == events  # nothing public changed
    assert registry_version() > version
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert "pariscall.international on 30 July 2020" in again.content.decode()
    versions = registry_version()
    import_jekyll(tmp_path / "_supporters", "paris-call", READ_ON + dt.timedelta(days=30))
    assert registry_version() == versions  # the same reading again changes nothing at all
