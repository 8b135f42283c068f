"""The public site in Debian's Chromium, over the real Paris Call snapshots (the issue's "Done when")."""

from __future__ import annotations

import functools
import http.server
import re
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import helpers

pytestmark = pytest.mark.browser

AS_OF = "as_of=2020-12-31"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


visit = helpers.visit


def test_search_finds_microsoft_as_you_type(live_site, page):
    visit(page, f"{live_site}/en/paris-call/supporters/?{AS_OF}")
    expect(page.locator("#result-count")).to_contain_text("1,170 supporters")
    page.locator("#q").press_sequentially("microsoft", delay=20)
    expect(page.locator("#result-count")).to_contain_text("1 supporter in force")
    expect(page.locator("#results bdi", has_text="Microsoft")).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=microsoft"))
    assert page.console_errors == []


def test_category_state_shows_79_named_in_each_language(live_site, page):
    visit(page, f"{live_site}/en/paris-call/supporters/?category=state&order=-name&{AS_OF}")
    expect(page.locator("#result-count")).to_contain_text("79 supporters")
    expect(page.locator("#results bdi", has_text="United Kingdom")).to_be_visible()
    visit(page, f"{live_site}/fr/paris-call/supporters/?category=state&order=-name&{AS_OF}")
    expect(page.locator("#result-count")).to_contain_text("79 soutiens")
    expect(page.locator("#results bdi", has_text="Royaume-Uni")).to_be_visible()
    assert page.console_errors == []


def test_as_of_end_of_2019_shows_1076(live_site, page):
    visit(page, f"{live_site}/en/paris-call/?as_of=2019-12-31")
    expect(page.locator(".counter.total .n")).to_have_text("1,076")
    visit(page, f"{live_site}/en/paris-call/supporters/?as_of=2019-12-31")
    expect(page.locator("#result-count")).to_contain_text("1,076 supporters")
    assert page.console_errors == []


def test_language_switch_keeps_the_filters(live_site, page):
    visit(page, f"{live_site}/en/paris-call/supporters/?category=state&order=-name&{AS_OF}")
    page.locator("#q").press_sequentially("united", delay=20)
    expect(page).to_have_url(re.compile(r"q=united"))
    french = page.get_by_role("link", name="Français")
    expect(french).to_have_attribute("href", re.compile(r"q=united"))
    french.click()
    page.wait_for_load_state("networkidle")
    expect(page).to_have_url(re.compile(r"/fr/paris-call/supporters/\?.*category=state"))
    expect(page).to_have_url(re.compile(r"q=united"))
    expect(page.locator("#q")).to_have_value("united")
    expect(page.locator("#results bdi", has_text="Royaume-Uni")).to_be_visible()
    assert page.console_errors == []


@pytest.fixture(scope="module")
def other_origin(live_site: str) -> Iterator[str]:
    """A second web server, on another port (another origin), whose page frames the embed."""
    folder = Path(tempfile.mkdtemp(prefix="pactlog-embed-host-"))
    (folder / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Host</title></head>'
        f'<body><h1>Another site</h1><iframe title="Paris Call counters" width="600" height="320" '
        f'src="{live_site}/en/paris-call/embed/counters?{AS_OF}"></iframe></body></html>'
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", helpers.free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_embed_renders_inside_an_iframe_of_another_origin(
    live_site, other_origin, page, screenshots
):
    visit(page, f"{other_origin}/index.html")
    frame = page.frame_locator("iframe")
    expect(frame.locator(".counter.total .n")).to_have_text("1,170")
    expect(frame.locator(".counter.state .n")).to_have_text("79")
    page.screenshot(path=screenshots / "embed-in-other-origin.png", full_page=True)
    assert page.console_errors == []


PAGES = {
    "home": f"/en/paris-call/?{AS_OF}",
    "home-fr": f"/fr/paris-call/?{AS_OF}",
    "list": f"/en/paris-call/supporters/?category=state&{AS_OF}",
    "supporter": "/en/paris-call/supporters/microsoft/",
    "changes": "/en/paris-call/changes/?from=2019-12-31&to=2020-12-31",
    "embed": f"/en/paris-call/embed/counters?{AS_OF}",
    "principles": "/fr/paris-call/principles/",
}


@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible_and_clean_at_desktop_and_phone_widths(
    live_site, page, screenshots, name
):
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        visit(page, live_site + PAGES[name])
        page.screenshot(path=screenshots / f"{name}-{width}.png", full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {width} width"
    violations = helpers.axe_violations(page)
    assert violations == [], [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations
    ]
    assert page.console_errors == []


def test_growth_chart_draws_with_javascript(live_site, page):
    visit(page, f"{live_site}/en/paris-call/?{AS_OF}")
    expect(page.locator("#growth-chart svg").first).to_be_visible()
    assert page.console_errors == []
