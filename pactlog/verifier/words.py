"""Registry changes said in words, in English or French, the same for the monitor's messages,
the site's watch feeds and receipts ("Australia's endorsement of the Paris Call ended on
3 March 2027"; "Australie : fin du soutien à « Appel de Paris » le 3 mars 2027"). The
sentences are the templates of `pactlog.verifier.phrases`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pactlog.verifier.countries import country_name
from pactlog.verifier.phrases import DEFAULT, MONTHS, PHRASES, language, say
from pactlog.verifier.replay import ENDORSEMENT_ENDED, ENDORSEMENT_STARTED


def spell_day(iso: str, lang: str = DEFAULT) -> str:
    """`3 March 2027`, `1er mai 2018`."""
    day = dt.date.fromisoformat(iso)
    month = MONTHS[language(lang)][day.month - 1]
    if day.day == 1:
        return say(lang, "first_day", month=month, year=day.year)
    return say(lang, "day", day=day.day, month=month, year=day.year)


def spell_interval(interval: dict[str, Any], lang: str = DEFAULT) -> str:
    """`on 3 March 2027`, `by 31 December 2019`, `between 1 May 2018 and 31 December 2019`."""
    before, after = interval.get("not_before"), interval["not_after"]
    if before == after:
        return say(lang, "on", day=spell_day(after, lang))
    if before is None:
        return say(lang, "by", day=spell_day(after, lang))
    return say(lang, "between", first=spell_day(before, lang), last=spell_day(after, lang))


def actor_name(actor: dict[str, Any], lang: str = DEFAULT) -> str:
    """A state by its country's name in `lang`; an organisation by its own form in `lang` when
    its entry gives one (`names`, as on the site), else as it writes itself."""
    if actor.get("kind") == "state" and actor.get("country"):
        return country_name(actor["country"], language(lang)) or str(actor.get("name", actor["id"]))
    names = actor.get("names")
    other = names.get(language(lang)) if isinstance(names, dict) else None
    return str(other or actor.get("name") or actor["id"])


def agreement_title(agreement: dict[str, Any], lang: str = DEFAULT) -> str:
    """The title in `lang`, else in English, else the slug."""
    title = agreement.get("title") or {}
    return str(title.get(language(lang)) or title.get("en") or agreement["slug"])


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def status_word(status: str, lang: str = DEFAULT) -> str:
    """An endorsement's status in `lang` (a status the phrases do not know, as it is)."""
    return PHRASES[language(lang)].get(f"status.{status}", status)


def change_text(
    kind: str,
    payload: dict[str, Any],
    actor: dict[str, Any],
    agreement: dict[str, Any],
    lang: str = DEFAULT,
) -> str:
    """An endorsement event in words, with the actor and agreement as they stood then."""
    who = actor_name(actor, lang)
    names = {"who": who, "whose": possessive(who), "what": agreement_title(agreement, lang)}
    status = status_word(str(payload.get("status", "")), lang)
    if kind == ENDORSEMENT_STARTED:
        return say(lang, "started", start=spell_interval(payload["start"], lang), **names)
    end = payload.get("end")
    if kind == ENDORSEMENT_ENDED or (end and payload["status"] != "active"):
        when = f" {spell_interval(end, lang)}" if end else ""
        return say(lang, "ended", when=when, status=status, **names)
    ended = say(lang, "corrected_end", end=spell_interval(end, lang)) if end else ""
    start = spell_interval(payload["start"], lang)
    return say(lang, "corrected", start=start, ended=ended, status=status, **names)
