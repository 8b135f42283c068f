"""A count claim's reasons link to the evidence of the dates they rest on."""

import re
from html import unescape

from pactlog.claims.services import save_claim
from pactlog.claims.spec import parse_claim
from pactlog.claims.tests.conftest import count_claim
from pactlog.registry.models import Actor


def reason_links(body: str) -> dict[str, str]:
    """The reasons' sentences (tags stripped) mapped to the link each carries."""
    found = re.search(r'<ul class="reasons">(.*?)</ul>', body, re.S)
    assert found is not None
    return {
        unescape(text): unescape(href)
        for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', found.group(1))
    }


def test_a_count_claims_reasons_link_to_the_evidence_of_their_days(client, small_call):
    claim, _ = save_claim(small_call, parse_claim(count_claim(op="=", value=2)))
    page = client.get(f"/en/test-call/claims/{claim.public_id}/")
    assert page.status_code == 200
    links = reason_links(page.content.decode())
    # Canada's unknown day makes the count on 20 November 2018 undetermined: its sentence
    # links to the supporters whose dates cannot tell on that day.
    uncertain = next(href for text, href in links.items() if text.startswith("On 20 November"))
    assert uncertain == "/en/test-call/changes/?from=2018-11-20&to=2018-11-20"
    # Italy came on the 19th: "it may have held until the 18th" links to that change.
    until = links["It may have held until 18 November 2018 (the record cannot tell)."]
    assert until == "/en/test-call/changes/?from=2018-11-18&to=2018-11-19"
    # A sentence about the accepted numbers rests on no date and links nowhere.
    assert not any(text.startswith("The claim holds") for text in links)

    canada = Actor.objects.get(country="CAN").public_id
    italy = Actor.objects.get(country="ITA").public_id
    for href, who in ((uncertain, canada), (until, italy)):
        changes = client.get(href)
        assert changes.status_code == 200
        body = changes.content.decode()
        row = f"/en/test-call/supporters/{who}/#evidence"
        assert row in body  # the supporter's row opens its evidence
        supporter = client.get(row.removesuffix("#evidence"))
        assert supporter.status_code == 200
        assert 'id="evidence"' in supporter.content.decode()
    # Canada is the only uncertain one on the 20th; Italy is not among them.
    assert f"/en/test-call/supporters/{italy}/" not in client.get(uncertain).content.decode()


def test_the_links_carry_french_pages_too(client, small_call):
    claim, _ = save_claim(small_call, parse_claim(count_claim(op="=", value=2)))
    page = client.get(f"/fr/test-call/claims/{claim.public_id}/")
    assert page.status_code == 200
    links = reason_links(page.content.decode())
    assert "/fr/test-call/changes/?from=2018-11-20&to=2018-11-20" in links.values()
    assert 'title="Qui a changé ces jours-là' in page.content.decode()


def test_days_the_changes_page_refuses_get_no_link(client, small_call):
    """Before the launch, Canada's unknown start keeps a count open, but the changes page
    takes no day before the launch: the sentence stays, unlinked, and nothing breaks."""
    claim, _ = save_claim(small_call, parse_claim(count_claim(as_of="2018-01-01", op="=", value=1)))
    page = client.get(f"/en/test-call/claims/{claim.public_id}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "On 1 January 2018 the record counts between 0 and 1" in re.sub(r"\s+", " ", body)
    assert not any(text.startswith("On 1 January") for text in reason_links(body))
