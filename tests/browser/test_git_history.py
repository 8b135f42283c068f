"""After `pactlog import-git`, the site's growth chart and changes pages show the history
month by month, where the two folder snapshots could only say "uncertain"."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser import helpers
from tests.realdata import HISTORY

pytestmark = pytest.mark.browser

BUNDLE = HISTORY
MONTHS = ("2020-03-31", "2020-06-30", "2020-09-30")


@pytest.fixture(scope="module")
def git_site() -> Iterator[str]:
    """A server whose registry comes from the git history alone."""
    data_dir = Path(tempfile.mkdtemp(prefix="pactlog-browser-git-"))
    env = helpers.site_environment(data_dir)
    run: dict[str, Any] = {"env": env, "cwd": helpers.ROOT, "check": True, "capture_output": True}
    subprocess.run([*helpers.PACTLOG, "compiletranslations"], **run)
    subprocess.run([*helpers.PACTLOG, "migrate", "--noinput"], **run)
    subprocess.run(
        [*helpers.PACTLOG, "import-git", str(BUNDLE), "--path", "_supporters",
         "--agreement", "paris-call"],
        **run,
    )  # fmt: skip
    with helpers.serving(env, data_dir) as base:
        yield base


visit = helpers.visit


def first_commit() -> str:
    """The history's first commit on the first-parent chain: the list of 16 September 2019."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo.git"
        subprocess.run(["git", "clone", "-q", "--bare", str(BUNDLE), str(repo)], check=True)
        found = subprocess.run(
            ["git", "-C", str(repo), "rev-list", "--first-parent", "--reverse", "--branches"],
            check=True, capture_output=True, text=True,
        ).stdout.split()  # fmt: skip
    return found[0]


def growth_rows(page: Any, base: str) -> dict[str, tuple[int, int]]:
    """(in force, uncertain) per month end, read from the chart's data table as shown."""
    visit(page, f"{base}/en/paris-call/?as_of=2020-12-31")
    expect(page.locator("#growth-chart svg").first).to_be_visible()
    page.locator(".data-table summary").click()
    found = {}
    for day in MONTHS:
        cells = page.locator(".data-table tr", has=page.locator(f"th:text-is('{day}')"))
        numbers = [int(t.replace(",", "")) for t in cells.locator("td").all_inner_texts()]
        found[day] = (numbers[-2], numbers[-1])
    return found


def test_the_growth_chart_shows_2020_month_by_month(git_site, live_site, page):
    history, folders = growth_rows(page, git_site), growth_rows(page, live_site)
    totals = [history[day][0] for day in MONTHS]
    assert 1076 < totals[0] < totals[1] < totals[2] < 1170  # the 2020 newcomers, month by month
    assert all(history[day][1] < 10 for day in MONTHS)  # hardly anything left to guess
    assert all(folders[day] == (1076, 94) or folders[day][1] > 50 for day in MONTHS)
    assert page.console_errors == []


def changes_counts(page: Any, base: str, query: str) -> tuple[int, int]:
    visit(page, f"{base}/en/paris-call/changes/?{query}")
    joined = page.locator(".counter.civil-society .n").inner_text()
    uncertain = page.locator(".counter.total .n").inner_text()
    return int(joined.replace(",", "")), int(uncertain.replace(",", ""))


def test_the_changes_page_names_who_joined_in_a_half_year(git_site, live_site, page):
    quarter = "from=2020-01-01&to=2020-06-30"
    folders = changes_counts(page, live_site, quarter)
    joined, uncertain = changes_counts(page, git_site, quarter)
    expect(page.locator("#joined + p + * tbody tr").first).to_be_visible()
    # The snapshots date only those with a date_signed: the rest of 2020 is "uncertain".
    assert joined >= folders[0] and folders[1] > 20 and uncertain < folders[1] // 4
    visit(page, f"{git_site}/fr/paris-call/changes/?{quarter}")
    expect(page.locator("h1")).to_contain_text("juin 2020")
    assert page.console_errors == []


def test_france_rests_on_the_first_list_of_16_september_2019(git_site, page):
    visit(page, f"{git_site}/en/paris-call/supporters/france/")
    evidence = page.locator("#evidence")
    expect(evidence).to_contain_text(
        "in the list of 16 September 2019 read from pariscall.international"
    )
    expect(evidence.locator("[data-bound='start.not_after'] code").first).to_have_text(
        first_commit()[:12]
    )
    expect(evidence.locator("[data-bound='declared']")).to_contain_text("declares 12 November 2018")
    visit(page, f"{git_site}/fr/paris-call/supporters/france/")
    expect(page.locator("#evidence")).to_contain_text("dans la liste du 16 septembre 2019")
    assert page.console_errors == []
