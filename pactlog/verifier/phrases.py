"""The verifier's sentences in each language it speaks, as `str.format` templates.

The stand-alone verifier has no gettext catalogue (no Django, no Babel), so its few sentences
live here, one table per language with the same keys and placeholders (a test checks it).
French says a change as a label, "Australie : fin du soutien à « … »", so a country's name
needs no article nor elision, and uses the site's word for an endorsement, "soutien".
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("en", "fr")
DEFAULT = "en"

MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ),
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre",
    ),
}  # fmt: skip

PHRASES: dict[str, dict[str, str]] = {
    "en": {
        # dates and intervals (day: "3 March 2027")
        "day": "{day} {month} {year}",
        "first_day": "1 {month} {year}",
        "on": "on {day}",
        "by": "by {day}",
        "between": "between {first} and {last}",
        # changes (whose: the possessive of who; when: " on 3 March 2027" or "")
        "started": "{who} endorsed {what} {start}",
        "ended": "{whose} endorsement of {what} ended{when} ({status})",
        "corrected": (
            "{whose} endorsement of {what} was corrected: it started {start}{ended} ({status})"
        ),
        "corrected_end": " and ended {end}",
        "status.active": "active",
        "status.withdrawn": "withdrawn",
        "status.removed": "removed",
        # the monitor's messages
        "change": "{text}.\nLog entry {index} ({type}, recorded {recorded_at}); its proof: {proof}",
        "alarm_title": "The log of {site} misbehaves: {what}",
        "alarm_line": "ALARM: {what}",
        "evidence_line": "EVIDENCE: {label}:",
        "receipt_ok": "OK: entry {index} of {origin} (signed tree of size {size})",
        "receipt_entry": "{text} (recorded {recorded_at}; actor id {actor}, agreement {agreement})",
        "heartbeat_title": "Still watching {site}: log at size {size}, no change",
        "heartbeat_text": "{title} to report (watches: {watches}).",
        "webhook_disabled": "Webhook {url} disabled after {why}",
        "webhook_disabled_text": "{title}. Rerun with --enable-webhooks to try it again.",
        "atom_title": "pactlog monitor of {site}",
        "email_alarm": "[pactlog ALARM] ",
        # alarms (their evidence, then what went wrong)
        "evidence.served": "checkpoint served",
        "evidence.before": "the checkpoint verified before",
        "evidence.now": "the checkpoint served now",
        "evidence.checkpoint": "checkpoint",
        "alarm.unverified": "the checkpoint does not verify: {error}",
        "alarm.vanished": "the log has no checkpoint any more ({error})",
        "alarm.shrank": "the log shrank from {old} to {new} entries",
        "alarm.split": "two different trees of size {size} (a split view)",
        "alarm.tiles": "tiles missing for the consistency proof: {error}",
        "alarm.rewritten": (
            "the checkpoint of size {new} is not consistent with the one of size {old} "
            "verified before (history rewritten): {error}"
        ),
        "alarm.unparsed": "an entry does not parse or replay: {error}",
        "alarm.missing": "missing entries: {error}",
        "alarm.unreadable": "the entries cannot be read: {error}",
        "alarm.root": "the entries {first}..{last} do not give the checkpoint's root",
    },
    "fr": {
        "day": "{day} {month} {year}",
        "first_day": "1er {month} {year}",
        "on": "le {day}",
        "by": "au plus tard le {day}",
        "between": "entre le {first} et le {last}",
        "started": "{who} : début du soutien à « {what} » {start}",
        "ended": "{who} : fin du soutien à « {what} »{when} ({status})",
        "corrected": (
            "{who} : dates du soutien à « {what} » corrigées : début {start}{ended} ({status})"
        ),
        "corrected_end": ", fin {end}",
        "status.active": "actif",
        "status.withdrawn": "retiré",
        "status.removed": "disparu de la source",
        "change": (
            "{text}.\nEntrée {index} du journal ({type}, consignée le {recorded_at}) ; "
            "sa preuve : {proof}"
        ),
        "alarm_title": "Le journal de {site} se comporte mal : {what}",
        "alarm_line": "ALERTE : {what}",
        "evidence_line": "PREUVE : {label} :",
        "receipt_ok": "OK : entrée {index} de {origin} (arbre signé de taille {size})",
        "receipt_entry": (
            "{text} (consignée le {recorded_at} ; identifiant de l'acteur {actor}, "
            "texte {agreement})"
        ),
        "heartbeat_title": "Surveillance de {site} : journal de taille {size}, aucun changement",
        "heartbeat_text": "{title} à signaler (surveillances : {watches}).",
        "webhook_disabled": "Webhook {url} désactivé après {why}",
        "webhook_disabled_text": (
            "{title}. Relancez avec --enable-webhooks pour l'essayer de nouveau."
        ),
        "atom_title": "Moniteur pactlog de {site}",
        "email_alarm": "[pactlog ALERTE] ",
        "evidence.served": "point de contrôle servi",
        "evidence.before": "le point de contrôle vérifié auparavant",
        "evidence.now": "le point de contrôle servi maintenant",
        "evidence.checkpoint": "point de contrôle",
        "alarm.unverified": "le point de contrôle ne se vérifie pas : {error}",
        "alarm.vanished": "le journal n'a plus de point de contrôle ({error})",
        "alarm.shrank": "le journal a rétréci de {old} à {new} entrées",
        "alarm.split": "deux arbres différents de taille {size} (une vue scindée)",
        "alarm.tiles": "tuiles manquantes pour la preuve de cohérence : {error}",
        "alarm.rewritten": (
            "le point de contrôle de taille {new} n'est pas cohérent avec celui de taille "
            "{old} vérifié auparavant (historique réécrit) : {error}"
        ),
        "alarm.unparsed": "une entrée ne se lit pas ou ne se rejoue pas : {error}",
        "alarm.missing": "entrées manquantes : {error}",
        "alarm.unreadable": "les entrées ne peuvent pas être lues : {error}",
        "alarm.root": "les entrées {first} à {last} ne donnent pas la racine du point de contrôle",
    },
}


def language(lang: str | None) -> str:
    """`lang` if the verifier speaks it (`fr-ca` reads as `fr`), else English."""
    short = (lang or "")[:2].lower()
    return short if short in LANGUAGES else DEFAULT


def say(lang: str, key: str, **values: Any) -> str:
    """The phrase `key` in `lang` (English if `lang` is not spoken), filled with `values`."""
    return PHRASES[language(lang)][key].format(**values)
