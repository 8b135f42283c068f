"""The request form: field names of the public contract, messages that say what to fix."""

from __future__ import annotations

import hashlib
import secrets
import time
import unicodedata
from functools import cache
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.utils.translation import gettext_lazy as _

from pactlog.joining.addresses import refusal
from pactlog.registry.countries import all_codes, country_name
from pactlog.registry.models import Agreement
from pactlog.registry.text import fold_search
from pactlog.registry.vocabulary import Category, Nature
from pactlog.web import ratelimit

STARTED_SALT = "pactlog.joining.started"
#: How long the form's stamp is good for: a person fills it in well under that.
STAMP_SECONDS = 6 * 3600


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


def _lines_allowed(value: str) -> None:
    no_control_characters(value, allow_lines=True)


def text_field(
    label: Any, max_length: int, *, required: bool = True, lines: bool = False, **kwargs: Any
) -> forms.CharField:
    """A field of text people type: control characters are refused (line breaks too, but in
    a text of several `lines`), so none is stored, mailed, or echoed back."""
    check = _lines_allowed if lines else no_control_characters
    return forms.CharField(
        label=label, max_length=max_length, required=required, validators=[check], **kwargs
    )


class JoinForm(forms.Form):
    name = text_field(_("Name of the organisation"), 300)
    category = forms.ChoiceField(label=_("Category"))
    country = forms.ChoiceField(label=_("Country"), required=False)
    nature = forms.ChoiceField(label=_("Nature"), required=False)
    # The site's languages: a reader of each sees the organisation under its form there.
    name_en = text_field(_("Its name in English, if it differs"), 300, required=False)
    name_fr = text_field(_("Its name in French, if it differs"), 300, required=False)
    website = forms.URLField(
        label=_("Website"), required=False, max_length=500, assume_scheme="https"
    )
    contact_name = text_field(_("Your name"), 200)
    contact_role = text_field(_("Your role in the organisation"), 200)
    contact_email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    message = text_field(
        _("Message to the moderators (optional)"),
        5000,
        required=False,
        lines=True,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    authority = forms.BooleanField(
        label=_("I am authorised to commit this organisation to the agreement."),
        error_messages={"required": _("Tick this box to confirm that you may commit it.")},
    )
    #: Left empty by people (it is hidden); bots fill it.
    homepage = forms.CharField(required=False, label=_("Leave this field empty"))
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, agreement: Agreement, lang: str, *args: Any, binding: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lang = lang
        self.binding = _bind(binding)
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
            self.initial["started"] = make_stamp(binding)

    def _choice(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])

    def clean_contact_email(self) -> str:
        value: str = self.cleaned_data["contact_email"]
        why = refusal(value)
        if why == "ip-literal":
            raise forms.ValidationError(_("Give an address at a domain name, not an IP address."))
        if why == "quoted":
            raise forms.ValidationError(_("Write the address without quotation marks."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("category") == Category.STATE and not data.get("country"):
            self.add_error("country", _("A state is identified by its country: choose it."))
        return data

    def is_bot(self) -> bool:
        """The hidden field was filled in."""
        return bool(self.data.get("homepage"))

    def _stamp(self) -> dict[str, Any] | None:
        """The signed stamp of when the form was shown, if it is this client's and fresh."""
        try:
            stamp = signing.loads(str(self.data.get("started", "")), salt=STARTED_SALT,
                                  max_age=STAMP_SECONDS)  # fmt: skip
        except (signing.BadSignature, TypeError, ValueError):
            return None
        if not isinstance(stamp, dict) or stamp.get("b") != self.binding:
            return None
        if not isinstance(stamp.get("t"), float) or not isinstance(stamp.get("n"), str):
            return None
        return stamp

    def too_fast(self) -> bool:
        """Sent sooner after the form was shown than a person could fill it, or with no stamp
        of this client's (it is bound to the CSRF secret), or with one already spent."""
        if not settings.PACTLOG_JOIN_LIMITS:
            return False
        stamp = self._stamp()
        if stamp is None or caches[ratelimit.ALIAS].get(_spent_key(stamp["n"])):
            return True
        return bool(time.time() - stamp["t"] < settings.PACTLOG_JOIN_MIN_SECONDS)

    def spend_stamp(self) -> bool:
        """Mark the stamp used; False when another submission spent it first."""
        if not settings.PACTLOG_JOIN_LIMITS:
            return True
        stamp = self._stamp()
        if stamp is None:
            return False
        return bool(caches[ratelimit.ALIAS].add(_spent_key(stamp["n"]), 1, STAMP_SECONDS))


def make_stamp(binding: str, shown_at: float | None = None) -> str:
    """A signed stamp of when the form was shown, bound to the client's CSRF secret."""
    shown = time.time() if shown_at is None else shown_at
    stamp = {"t": float(shown), "n": secrets.token_urlsafe(12), "b": _bind(binding)}
    return signing.dumps(stamp, salt=STARTED_SALT)


def _bind(secret: str) -> str:
    return hashlib.sha256(f"{STARTED_SALT}:{secret}".encode()).hexdigest()[:32]


def _spent_key(nonce: str) -> str:
    return f"pactlog:stamp:{nonce}"
