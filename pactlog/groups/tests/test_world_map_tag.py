import datetime as dt
import json
import re

import pytest
from django.template import Context, Template
from django.utils import translation

RENDER = Template(
    "{% load maps %}{% world_map agreement as_of group %}{% world_map agreement as_of %}"
)


def section(pattern: str, body: str, group: int = 0) -> str:
    """The part of a page that `pattern` finds (the test fails if it is not there)."""
    match = re.search(pattern, body, re.S)
    assert match, pattern
    return match.group(group)


def render(agreement, group):
    return RENDER.render(
        Context({"agreement": agreement, "as_of": dt.date(2020, 12, 31), "group": group})
    )


def map_data(html: str, number: int) -> dict:
    pattern = rf'<script id="world-map-{number}-data" type="application/json">(.*?)</script>'
    return json.loads(section(pattern, html, 1))


@pytest.mark.django_db
def test_each_map_on_a_page_has_its_own_ids_and_a_data_table(paris_call):
    html = render(paris_call, "five-eyes")
    assert 'id="world-map-1"' in html and 'id="world-map-2"' in html
    assert map_data(html, 1)["group"] == "five-eyes"
    assert map_data(html, 2)["group"] is None
    first_table = html.split('id="world-map-2"')[0]
    assert (
        '<tr data-code="USA" data-status="absent"><th scope="row">United States</th>' in first_table
    )
    assert html.count('data-status="endorsed"') == 2 * 79  # every endorsing state, in each table
    assert "vendor/d3/d3.min.js" in html and "groups/map.js" in html


@pytest.mark.django_db
def test_unknown_group_draws_the_map_without_a_group(paris_call):
    html = render(paris_call, "no-such-group")
    assert map_data(html, 1)["group"] is None


@pytest.mark.django_db
def test_names_and_labels_in_the_readers_language(paris_call):
    with translation.override("fr"):
        html = render(paris_call, None)
    data = map_data(html, 1)
    assert data["names"]["250"] == "France"
    assert data["names"]["826"] == "Royaume-Uni"
    assert data["labels"]["absent"] == "Pas de soutien"
    assert "États dont le soutien est en vigueur au 31 décembre 2020" in html
