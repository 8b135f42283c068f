"""Joining end to end in Chromium: a request in French, confirmed from the e-mail the SMTP
server received, approved by a `moderators` user, public (list, counters.json, feed), then
withdrawn; axe-core clean on every page."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import expect

from pactlog.joining.tests.conftest import Inbox
from tests.browser import helpers

pytestmark = pytest.mark.browser

SETUP = """
from django.contrib.auth.models import Group, User
from pactlog.registry.services import save_agreement
save_agreement("example", title_en="Example Call", title_fr="Appel exemple", is_example=True)
user = User.objects.create_user("moderator", "moderator@secretariat.example", "a-long-test-password")
user.groups.add(Group.objects.get(name="moderators"))
"""


@pytest.fixture(scope="module")
def joining_site() -> Iterator[tuple[str, Inbox, Path]]:
    """A gunicorn server of its own, sending mail to an SMTP server this test runs."""
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=helpers.free_port())
    smtp.start()
    data_dir = Path(tempfile.mkdtemp(prefix="pactlog-joining-"))
    port = helpers.free_port()
    base = f"http://127.0.0.1:{port}"
    env = helpers.site_environment(data_dir)
    env.update(
        EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}",
        PACTLOG_BASE_URL=base,
        PACTLOG_JOIN_MIN_SECONDS="1",
    )
    run = {"env": env, "cwd": helpers.ROOT, "check": True, "capture_output": True}
    subprocess.run([*helpers.PACTLOG, "compiletranslations"], **run)  # type: ignore[call-overload]
    subprocess.run([*helpers.PACTLOG, "migrate", "--noinput"], **run)  # type: ignore[call-overload]
    subprocess.run([*helpers.PACTLOG, "shell", "-c", SETUP], **run)  # type: ignore[call-overload]
    server = helpers.start_gunicorn(env, port)
    try:
        helpers.wait_until_up(f"{base}/en/")
        yield base, inbox, data_dir
    finally:
        helpers.stop(server)
        smtp.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def clean(page: Any) -> None:
    page.wait_for_load_state("networkidle")
    assert helpers.axe_violations(page) == [], page.url


def link_in(inbox: Inbox, count: int) -> str:
    inbox.wait(count)
    return inbox.link(count - 1)


def counters(base: str) -> dict[str, Any]:
    with urllib.request.urlopen(f"{base}/example/counters.json") as response:
        return dict(json.load(response))


def moderate(page: Any, base: str, name: str, button: str) -> None:
    page.goto(f"{base}/moderation/")
    if "/login/" in page.url:
        clean(page)
        page.fill("#id_username", "moderator")
        page.fill("#id_password", "a-long-test-password")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{base}/moderation/")
    clean(page)
    page.get_by_role("link", name=name).first.click()
    clean(page)
    form = page.locator("form", has=page.get_by_role("button", name=button, exact=True))
    if form.locator("input[name=confirm]").count():  # destructive actions ask first
        form.locator("input[name=confirm]").check()
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".messages")).to_contain_text("done")


def test_join_confirm_moderate_publish_withdraw(joining_site, browser, screenshots):
    base, inbox, data_dir = joining_site
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{base}/fr/example/")
    page.get_by_role("link", name="Rejoindre").click()
    expect(page).to_have_url(f"{base}/fr/example/join/")
    clean(page)
    expect(page.locator("#id_country option[value=DEU]")).to_have_text("Allemagne")
    page.get_by_role("button", name="Envoyer la demande").click()  # empty: messages
    expect(page.locator(".errorlist").first).to_be_visible()
    clean(page)
    page.fill("#id_name", "Association Confiance Numérique")
    page.select_option("#id_category", "civil-society")
    page.select_option("#id_country", "FRA")
    page.select_option("#id_nature", "ngo")
    page.fill("#id_website", "https://confiance.example")
    page.fill("#id_contact_name", "Jeanne Martin")
    page.fill("#id_contact_role", "Présidente")
    page.fill("#id_contact_email", "jeanne@confiance.example")
    page.fill("#id_message", "Nous souhaitons soutenir l'appel.")
    page.check("#id_authority")
    page.wait_for_timeout(1100)
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.locator("h1")).to_have_text("Consultez vos e-mails")
    clean(page)

    confirm = link_in(inbox, 1)
    assert "/fr/example/join/confirm/" in confirm
    assert "Confirmez" in str(inbox.messages[0]["Subject"])
    page.goto(confirm)
    clean(page)
    page.get_by_role("button", name="Confirmer ma demande").click()
    expect(page.locator("h1")).to_have_text("Demande confirmée")
    clean(page)
    page.goto(confirm)  # a second use: refused with a clear page
    expect(page.locator("[role=alert]")).to_contain_text("déjà été utilisé")
    clean(page)

    name = "Association Confiance Numérique"
    moderate(page, base, name, "Approve")
    page.screenshot(path=str(screenshots / "joining-moderation.png"))

    page.goto(f"{base}/fr/example/supporters/")
    expect(page.locator("#results bdi", has_text=name)).to_be_visible()
    assert counters(base)["total"] == 1
    published = json.loads((data_dir / "public" / "example" / "counters.json").read_text())
    assert published["total"] == 1
    with urllib.request.urlopen(f"{base}/fr/example/feed.atom") as feed:
        assert name in feed.read().decode()

    page.locator("#results a", has_text=name).click()
    clean(page)
    supporter_page = page.url
    page.get_by_role("link", name=re.compile("Corriger, revendiquer ou retirer")).click()
    clean(page)
    page.get_by_role("link", name="Demander le retrait").click()
    clean(page)
    page.get_by_role("button", name="Envoyer le lien de confirmation").click()
    expect(page.locator("[role=status]")).to_contain_text("lien de confirmation")
    withdraw = link_in(inbox, 3)  # confirmation, decision, withdrawal
    assert "/withdraw/confirm/" in withdraw
    page.goto(withdraw)
    clean(page)
    page.get_by_role("button", name="Confirmer le retrait").click()
    expect(page.locator("h1")).to_have_text("Retrait confirmé")

    moderate(page, base, name, "Approve the withdrawal")
    assert counters(base)["total"] == 0
    page.goto(supporter_page)
    expect(page.get_by_role("link", name="Demander le retrait")).to_have_count(0)
    history = page.get_by_role("table", name=re.compile("Événements publics"))
    expect(history).to_contain_text(re.compile("retir", re.IGNORECASE))
    assert errors == []
    context.close()
