"""The registry's vocabulary, listed so that makemessages puts it in the site's catalogue.

The labels live in `pactlog.registry.vocabulary`; the site's French catalogue translates them
(a test checks that every label has a translation).
"""

from django.utils.translation import gettext_noop

VOCABULARY = [
    gettext_noop("State"),
    gettext_noop("Public authority"),
    gettext_noop("Civil society"),
    gettext_noop("Private sector"),
    gettext_noop("International organisation"),
    gettext_noop("Not stated"),
    gettext_noop("Company"),
    gettext_noop("Professional association"),
    gettext_noop("Chamber of commerce"),
    gettext_noop("NGO"),
    gettext_noop("Foundation"),
    gettext_noop("Think tank"),
    gettext_noop("University"),
    gettext_noop("Research centre"),
    gettext_noop("School"),
    gettext_noop("Local government"),
    gettext_noop("Public body"),
    gettext_noop("Other"),
    gettext_noop("Organisation"),
    gettext_noop("Active"),
    gettext_noop("Withdrawn"),
    gettext_noop("Removed"),
]
