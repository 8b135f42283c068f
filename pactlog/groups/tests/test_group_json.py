import datetime as dt

from pactlog.groups.catalogue import get_group, group_json


def test_group_json_names_members_and_non_state_members_in_the_language():
    data = group_json(get_group("g20"), dt.date(2024, 1, 1), "fr")
    assert data["slug"] == "g20"
    assert data["name"] == "Groupe des Vingt (G20)"
    assert data["names"]["en"] == "Group of Twenty (G20)"
    assert data["as_of"] == "2024-01-01"
    assert data["members"] == sorted(data["members"]) and "GBR" in data["members"]
    assert data["non_state_members"][1] == {
        "id": "african-union",
        "name": "Union africaine",
        "names": {"en": "African Union", "fr": "Union africaine"},
    }
    assert data["source_url"].startswith("https://")
