"""French everywhere: catalogue compiled with Babel, vocabulary translated, dates spelled out."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from pactlog.registry.dates import Interval
from pactlog.registry.vocabulary import Category, Nature, Status
from pactlog.site import labels
from pactlog.site.translations import catalogues, compile_all


def test_compile_all_writes_a_mo_beside_each_po():
    count = compile_all()
    paths = catalogues()
    assert count == len(paths) >= 1
    assert all(path.with_suffix(".mo").stat().st_size > 0 for path in paths)


def test_every_vocabulary_label_has_a_french_translation():
    words = [*Category.labels, *Nature.labels, *Status.labels]
    with translation.override("en"):
        english = [str(w) for w in words]
    with translation.override("fr"):
        french = [str(w) for w in words]
    same = {en for en, fr in zip(english, french, strict=True) if en == fr}
    assert same <= {"Organisation"}


def test_intervals_are_spelled_out_with_their_precision():
    day = dt.date(2019, 11, 19)
    with translation.override("en"):
        assert labels.spell_interval(Interval.day(day), "en") == "on 19 Nov 2019"
        assert (
            labels.spell_interval(Interval(None, dt.date(2019, 12, 31)), "en") == "by 31 Dec 2019"
        )
        assert (
            labels.spell_interval(Interval(dt.date(2020, 1, 1), dt.date(2020, 12, 31)), "en")
            == "between 1 Jan 2020 and 31 Dec 2020"
        )
    with translation.override("fr"):
        assert labels.spell_interval(Interval.day(day), "fr") == "le 19 nov. 2019"
        assert (
            labels.spell_interval(Interval(None, dt.date(2019, 12, 31)), "fr")
            == "au plus tard le 31 déc. 2019"
        )


def test_labels_follow_the_active_language():
    with translation.override("fr"):
        assert labels.category("private-sector") == "Secteur privé"
        assert labels.country("GBR", "fr") == "Royaume-Uni"
    assert labels.country("GBR", "en") == "United Kingdom"
    assert labels.category("not-a-category") == "not-a-category"
