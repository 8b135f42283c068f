"""The world map in a real browser: coloured states, legend, both languages, axe-core clean."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pycountry
import pytest

from tests.browser.helpers import ROOT, axe_violations

pytestmark = pytest.mark.browser

ATLAS = ROOT / "node_modules" / "world-atlas" / "countries-110m.json"
AS_OF = "2020-12-31"
STATES_IN_FORCE = 79  # states endorsing the Paris Call as of 2020-12-31 (the real snapshot)


@cache
def atlas_shapes() -> list[dict[str, Any]]:
    """The shapes the map draws: every country of the atlas except Antarctica (010)."""
    topology = json.loads(ATLAS.read_text(encoding="utf-8"))
    return [g for g in topology["objects"]["countries"]["geometries"] if g.get("id") != "010"]


def atlas_ids() -> frozenset[str]:
    return frozenset(g["id"] for g in atlas_shapes() if g.get("id"))


def drawable(codes: list[str]) -> int:
    """How many of these states have a shape at the atlas's scale (small states have none)."""
    numeric_by_code = {c.alpha_3: c.numeric for c in pycountry.countries}
    numeric = {numeric_by_code[code] for code in codes}
    return len(numeric & atlas_ids())


def open_map(page: Any, url: str) -> Any:
    page.failed_urls = []
    page.on("response", lambda r: page.failed_urls.append(r.url) if r.status >= 400 else None)
    page.goto(url)
    page.wait_for_selector("figure.world-map.drawn svg path.state")
    return page.locator("figure.world-map").first


def script_errors(page: Any) -> list[str]:
    """Console errors, less the browser's own favicon request (no page asks for one)."""
    failed = [url for url in page.failed_urls if not url.endswith("/favicon.ico")]
    assert failed == []
    return [e for e in page.console_errors if not e.startswith("Failed to load resource")]


def table_codes(figure: Any, status: str) -> list[str]:
    rows = figure.locator(f'.world-map-table tr[data-status="{status}"]')
    return [rows.nth(i).get_attribute("data-code") for i in range(rows.count())]


@pytest.mark.parametrize(("lang", "legend"), [("en", "Endorsed (79)"), ("fr", "Soutien (79)")])
def test_map_colours_every_endorsing_state_it_can_draw(live_site, page, lang, legend):
    figure = open_map(page, f"{live_site}/{lang}/paris-call/coverage/?as_of={AS_OF}")
    endorsed = table_codes(figure, "endorsed")
    assert len(endorsed) == STATES_IN_FORCE
    coloured = figure.locator("svg path.state.endorsed")
    assert coloured.count() == drawable(endorsed) > 60
    assert figure.locator("svg path.state.uncertain").count() == 0
    assert figure.locator("svg path.state.absent").count() == len(atlas_shapes()) - drawable(
        endorsed
    )
    legend_list = figure.locator(".world-map-legend")
    assert legend_list.is_visible()
    assert legend in legend_list.inner_text()
    assert page.locator("html").get_attribute("lang") == lang
    assert script_errors(page) == []
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    ("lang", "member_label"), [("en", "Member of Five Eyes"), ("fr", "Membre : Five Eyes")]
)
def test_chosen_group_is_highlighted(live_site, page, screenshots, lang, member_label):
    figure = open_map(page, f"{live_site}/{lang}/paris-call/coverage/five-eyes/?as_of={AS_OF}")
    figure.screenshot(path=str(screenshots / f"map-five-eyes-{lang}.png"))
    assert figure.locator("svg.with-group").count() == 1
    members = figure.locator("svg path.state.member")
    assert members.count() == 5
    assert figure.locator("svg path.state.member.absent").count() == 1  # the United States
    assert figure.locator("svg path.state.member.endorsed").count() == 4
    assert member_label in figure.locator(".world-map-legend").inner_text()
    assert script_errors(page) == []
    assert axe_violations(page) == []


def test_without_javascript_the_table_stands_alone(browser, live_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_site}/en/paris-call/coverage/eu/?as_of={AS_OF}")
        figure = page.locator("figure.world-map").first
        assert figure.locator("svg").count() == 0
        assert not figure.locator(".world-map-legend").is_visible()
        assert (
            figure.locator('.world-map-table tr[data-status="endorsed"]').count() == STATES_IN_FORCE
        )
    finally:
        context.close()


def test_map_on_the_agreement_home_page(live_site, page):
    figure = open_map(page, f"{live_site}/fr/paris-call/?as_of={AS_OF}")
    endorsed = table_codes(figure, "endorsed")
    assert figure.locator("svg path.state.endorsed").count() == drawable(endorsed)
    assert "Soutien (79)" in figure.locator(".world-map-legend").inner_text()
    assert script_errors(page) == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_group_page_is_accessible(live_site, page, lang):
    response = page.goto(f"{live_site}/{lang}/groups/eu/?as_of={AS_OF}")
    assert response.status == 200
    assert page.locator("#members-caption").is_visible()
    assert axe_violations(page) == []
