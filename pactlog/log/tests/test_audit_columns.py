"""Every public column of every public table, edited behind the services' back, is named by
`pactlog log audit`. The columns come from the models, so a new one cannot be forgotten: it
is either caught or listed, with its reason, in `derived.NOT_REBUILT`."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction

from pactlog.claims.models import Claim
from pactlog.claims.services import save_claim
from pactlog.claims.spec import parse_claim
from pactlog.claims.verdicts import refresh_all
from pactlog.log.audit import audit
from pactlog.log.derived import NOT_REBUILT, PUBLIC_APPS
from pactlog.log.tests.helpers import small_registry
from pactlog.registry import services
from pactlog.registry.models import Actor

pytestmark = pytest.mark.django_db

SOURCE = {"title": "A story", "publisher": "The Daily", "author": "A. Writer",
          "url": "https://example.org/a", "published": "2020-02-01"}  # fmt: skip
CLAIMS: list[dict[str, Any]] = [
    {"kind": "count", "quantity": "group", "group": "g7", "op": "about", "value": 1,
     "tolerance_percent": "5", "as_of": "2020-06-01"},
    {"kind": "count", "quantity": "civil-society", "op": "=", "value": 3, "as_of": "2020-03-01"},
    {"kind": "group-missing", "group": "g7", "missing": ["FRA"], "as_of": "2020-06-01"},
    {"kind": "states-absent", "states": ["DEU"], "as_of": "2020-06-01"},
    {"kind": "launch-date", "value": "2020-01-01", "as_of": "2020-06-01"},
]  # fmt: skip


class Undo(Exception):
    pass


def columns() -> Iterator[tuple[type[models.Model], models.Field[Any, Any]]]:
    for label in PUBLIC_APPS:
        for model in apps.get_app_config(label).get_models():
            skipped = NOT_REBUILT.get(model._meta.label, {})
            if "*" in skipped:
                continue
            for field in model._meta.concrete_fields:
                if field.name not in skipped:
                    yield model, field


def other_values(model: type[models.Model], field: models.Field[Any, Any], value: Any) -> list[Any]:
    """Values a forger could write instead of `value`, the most plausible first."""
    if field.is_relation:
        target = field.related_model
        assert target is not None and not isinstance(target, str)
        pks = list(
            target._default_manager.exclude(pk=value).order_by("pk").values_list("pk", flat=True)
        )
        return pks
    if field.choices:
        return [c for c, _ in field.flatchoices if c != value and c != ""][:3]
    if isinstance(field, models.BooleanField):
        return [not value]
    if isinstance(field, models.DecimalField):
        return [(value or decimal.Decimal(0)) + 1]
    if isinstance(field, models.IntegerField):
        return [(value or 0) + 1, (value or 0) + 2]
    if isinstance(field, models.DateField):
        day = value or dt.date(2020, 1, 1)
        return [day + dt.timedelta(days=3), day - dt.timedelta(days=3)]
    if isinstance(field, models.JSONField):
        if isinstance(value, list):
            return [[*value, "NLD"], value[:-1] if value else ["forged"]]
        if isinstance(value, dict):
            return [{**value, "verdict": "false" if value.get("verdict") != "false" else "true"}]
        return [["forged"]]
    if isinstance(field, models.CharField | models.TextField):
        limit = field.max_length or 100
        return ["zzz"[:limit], ("forged " + str(value))[:limit]]
    raise AssertionError(f"no forged value for {field!r}")


def public_records() -> None:
    agreement = small_registry(4)
    services.save_agreement(
        "pact",
        principles=[{"number": 1, "title_en": "One", "title_fr": "Un", "text_en": "E",
                     "text_fr": "F"}],
        title_en="A pact", title_fr="Un pacte", summary_en="S", summary_fr="R", text_en="T",
        text_fr="U", text_url="https://example.org/pact", launched_on=dt.date(2020, 1, 1),
    )  # fmt: skip
    services.save_agreement("other", title_en="Other", title_fr="Autre")
    france, germany = services.create_actors(
        [services.ActorSpec(kind="state", name="France", category="state", country="FRA"),
         services.ActorSpec(kind="state", name="Germany", category="state", country="DEU")],
        [[("snapshot", "france")], [("snapshot", "germany")]],
    )  # fmt: skip
    services.start_endorsements(agreement, [(france, services.Interval(dt.date(2019, 12, 1),
                                                                        dt.date(2020, 1, 1)))])  # fmt: skip
    org = Actor.objects.get(public_id="org-3")
    services.update_actors([(org, services.ActorSpec(
        kind="organisation", name="Org 3", category="civil-society", nature="ngo",
        nature_raw="NGO", country="BEL", website="https://org3.example", wikidata="Q1",
        lei="529900T8BM49AURSDO55", names={"fr": "Organisation 3"}),
        [("snapshot", "org-3")])])  # fmt: skip
    services.merge_actor(Actor.objects.get(public_id="org-2"), germany)
    for claim in CLAIMS:
        save_claim(agreement, parse_claim({"source": SOURCE, "quote": "a quote", **claim}))
    refresh_all()
    assert Claim.objects.count() == len(CLAIMS)


#: Columns whose public name differs from the column's (the name the audit says).
PUBLIC_NAMES = {
    "registry.Principle": "principles",
    "registry.SourceKey": "source_keys",
    "claims.Claim.states": "missing",
    "claims.Claim.claimed_date": "value",
}


def public_name(model: type[models.Model], field: models.Field[Any, Any]) -> str:
    label = model._meta.label
    found = PUBLIC_NAMES.get(f"{label}.{field.name}") or PUBLIC_NAMES.get(label)
    if found:
        return found
    stem = field.name.removesuffix("_en").removesuffix("_fr")
    stem = stem.split("_not_")[0]
    return stem.replace("source_", "source.", 1) if model is Claim else stem


def named(problems: list[str], model: type[models.Model], field: models.Field[Any, Any]) -> bool:
    """A problem names the column (by its public name), or the row it moved in the record."""
    stem = public_name(model, field)
    return any(
        f"field '{stem}'" in p or f"field {stem!r}" in p or "in no event" in p
        or "not in the tables" in p or f"'{stem}' says" in p or f"field '{stem}" in p
        for p in problems
    )  # fmt: skip


def forge(model: type[models.Model], field: models.Field[Any, Any]) -> list[str] | None:
    """Edit the column in each row in turn until the audit complains; what it said (None when
    the database's own constraints refused every forged value)."""
    tried = False
    for row in model._default_manager.order_by("pk"):
        value = getattr(row, field.attname)
        for forged in other_values(model, field, value):
            try:
                with transaction.atomic():
                    try:
                        with transaction.atomic():
                            model._default_manager.filter(pk=row.pk).update(
                                **{field.attname: forged}
                            )
                    except IntegrityError:
                        continue
                    tried = True
                    problems = audit()
                    if problems:
                        raise Undo(problems)
            except Undo as undo:
                return list(undo.args[0])
    return [] if tried else None


def test_every_public_column_edited_is_named_by_the_audit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        public_records()
    assert audit() == []
    missed = []
    checked = 0
    for model, field in columns():
        problems = forge(model, field)
        if problems is None:  # the database refuses any other value (unique together)
            continue
        checked += 1
        if not problems or not named(problems, model, field):
            missed.append(f"{model._meta.label}.{field.name}: {problems[:2]}")
    assert missed == []
    assert checked >= 50
    assert audit() == []


def test_the_report_s_forgeries_are_named(django_capture_on_commit_callbacks):
    from django.db import connection

    with django_capture_on_commit_callbacks(execute=True):
        public_records()
    claim = Claim.objects.get(kind="count", quantity="civil-society")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE claims_claim SET quote = 'forged', value = 9 WHERE id = %s",
                       [claim.pk])  # fmt: skip
        cursor.execute("UPDATE claims_claimverdict SET verdict = 'false'")
        cursor.execute("UPDATE registry_actor SET search_text = '' WHERE public_id = 'org-1'")
        cursor.execute("UPDATE registry_actor SET sort_fr = 'aaa' WHERE public_id = 'org-2'")
    problems = audit()
    joined = "\n".join(problems)
    assert f"claim {claim.public_id}: field 'quote'" in joined
    assert f"claim {claim.public_id}: field 'value'" in joined
    assert "field 'verdict' says 'false'" in joined
    assert "actor org-1: field 'search_text'" in joined
    assert "actor org-2: field 'sort_fr': tables say 'aaa'" in joined
