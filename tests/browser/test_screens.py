"""Every kind of page in Chromium at 320, 390 and 1280 px, in English and French: nothing wider
than the screen, the coverage legend's swatches coloured, the claims' Verdict and the
supporter's proof columns on screen, axe-core clean. A screenshot of each page goes to
`test-output/screenshots/screens/` for review.

The server runs over the two real Paris Call snapshots with the ten published 2018 claims, and
one waiting request of each kind (join, correction, claim of a listing, withdrawal) so the
moderation pages have something to show."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import helpers
from tests.realdata import CLAIMS_2018

pytestmark = pytest.mark.browser

WIDTHS = (320, 390, 1280)
LANGUAGES = ("en", "fr")
PASSWORD = "a-long-test-password"

SETUP = """
import datetime as dt
from django.contrib.auth.models import Group, User
from django.utils import timezone
from pactlog.claims.models import Claim
from pactlog.joining import selfservice, services
from pactlog.joining.models import JoinRequest, State
from pactlog.registry.models import Actor, Agreement

user = User.objects.create_user("moderator", "moderator@secretariat.example", "@PASSWORD@")
user.groups.add(Group.objects.get(name="moderators"))
call = Agreement.objects.get(slug="paris-call")
join = services.submit(call, services.Submission(
    name="Organisation d'essai pour la cybersécurité", category="civil-society", country="FRA",
    nature="ngo", website="https://essai.example", contact_name="Jeanne Martin",
    contact_role="Directrice", contact_email="jeanne@essai.example", language="fr"))
JoinRequest.objects.filter(pk=join.pk).update(state=State.CONFIRMED, confirmed_at=timezone.now())
services.approve(join.pk)
joined = JoinRequest.objects.get(pk=join.pk)
correction = selfservice.ask_correction(call, joined.actor, {"name": joined.actor.name + " (ONG)",
    "website": "https://www.essai.example/fr/", "nature": "ngo", "country": "BEL"})
microsoft = Actor.objects.get(public_id="microsoft")
claim = selfservice.submit_claim(call, microsoft, {"name": "Jane Doe", "role": "Public affairs",
    "email": "jane.doe@gmail.com"})
second = services.submit(call, services.Submission(
    name="Second Test Organisation", category="private-sector", country="DEU", nature="",
    website="", contact_name="Max", contact_role="CEO", contact_email="max@second.example"))
now = timezone.now()
JoinRequest.objects.filter(pk__in=[correction.pk, claim.pk, second.pk]).update(
    state=State.CONFIRMED, confirmed_at=now)
JoinRequest.objects.filter(pk=join.pk).update(
    state=State.WITHDRAWAL_REQUESTED, withdrawal_requested_at=now)
