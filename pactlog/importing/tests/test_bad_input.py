"""Bad input never crashes an importer: each problem is reported and the rest goes through."""

import datetime as dt

import pytest

from pactlog.importing.run import import_csv, import_jekyll
from pactlog.registry import queries

D = dt.date
GOOD = '---\nname: "Good Org"\ncategory: civil-society\nnature: "ONG"\nnationality: FRA\n---\n'


def write(folder, name, content):
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


@pytest.fixture
def folder(tmp_path):
    write(tmp_path, "good_org-civil-society-FRA.md", GOOD)
    return tmp_path


def problems_of(report):
    return {p.file: (p.field, p.severity, p.message) for p in report.problems}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "field", "needle"),
    [
        (
            "broken-civil-society-FRA.md",
            '---\nname: "x\ncategory: [\n---\n',
            "front matter",
            "not valid YAML",
        ),
        ("nofm-civil-society-FRA.md", "just text\n", "front matter", "no front matter"),
        ("open-civil-society-FRA.md", '---\nname: "x"\n', "front matter", "not closed"),
        ("list-civil-society-FRA.md", "---\n- a\n- b\n---\n", "front matter", "not a mapping"),
        ("binary-civil-society-FRA.md", b"\x00\x01\x02PNG", "file", "binary"),
        (
            "latin1-civil-society-FRA.md",
            '---\nname: "Soci\xe9t\xe9"\n---\n'.encode("latin-1"),
            "file",
            "not UTF-8",
        ),
        (
            "weird-sports-FRA.md",
            '---\nname: "X"\ncategory: sports\n---\n',
            "category",
            "not a category",
        ),
        (
            "long-civil-society-FRA.md",
            f'---\nname: "{"n" * 10_000}"\ncategory: civil-society\n---\n',
            "name",
            "10,000 characters",
        ),
        ("noname-civil-society-FRA.md", "---\ncategory: civil-society\n---\n", "name", "no name"),
        (
            "ghost-state-XXX.md",
            '---\nname: "Nowhere"\ncategory: state\nnationality: XXX\n---\n',
            "country",
            "state needs",
        ),
        ("notes.txt", "hello", "file", "not a Markdown"),
    ],
)
def test_each_bad_file_is_reported_and_the_rest_imported(folder, name, content, field, needle):
    write(folder, name, content)
    report = import_jekyll(folder, "test-call", D(2020, 1, 1))
    got_field, severity, message = problems_of(report)[name]
    assert (got_field, severity) == (field, "error")
    assert needle in message
    assert report.added == ["good_org-civil-society-FRA"]


@pytest.mark.django_db
def test_unknown_nature_and_country_are_warnings(folder):
    write(
        folder,
        "odd-civil-society-ZZZ.md",
        '---\nname: "Odd"\ncategory: civil-society\nnature: "Guild"\nnationality: ZZZ\nwebsite: "javascript:alert(1)"\n---\n',
    )
    report = import_jekyll(folder, "test-call", D(2020, 1, 1))
    fields = {
        (p.field, p.severity) for p in report.problems if p.file == "odd-civil-society-ZZZ.md"
    }
    assert fields == {("nature", "warning"), ("country", "warning"), ("website", "warning")}
    odd = queries.supporters(
        queries.get_agreement("test-call"), D(2020, 1, 1), queries.SupporterFilter(q="odd")
    )
    assert odd["supporters"][0]["nature"] == "other" and odd["supporters"][0]["country"] is None


@pytest.mark.django_db
def test_missing_folder_is_refused(tmp_path):
    from pactlog.importing.sync import ImportRefused

    with pytest.raises(ImportRefused, match="not a folder"):
        import_jekyll(tmp_path / "nope", "test-call", D(2020, 1, 1))


@pytest.mark.django_db
def test_csv_missing_column_is_reported(tmp_path):
    path = write(tmp_path, "list.csv", "name,country\nAcme,FRA\n")
    report = import_csv(path, "test-call")
    (problem,) = report.problems
    assert (problem.file, problem.field, problem.severity) == ("list.csv:1", "header", "error")
    assert "category" in problem.message and report.added == []


@pytest.mark.django_db
def test_csv_bad_rows_are_reported_by_line(tmp_path):
    path = write(
        tmp_path,
        "list.csv",
        "name,category,country,endorsed_on\n"
        "Acme,private-sector,FRA,2020-01-05\n"
        "Bad Date,private-sector,FRA,05/01/2020\n"
        ",civil-society,FRA,\n"
        "Future,civil-society,FRA,2999-01-01\n"
        "Short,civil-society\n"
        "Beta,civil-society,ROM,\n",
    )
    report = import_csv(path, "test-call")
    found = {p.file: p for p in report.problems}
    assert found["list.csv:3"].field == "endorsed_on"
    assert found["list.csv:4"].field == "name"
    assert found["list.csv:5"].field == "start_not_after"
    assert found["list.csv:6"].severity == "error"
    assert found["list.csv:7"].message == "legacy code ROM read as ROU"
    assert report.added == ["Acme", "Beta"]
