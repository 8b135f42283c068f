"""The request form: field names of the public contract, messages that say what to fix."""

from __future__ import annotations

import time
import unicodedata
from functools import cache
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from pactlog.registry.countries import all_codes, country_name
from pactlog.registry.models import Agreement
from pactlog.registry.text import fold_search
from pactlog.registry.vocabulary import Category, Nature

STARTED_SALT = "pactlog.joining.started"


@cache
def named_countries(lang: str) -> tuple[tuple[str, str], ...]:
    """ISO 3166-1 alpha-3 codes named by CLDR (Babel) in `lang`, in alphabetical order."""
    named = [(code, country_name(code, lang)) for code in all_codes()]
    return tuple(sorted(((c, n) for c, n in named if n), key=lambda c: fold_search(c[1])))


def country_choices(lang: str) -> list[tuple[str, Any]]:
    return [("", _("— Choose a country —")), *named_countries(lang)]


def no_control_characters(value: str, allow_lines: bool = False) -> None:
    allowed = "\t\n\r" if allow_lines else ""
    if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in value):
        raise forms.ValidationError(_("Remove the control characters from this field."))


class JoinForm(forms.Form):
    name = forms.CharField(label=_("Name of the organisation"), max_length=300)
    category = forms.ChoiceField(label=_("Category"))
    country = forms.ChoiceField(label=_("Country"), required=False)
    nature = forms.ChoiceField(label=_("Nature"), required=False)
    website = forms.URLField(
        label=_("Website"), required=False, max_length=500, assume_scheme="https"
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=200)
    contact_role = forms.CharField(label=_("Your role in the organisation"), max_length=200)
    contact_email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    message = forms.CharField(
        label=_("Message to the moderators (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    authority = forms.BooleanField(
        label=_("I am authorised to commit this organisation to the agreement."),
        error_messages={"required": _("Tick this box to confirm that you may commit it.")},
    )
    #: Left empty by people (it is hidden); bots fill it.
    homepage = forms.CharField(required=False, label=_("Leave this field empty"))
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, agreement: Agreement, lang: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Category.choices)
        self._choice("category").choices = [
            ("", _("— Choose a category —")),
            *[(c, labels.get(c, c)) for c in agreement.categories],
        ]
        self._choice("country").choices = country_choices(lang)
        nature = self._choice("nature")
        nature.choices = [("", _("— Choose (optional) —")), *[c for c in Nature.choices if c[0]]]
        self.fields["name"].widget.attrs.update(autocomplete="organization")
        self.fields["contact_name"].widget.attrs.update(autocomplete="name")
        self.fields["contact_role"].widget.attrs.update(autocomplete="organization-title")
        self.fields["contact_email"].widget.attrs.update(autocomplete="email")
        self.fields["homepage"].widget.attrs.update(tabindex="-1", autocomplete="off")
        if not self.is_bound:
            self.initial["started"] = signing.dumps(time.time(), salt=STARTED_SALT)

    def _choice(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])

    def clean_name(self) -> str:
        value: str = self.cleaned_data["name"]
        no_control_characters(value)
        return value

    def clean_contact_name(self) -> str:
        value: str = self.cleaned_data["contact_name"]
        no_control_characters(value)
        return value

    def clean_contact_role(self) -> str:
        value: str = self.cleaned_data["contact_role"]
        no_control_characters(value)
        return value

    def clean_message(self) -> str:
        value: str = self.cleaned_data["message"]
        no_control_characters(value, allow_lines=True)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("category") == Category.STATE and not data.get("country"):
            self.add_error("country", _("A state is identified by its country: choose it."))
        return data

    def is_bot(self) -> bool:
        """The hidden field was filled in."""
        return bool(self.data.get("homepage"))

    def too_fast(self) -> bool:
        """Sent sooner after the form was shown than a person could fill it (or no stamp)."""
        if not settings.PACTLOG_JOIN_LIMITS:
            return False
        try:
            shown = float(signing.loads(str(self.data.get("started", "")), salt=STARTED_SALT,
                                        max_age=86400))  # fmt: skip
        except (signing.BadSignature, TypeError, ValueError):
            return True
        return time.time() - shown < settings.PACTLOG_JOIN_MIN_SECONDS
