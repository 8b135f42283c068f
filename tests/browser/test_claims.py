"""Claim pages and the "check a number" box in Chromium, in both languages, axe-core clean.

A server of its own: both real snapshots, then the ten published 2018 claims.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import helpers
from tests.realdata import CLAIMS_2018

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def claims_site() -> Iterator[str]:
    data_dir = Path(tempfile.mkdtemp(prefix="pactlog-claims-browser-"))
    env = helpers.prepare_database(data_dir)
    subprocess.run(
        [*helpers.PACTLOG, "claims", "add", "--agreement", "paris-call",
         "--json", str(CLAIMS_2018)],
        env=env, cwd=helpers.ROOT, check=True, capture_output=True,
    )  # fmt: skip
    with helpers.serving(env, data_dir) as base:
        yield base


visit, clean = helpers.visit, helpers.assert_clean


@pytest.mark.parametrize("lang, inconsistent", [("en", "Inconsistent"), ("fr", "Incompatible")])
def test_claims_list_and_a_claim_page(claims_site, page, screenshots, lang, inconsistent):
    visit(page, f"{claims_site}/{lang}/paris-call/claims/")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(10)
    expect(page.locator(".verdict.inconsistent")).to_have_count(1)  # the launch on the 13th
    expect(page.locator(".verdict.inconsistent")).to_contain_text(inconsistent)
    clean(page)
    page.locator("tbody a", has_text="more than 450").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("#claim-chart svg").first).to_be_visible()  # drawn by Observable Plot
    expect(page.locator(".verdict.undetermined").first).to_be_visible()
    page.screenshot(path=screenshots / f"claim-{lang}.png", full_page=True)
    clean(page)
    supporters = page.locator("a", has_text="2018").filter(has_text="3")
    expect(supporters.last).to_have_attribute(
        "href", f"/{lang}/paris-call/supporters/?as_of=2018-12-03"
    )


@pytest.mark.parametrize("lang, word", [("en", "Consistent"), ("fr", "Compatible")])
def test_the_check_box_on_the_home_page(claims_site, page, screenshots, lang, word):
    visit(page, f"{claims_site}/{lang}/paris-call/?as_of=2020-12-31")
    page.locator("#id_op").select_option(">=")
    page.locator("#id_value").fill("1000")
    page.locator("#id_quantity").select_option("total")
    page.locator("#id_as_of").fill("2020-12-31")
    page.locator(".check-box button").click()
    page.wait_for_load_state("networkidle")
    expect(page).to_have_url(
        f"{claims_site}/{lang}/paris-call/claims/check/?op=%3E%3D&value=1000&quantity=total&as_of=2020-12-31"
    )
    expect(page.locator("#answer-title + p .verdict")).to_contain_text(word)
    expect(page.locator("#claim-chart svg").first).to_be_visible()
    page.screenshot(path=screenshots / f"check-{lang}.png", full_page=True)
    clean(page)
    # A mistake is a field error on the same form, not a 500.
    page.locator("#id_value").fill("-4")
    page.locator(".check-box button").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(".errorlist")).to_be_visible()
    expect(page.locator("#id_value")).to_have_value("-4")  # what was typed is kept
    assert page.console_errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
