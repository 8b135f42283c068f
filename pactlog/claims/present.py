"""A verdict in the reader's language: the sentences and chart data of the claim pages.

The verdict dictionaries (`Verdict.as_json`) are language-free; the words are chosen here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pactlog.claims.engine import Series
from pactlog.claims.spec import ClaimSpec
from pactlog.groups.catalogue import get_group
from pactlog.registry.countries import country_name
from pactlog.site import labels
from pactlog.site.templatetags.site_tags import day as format_day
from pactlog.site.templatetags.site_tags import number
from pactlog.web.reads import reader_language

#: The chart of a count claim spans this many days either side of the claim's day.
CHART_DAYS = 120


def verdict_label(verdict: str) -> str:
    return {
        "consistent": _("Consistent with the record"),
        "inconsistent": _("Inconsistent with the record"),
        "undetermined": _("Undetermined: the record cannot tell"),
    }.get(verdict, verdict)


def quantity_label(quantity: str) -> str:
    """What is counted, as a plural noun ("states", "public authorities")."""
    if quantity == "total":
        return _("supporters (all categories)")
    if quantity.startswith("group:"):
        slug = quantity.removeprefix("group:")
        return _("states of %(group)s") % {"group": get_group(slug).name(reader_language())}
    return labels.category_noun(quantity, 2)


def counted(quantity: str, n: int) -> str:
    """ "60 states", "1 public authority": a number with its noun in the plural form the
    number takes (gettext's ngettext, so French gets "1 État", "2 États")."""
    if quantity == "total":
        return ngettext("%(n)s supporter", "%(n)s supporters", n) % {"n": number(n)}
    if quantity.startswith("group:"):
        group = get_group(quantity.removeprefix("group:")).name(reader_language())
        text = ngettext("%(n)s state of %(group)s", "%(n)s states of %(group)s", n)
        return text % {"n": number(n), "group": group}
    return f"{number(n)} {labels.category_noun(quantity, n)}"


def claimed(op: str, value: int, quantity: str) -> str:
    """ "more than 50 states": the comparison a count claim makes."""
    return f"{op_label(op)} {counted(quantity, value)}"


def counting_label(counting: str) -> str:
    return _("in force on the day") if counting == "in-force" else _("ever endorsed by the day")


def _day(text: str | None) -> str:
    return format_day(dt.date.fromisoformat(text), "long") if text else ""


def op_label(op: str) -> str:
    return {
        "=": _("exactly"), ">=": _("at least"), ">": _("more than"),
        "<=": _("at most"), "<": _("fewer than"), "about": _("about"),
    }.get(op, op)  # fmt: skip


def status_label(status: str) -> str:
    return {
        "in": _("endorsed (in force)"),
        "out": _("not endorsed"),
        "unsure": _("uncertain"),
        "not-member": _("not a member of the group on that day"),
    }.get(status, status)


@dataclass(frozen=True)
class Reason:
    """One sentence of a verdict's reasons, and the days whose changes it rests on: the
    supporters who joined, left or stay uncertain between `start` and `end` (both ISO days,
    or None for a sentence resting on no endorsement's dates). The claim page links it to
    the changes page, whose rows open each supporter's evidence."""

    text: str
    start: str | None = None
    end: str | None = None


def _day_before(text: str) -> str:
    return (dt.date.fromisoformat(text) - dt.timedelta(days=1)).isoformat()


def _day_after(text: str) -> str:
    return (dt.date.fromisoformat(text) + dt.timedelta(days=1)).isoformat()


def _change_into(line: str, day: str) -> Reason:
    """A sentence about the first day something held: the changes from the day before."""
    return Reason(line, _day_before(day), day) if day > dt.date.min.isoformat() else Reason(line)


def _change_after(line: str, day: str) -> Reason:
    """A sentence about the last day something held: the changes to the day after."""
    return Reason(line, day, _day_after(day)) if day < dt.date.max.isoformat() else Reason(line)


def explain(details: dict[str, Any]) -> list[Reason]:
    """The reasons, sentence by sentence, each with the days of evidence it rests on."""
    lines: list[Reason | str] = []
    reason = details["reason"]
    r = details.get("range")
    if r is not None:
        definition = details["definition"]
        quantity = definition["quantity"]
        if r["low"] == r["high"]:
            lines.append(
                _("On %(day)s the record counts %(count)s, %(counting)s.")
                % {"day": _day(details["as_of"]), "count": counted(quantity, r["low"]),
                   "counting": counting_label(definition["counting"])}
            )  # fmt: skip
        else:  # rests on the uncertain ones: the supporters uncertain on the day
            lines.append(Reason(
                _("On %(day)s the record counts between %(low)s and %(count)s, "
                  "%(counting)s: %(uncertain)s.")
                % {"day": _day(details["as_of"]), "low": number(r["low"]),
                   "count": counted(quantity, r["high"]),
                   "counting": counting_label(definition["counting"]),
                   "uncertain": ngettext(
                       "%(n)s supporter's dates cannot tell whether it had joined",
                       "%(n)s supporters' dates cannot tell whether they had joined",
                       r["uncertain"]) % {"n": number(r["uncertain"])}},
                details["as_of"], details["as_of"],
            ))  # fmt: skip
        low, high = details["comparison"]["accepted"]
        if high is None:
            lines.append(
                _("The claim holds for a count of %(low)s or more.") % {"low": number(low)}
            )
        elif low > high:
            lines.append(_("No whole number satisfies the claim."))
        else:
            lines.append(
                _("The claim holds for a count from %(low)s to %(high)s.")
                % {"low": number(low), "high": number(high)}
            )
    if reason == "range-within":
        lines.append(_("Every count the record allows satisfies the claim."))
    elif reason == "range-outside":
        lines.append(_("No count the record allows satisfies the claim."))
    elif reason == "range-straddles":
        lines.append(_("Some counts the record allows satisfy the claim, others do not."))
    elif reason == "launch-matches":
        lines.append(_("The agreement records the same launch day."))
    elif reason == "launch-differs":
        lines.append(
            _("The agreement records its launch on %(day)s.") % {"day": _day(details["recorded"])}
        )
    elif reason == "launch-unknown":
        lines.append(_("The agreement records no launch day."))
    elif reason == "members-fit":
        lines.append(_("Every state named is as the claim says."))
    elif reason == "members-contradict":
        lines.append(_("At least one state is certainly not as the claim says."))
    elif reason == "members-uncertain":
        lines.append(_("The record cannot tell for some of the states named."))
    held, possible = details.get("held"), details.get("possible")
    if held and (held["before"] or held["after"]):
        if held["after"]:
            lines.append(
                _change_into(
                    _("The claim held for certain from %(day)s.") % {"day": _day(held["after"])},
                    held["after"],
                )
            )
        if held["before"]:
            lines.append(
                _change_after(
                    _("The claim last held for certain on %(day)s.")
                    % {"day": _day(held["before"])},
                    held["before"],
                )
            )
    elif held:
        lines.append(_("The claim never held for certain before or after that day."))
    if possible and held and possible != held:
        if possible["after"] and possible["after"] != held.get("after"):
            lines.append(
                _change_into(
                    _("It may have held from %(day)s (the record cannot tell).")
                    % {"day": _day(possible["after"])},
                    possible["after"],
                )
            )
        if possible["before"] and possible["before"] != held.get("before"):
            lines.append(
                _change_after(
                    _("It may have held until %(day)s (the record cannot tell).")
                    % {"day": _day(possible["before"])},
                    possible["before"],
                )
            )
    for alternative in details.get("alternatives", []):
        if alternative["verdict"] != "inconsistent":
            d = alternative["definition"]
            lines.append(
                _("Counting %(what)s %(counting)s instead, the claim would be: %(verdict)s.")
                % {"what": quantity_label(d["quantity"]),
                   "counting": counting_label(d["counting"]),
                   "verdict": verdict_label(alternative["verdict"]).lower()}
            )  # fmt: skip
    return [line if isinstance(line, Reason) else Reason(line) for line in lines]


def parts(details: dict[str, Any], lang: str) -> list[dict[str, str]]:
    return [
        {
            "country": p["country"],
            "name": country_name(p["country"], lang) or p["country"],
            "claimed": _("not endorsed") if p["claimed"] == "absent" else _("endorsed"),
            "status": status_label(p["status"]),
            "verdict": p["verdict"],
            "verdict_label": verdict_label(p["verdict"]),
        }
        for p in details.get("parts", [])
    ]


def chart_points(steps: Series, as_of: dt.date) -> list[dict[str, Any]]:
    """The count's range on every day it changes near the claim's day (and at the edges)."""
    first = as_of - dt.timedelta(days=CHART_DAYS)
    last = as_of + dt.timedelta(days=CHART_DAYS)
    days = sorted({first, as_of, last} | {d for d in steps.days if first < d < last})
    return [{"date": d.isoformat(), "low": steps.at(d).low, "high": steps.at(d).high} for d in days]


def _names(codes: Sequence[str]) -> str:
    lang = reader_language()
    return ", ".join(country_name(code, lang) or code for code in codes)


def what_it_checks(spec: ClaimSpec) -> str:
    """One line saying what a claim asserts, so claims quoting the same words stay apart."""
    if spec.kind == "count" and spec.op and spec.value is not None:
        return claimed(spec.op, spec.value, spec.definition().quantity)
    if spec.kind == "group-missing":
        group = get_group(spec.group).name(reader_language())
        return _("every member of %(group)s endorsed except %(states)s") % {
            "group": group,
            "states": _names(spec.states),
        }
    if spec.kind == "states-absent":
        return _("not endorsed: %(states)s") % {"states": _names(spec.states)}
    if spec.kind == "launch-date" and spec.claimed_date is not None:
        return _("launched on %(day)s") % {"day": _day(spec.claimed_date.isoformat())}
    return spec.kind
