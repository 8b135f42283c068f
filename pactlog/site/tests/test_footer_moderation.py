"""The footer links the moderation queue for a signed-in moderator only, and the whole-page
cache, the ETag and the front cache's marking never hand one reader's page to the other."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from pactlog.site.tests import factories

LINK = 'href="/moderation/"'


@pytest.fixture
def pages(db):
    factories.agreement()
    return ["/en/", "/fr/"]


def staff_client(moderator: bool = True) -> Client:
    user = User.objects.create_user("mod" if moderator else "reader", password="x" * 12)
    if moderator:
        user.groups.add(Group.objects.get_or_create(name="moderators")[0])
    client = Client()
    client.force_login(user)
    return client


def test_anonymous_after_staff_never_gets_the_staff_page(pages):
    staff, anonymous = staff_client(), Client()
    for url in pages:
        signed_in = staff.get(url)
        assert signed_in.status_code == 200 and LINK in signed_in.content.decode()
        assert "private" in signed_in["Cache-Control"]
        assert "Cookie" in signed_in["Vary"]
        answer = anonymous.get(url)
        assert answer.status_code == 200 and LINK not in answer.content.decode()
        assert answer["ETag"] != signed_in["ETag"]
        # Revalidating with the staff page's ETag is a full anonymous page, not a 304.
        again = anonymous.get(url, HTTP_IF_NONE_MATCH=signed_in["ETag"])
        assert again.status_code == 200 and LINK not in again.content.decode()


def test_staff_after_anonymous_gets_the_link(pages):
    anonymous, staff = Client(), staff_client()
    for url in pages:
        answer = anonymous.get(url)
        assert LINK not in answer.content.decode()
        # An anonymous page opens no session: it stays one copy for every reader.
        assert "Cookie" not in answer.get("Vary", "") and "private" not in answer.get(
            "Cache-Control", ""
        )
        assert anonymous.get(url, HTTP_IF_NONE_MATCH=answer["ETag"]).status_code == 304
        signed_in = staff.get(url)
        assert signed_in.status_code == 200 and LINK in signed_in.content.decode()
        revalidated = staff.get(url, HTTP_IF_NONE_MATCH=answer["ETag"])
        assert revalidated.status_code == 200 and LINK in revalidated.content.decode()
        # ...and the anonymous copy in the page cache is untouched by the staff's visit.
        assert LINK not in anonymous.get(url).content.decode()
        assert staff.get(url, HTTP_IF_NONE_MATCH=signed_in["ETag"]).status_code == 304


def test_signed_in_non_moderator_sees_no_link(pages):
    reader = staff_client(moderator=False)
    assert LINK not in reader.get("/en/").content.decode()


def test_signing_out_brings_back_the_anonymous_page(pages):
    staff = staff_client()
    signed_in = staff.get("/en/")
    assert LINK in signed_in.content.decode()
    staff.logout()
    after = staff.get("/en/", HTTP_IF_NONE_MATCH=signed_in["ETag"])
    assert after.status_code == 200 and LINK not in after.content.decode()
