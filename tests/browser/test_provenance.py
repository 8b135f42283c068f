"""The growth chart marks the last day the list was read from the Paris Call's site, and the
page says that later changes are not in the record (Debian's Chromium, real snapshots)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import helpers

pytestmark = pytest.mark.browser

MARKER = '#growth-chart [aria-label="{label}"]'


def test_the_chart_marks_the_last_reading_after_it(live_site, page):
    helpers.visit(page, f"{live_site}/en/paris-call/")
    notice = page.locator(".provenance-notice")
    expect(notice).to_contain_text("last read from pariscall.international on 31 December 2020")
    chart = page.locator("#growth-chart [data-observed-until='2020-12-31']").first
    expect(chart).to_be_visible()
    marker = page.locator(MARKER.format(label="Last read from the source"))
    expect(marker).to_have_count(1)
    expect(
        page.locator("#growth-chart svg text", has_text="Last read from the source")
    ).to_have_count(1)
    # The rule stands where the x axis puts 31 December 2020: left of the chart's last point.
    frame = marker.locator("xpath=ancestor::*[local-name()='svg'][1]").bounding_box()
    box = marker.bounding_box()
    assert box is not None and frame is not None
    assert frame["x"] < box["x"] < frame["x"] + frame["width"] * 0.5  # 2020 of 2018..today
    assert page.console_errors == []


def test_french_and_no_marker_up_to_that_day(live_site, page):
    helpers.visit(page, f"{live_site}/fr/paris-call/")
    expect(page.locator(".provenance-notice")).to_contain_text(
        "lue pour la dernière fois sur pariscall.international le 31 décembre 2020"
    )
    expect(page.locator(MARKER.format(label="Dernière lecture de la source"))).to_have_count(1)
    helpers.visit(page, f"{live_site}/en/paris-call/?as_of=2020-12-31")
    expect(page.locator("#growth-chart svg").first).to_be_visible()
    expect(page.locator(".provenance-notice")).to_have_count(0)
    expect(page.locator(MARKER.format(label="Last read from the source"))).to_have_count(0)
    assert page.console_errors == []
