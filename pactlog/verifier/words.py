"""Registry changes said in English words, the same for the monitor's messages and the site's
watch feeds ("Australia's endorsement of the Paris Call ended on 3 March 2027")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pactlog.verifier.countries import country_name_en

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def spell_day(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def spell_interval(interval: dict[str, Any]) -> str:
    """`on 3 March 2027`, `by 31 December 2019`, `between 1 May 2018 and 31 December 2019`."""
    before, after = interval.get("not_before"), interval["not_after"]
    if before == after:
        return f"on {spell_day(after)}"
    if before is None:
        return f"by {spell_day(after)}"
    return f"between {spell_day(before)} and {spell_day(after)}"


def actor_name(actor: dict[str, Any]) -> str:
    if actor.get("kind") == "state" and actor.get("country"):
        return country_name_en(actor["country"]) or str(actor.get("name", actor["id"]))
    return str(actor.get("name") or actor["id"])


def agreement_title(agreement: dict[str, Any]) -> str:
    title = agreement.get("title") or {}
    return str(title.get("en") or agreement["slug"])


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"
