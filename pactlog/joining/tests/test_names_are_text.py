"""Names lose what is not text (U+FFFF, unassigned code points, noncharacters) on every path
into the registry, and the Atom feed stays well-formed XML whatever a name holds."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model

from pactlog.importing.run import import_csv
from pactlog.joining import services
from pactlog.joining.models import JoinRequest, State
from pactlog.joining.tests.test_workflow import confirm_from_mail, submit
from pactlog.registry import services as registry
from pactlog.registry.dates import Interval
from pactlog.registry.models import Actor, Agreement
from pactlog.registry.text import drop_invalid
from pactlog.web.xmltext import xml_text

pytestmark = pytest.mark.usefixtures("no_limits")
#: A noncharacter, an unassigned code point, another noncharacter, a lone surrogate.
BAD = "\uffff\U000e0080\ufdd0\ud800"


def test_drop_invalid_keeps_text_and_drops_non_characters():
    assert drop_invalid(f"Acme{BAD} Corp\t") == "Acme Corp\t"
    assert drop_invalid("Église ☃ 東京") == "Église ☃ 東京"
    assert xml_text("a\x00b\x08c\uffffd\ufffe") == "abcd"


def test_joining_path(client, agreement, smtp):
    assert submit(client, name=f"Acme\uffff Trust{BAD[2]}").status_code == 200
    confirm_from_mail(client, smtp)
    request = services.approve(JoinRequest.objects.get().pk)
    assert request.actor is not None
    assert request.state == State.APPROVED and request.actor.name == "Acme Trust"


def test_import_path(agreement, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(f"name,category,country\nBeta\uffff Org{BAD[1]},civil-society,FRA\n")
    import_csv(path, "example")
    assert Actor.objects.filter(name="Beta Org").exists()


def test_admin_path(client, agreement):
    user = get_user_model().objects.create_superuser("sec", "s@x.example", "pw-12345678")
    client.force_login(user)
    form = {"kind": "organisation", "name": "Gamma\uffff", "category": "private-sector",
            "nature": "", "nature_raw": "", "country": "FRA", "website": "", "wikidata": "",
            "lei": "", "source_keys-TOTAL_FORMS": "0", "source_keys-INITIAL_FORMS": "0"}  # fmt: skip
    assert client.post("/admin/registry/actor/add/", form).status_code == 302
    assert Actor.objects.filter(name="Gamma").exists()


def test_the_feed_is_well_formed_whatever_a_name_holds(client, agreement):
    bad = Actor.objects.get(public_id="microsoft")
    Actor.objects.filter(pk=bad.pk).update(name="Micro\uffffsoft\x01\ufffe")  # older rows
    one = Agreement.objects.get(slug="example")
    (new,) = registry.create_actors(
        [registry.ActorSpec(kind="organisation", name="Delta", category="civil-society")]
    )
    registry.start_endorsements(one, [(new, Interval.day(dt.date(2021, 1, 1)))])
    answer = client.get("/en/example/feed.atom")
    assert answer.status_code == 200
    root = ET.fromstring(answer.content)
    titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Microsoft" in titles and "Delta" in titles


@pytest.mark.parametrize("field", ["name", "contact_email", "website", "message", "country"])
def test_a_raw_nul_is_never_echoed(client, agreement, field):
    from pactlog.joining.tests.conftest import FORM

    answer = client.post("/en/example/join/", {**FORM, field: "a\x00b"})
    assert answer.status_code == 400 and b"\x00" not in answer.content
    assert JoinRequest.objects.count() == 0