print("CLAIM", Claim.objects.filter(agreement=call).order_by("public_id").first().public_id)
print("REQUESTS", correction.pk, claim.pk, second.pk, join.pk)
""".replace("@PASSWORD@", PASSWORD)


@pytest.fixture(scope="module")
def screens_site() -> Iterator[dict[str, Any]]:
    data_dir = Path(tempfile.mkdtemp(prefix="pactlog-screens-"))
    env = helpers.prepare_database(data_dir)
    env.update(EMAIL_URL=f"file://{data_dir / 'mail'}", PACTLOG_ORGANISERS_EMAIL="org@call.example")
    run: dict[str, Any] = {"env": env, "cwd": helpers.ROOT, "check": True, "capture_output": True}
    subprocess.run([*helpers.PACTLOG, "claims", "add", "--agreement", "paris-call", "--json",
                    str(CLAIMS_2018)], **run)  # fmt: skip
    out = subprocess.run([*helpers.PACTLOG, "shell", "-c", SETUP], text=True, **run).stdout
    lines = dict(line.split(" ", 1) for line in out.splitlines() if " " in line)
    with helpers.serving(env, data_dir) as base:
        yield {"base": base, "claim": lines["CLAIM"], "requests": lines["REQUESTS"].split()}


def page_kinds(site: dict[str, Any], lang: str) -> dict[str, str]:
    call = f"/{lang}/paris-call"
    correction, claim, join, withdrawal = site["requests"]
    return {
        "agreements": f"/{lang}/",
        "home": f"{call}/",
        "supporters": f"{call}/supporters/?as_of=2020-12-31",
        "supporter-state": f"{call}/supporters/united-kingdom/",
        "supporter-organisation": f"{call}/supporters/microsoft/",
        "changes": f"{call}/changes/?from=2020-01-01&to=2020-12-31",
        "claims": f"{call}/claims/",
        "claim": f"{call}/claims/{site['claim']}/",
        "claims-check": f"{call}/claims/check/?op=%3E&value=50&quantity=state&as_of=2018-11-12",
        "principles": f"{call}/principles/",
        "text": f"{call}/text/",
        "embed": f"{call}/embed/counters",
        "coverage": f"{call}/coverage/",
        "group-coverage": f"{call}/coverage/g20/",
        "groups": f"/{lang}/groups/",
        "group": f"/{lang}/groups/eu/",
        "log": f"/{lang}/log/",
        "log-entry": f"/{lang}/log/entries/5/",
        "join": f"{call}/join/",
        "manage-claim": f"{call}/supporters/microsoft/manage/",
        "manage-state": f"{call}/supporters/united-kingdom/manage/",
        "withdraw": f"{call}/supporters/cnetz/withdraw/",
        "moderation-login": "/moderation/login/",
        "moderation-queue": "/moderation/",
        "moderation-correction": f"/moderation/requests/{correction}/",
        "moderation-claim": f"/moderation/requests/{claim}/",
        "moderation-join": f"/moderation/requests/{join}/",
        "moderation-withdrawal": f"/moderation/requests/{withdrawal}/",
    }


TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1) {
      wide.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(box.right)}px`);
    }
  }
  return {scroll: document.documentElement.scrollWidth, width: width, wide: wide.slice(0, 5)};
}"""


def assert_fits(page: Any, name: str) -> None:
    found = page.evaluate(TOO_WIDE)
    assert found["scroll"] <= found["width"] and found["wide"] == [], (name, found)


def assert_on_screen(page: Any, selector: str, width: int) -> None:
    items = page.locator(selector)
    assert items.count() > 0, selector
    for i in range(items.count()):
        item = items.nth(i)
        item.scroll_into_view_if_needed()
        box = item.bounding_box()
        assert item.is_visible() and box is not None, (selector, i)
        assert 0 <= box["x"] and box["x"] + box["width"] <= width + 1, (selector, i, box)


SWATCH_COLOURS = """() => [...document.querySelectorAll(".coverage-legend .swatch")].map(
  (s) => getComputedStyle(s).backgroundColor)"""


def sign_in(page: Any, base: str) -> None:
    page.goto(f"{base}/moderation/login/")
    page.fill("#id_username", "moderator")
    page.fill("#id_password", PASSWORD)
    page.locator("form.join-form button[type=submit]").click()
    page.wait_for_url(f"{base}/moderation/")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_kind_fits_the_screen(screens_site, browser, screenshots, width, lang):
    base = screens_site["base"]
    folder = screenshots / "screens"
    folder.mkdir(exist_ok=True)
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="fr-FR" if lang == "fr" else "en-GB"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors  # read by helpers.assert_clean
    for name, path in page_kinds(screens_site, lang).items():
        if name == "moderation-queue":
            sign_in(page, base)
        helpers.visit(page, base + path)
        assert_fits(page, name)
        if name == "coverage":
            colours = page.evaluate(SWATCH_COLOURS)
            assert len(colours) == 3 and len(set(colours)) == 3, colours
            assert "rgba(0, 0, 0, 0)" not in colours, colours
        if name == "claims":
            assert_on_screen(page, "table .verdict", width)
        if name.startswith("supporter-"):
            assert_on_screen(page, "#verify ~ div table a[href*='/log/entries/']", width)
        helpers.assert_clean(page)
        shot = folder / f"{name}-{lang}-{width}.png"
        page.screenshot(path=shot, full_page=True, timeout=120_000)
    assert errors == []
    context.close()
