"""What the pages say in words: history lines with field/before/after, counts in the plural
form of their number, the principles on the Full text tab, proof links for people, and the
footer's links (moderation's only for staff: test_footer_moderation)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from pactlog.registry import services
from pactlog.registry.dates import Interval
from pactlog.site.tests import factories

LAUNCH = dt.date(2020, 1, 1)  # the factories' launch day


@pytest.fixture
def corrected(db):
    """An organisation whose record was saved, corrected, then saved again unchanged."""
    agreement = factories.agreement()
    actor = factories.organisations(["Acme Trust"])[0]
    factories.endorse(agreement, [actor], Interval.day(LAUNCH))
    spec = dataclasses.replace(services.spec_of(actor), country="BEL", name="Acme Trust SA")
    services.update_actors([(actor, spec, [])])
    actor.refresh_from_db()
    services.update_actors([(actor, services.spec_of(actor), [("other-source", "acme")])])
    return agreement, actor


def history(client, url: str) -> str:
    html = client.get(url).content.decode()
    return html.split('class="stack history"', 1)[1].split("</table>", 1)[0]


def test_history_lines_say_what_changed(client, corrected):
    agreement, actor = corrected
    rows = history(client, f"/en/{agreement.slug}/supporters/{actor.public_id}/")
    assert rows.count("Record created") == 1 and rows.count("Record corrected") == 2
    assert "Name: <del>Acme Trust</del> → <ins>Acme Trust SA</ins>" in rows
    assert "Country: <del>France</del> → <ins>Belgium</ins>" in rows
    assert "No public field changed" in rows  # the save that only added a source key
    assert "<cite>Test Call</cite>: started on 1 Jan 2020" in rows  # a title, not a slug
    assert "test-call:" not in rows
    french = history(client, f"/fr/{agreement.slug}/supporters/{actor.public_id}/")
    assert "Pays : <del>France</del> → <ins>Belgique</ins>" in french
    assert "<cite>Appel de test</cite>" in french
    assert "Nom : <bdi>Acme Trust</bdi>" in french  # the first save lists every field


def test_proof_links_lead_to_a_page_for_people_beside_the_json(client, corrected):
    agreement, actor = corrected
    html = client.get(f"/en/{agreement.slug}/supporters/{actor.public_id}/").content.decode()
    seqs = re.findall(r'href="/en/log/entries/(\d+)/">inclusion proof</a>', html)
    assert len(seqs) == 4
    assert f'href="/api/v1/log/entries/{seqs[0]}">JSON</a>' in html


def test_counters_use_the_plural_form_of_their_number(client, db):
    agreement = factories.agreement(categories=["state", "civil-society"])
    states = services.create_actors(
        [services.ActorSpec(kind="state", name="France", category="state", country="FRA")]
    )
    factories.endorse(agreement, states, Interval.day(LAUNCH))
    factories.endorse(agreement, factories.organisations(["A", "B"]), Interval.day(LAUNCH))
    english = client.get(f"/en/{agreement.slug}/").content.decode()
    assert '<span class="n">1</span> <span class="label">State</span>' in english
    assert '<span class="n">2</span> <span class="label">Civil society organisations' in english
    assert '<span class="label">supporters in force</span>' in english
    french = client.get(f"/fr/{agreement.slug}/").content.decode()
    assert '<span class="n">1</span> <span class="label">État</span>' in french


def test_full_text_tab_holds_the_principles_when_the_text_is_elsewhere(client, db):
    agreement = factories.agreement(text_url="https://call.example/text")
    html = client.get(f"/en/{agreement.slug}/text/").content.decode()
    assert "Be kind" in html and "https://call.example/text" in html
    with_text = factories.agreement("texted", text_en="We, the undersigned, agree.")
    assert "We, the undersigned" in client.get(f"/en/{with_text.slug}/text/").content.decode()


def test_footer_links_the_log_and_not_moderation_for_readers(client, db):
    html = client.get("/en/").content.decode()
    assert 'href="/log/"' in html and 'href="/moderation/"' not in html
