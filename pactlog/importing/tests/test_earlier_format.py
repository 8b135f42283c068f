"""The Paris Call site's earliest lists (September and October 2019) are read: front matter
without its opening `---`, `private_sector`, French country names, `UE` for a member state
named by its own `name`, stray `**`; their `date_signed` placeholder is no evidence."""

import datetime as dt

from pactlog.importing.jekyll import parse_file
from pactlog.importing.report import Problems
from pactlog.registry.dates import Interval

D = dt.date


def parse(text: str, key: str = "entry"):
    problems = Problems()
    return parse_file(text.encode(), f"{key}.md", key, problems), problems


def test_the_first_commits_format_without_an_opening_line():
    record, problems = parse(
        "name: Microsoft**\ncategory: private_sector\nnature:  Entreprise\n"
        "nationality: Etats-Unis\ndate_signed:\n    ---\n",
        "microsoft",
    )
    assert record is not None
    assert (record.spec.name, record.spec.category, record.spec.country) == (
        "Microsoft", "private-sector", "USA",
    )  # fmt: skip
    assert record.spec.nature == "company"
    assert record.start is None and record.declared is None
    assert all(p.severity == "warning" and p.normalisation for p in problems.items)
    fields = {p.field for p in problems.items}
    assert fields == {"front matter", "name", "category", "country"}


def test_a_member_state_is_named_by_its_own_name_and_its_placeholder_date_is_declared_only():
    record, problems = parse(
        "---\nname: Allemagne\ncategory: state\nnature: \nnationality: UE\nalliance: \n"
        "date_signed: '2018-11-12'\n---\n",
        "allemagne",
    )
    assert record is not None
    assert (record.spec.kind, record.spec.country, record.spec.name) == ("state", "DEU", "Germany")
    assert record.start is None and record.declared == D(2018, 11, 12)
    assert any("Allemagne" in p.message and "DEU" in p.message for p in problems.items)


def test_names_without_accents_formal_names_and_close_spellings():
    cases = {
        "Suède": "SWE", "Etats-Unis": "USA", "Thailande": "THA", "Malaysie": "MYS",
        "République tchèque": "CZE", "Royaume-Uni": "GBR",
    }  # fmt: skip
    for nationality, code in cases.items():
        record, _ = parse(
            f"---\nname: Acme\ncategory: civil_society\nnationality: {nationality}\n---\n"
        )
        assert record is not None and record.spec.country == code, nationality
    for name, code in {
        "République d'Arménie": "ARM", "Etat du Koweït": "KWT", "Principauté de Monaco": "MCO",
        "Ancienne République yougoslave de Macédoine": "MKD", "Emirats Arabe Unis": "ARE",
    }.items():  # fmt: skip
        record, _ = parse(f"---\nname: {name}\ncategory: state\nnationality: \n---\n")
        assert record is not None and record.spec.country == code, name


def test_an_organisation_of_the_eu_or_nowhere_has_no_country():
    for nationality in ("UE", "International", "Bruxelles (UE)"):
        record, problems = parse(
            f"---\nname: Acme\ncategory: civil_society\nnationality: {nationality}\n---\n"
        )
        assert record is not None and record.spec.country == ""
        assert any(p.field == "country" for p in problems.items)


def test_a_name_broken_over_two_lines_or_starting_with_a_hash_is_read():
    record, _ = parse(
        "name: Research Centre (ACSRC)\nThe University of Newcastle\n\ncategory: civil_society\n"
        "nationality: Australie\ndate_signed:\n    ---\n"
    )
    assert record is not None
    assert record.spec.name == "Research Centre (ACSRC) The University of Newcastle"
    record, problems = parse(
        "---\nname: #cnetz \ncategory: civil_society\nnationality: Allemagne\n---\n"
    )
    assert record is not None and record.spec.name == "#cnetz"
    assert any("comment" in p.message for p in problems.items)


def test_the_later_format_keeps_its_date_signed_as_evidence():
    record, _ = parse(
        '---\nname: "Acme"\ncategory: private-sector\nnationality: FRA\n'
        "date_signed: 2019-11-19\n---\n"
    )
    assert record is not None
    assert record.start == Interval.day(D(2019, 11, 19)) and record.declared == D(2019, 11, 19)


def test_text_that_is_no_list_is_still_refused():
    record, problems = parse("just text\n")
    assert record is None and problems.items[0].severity == "error"
