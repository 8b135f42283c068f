"""The forms of a supporter's own entry: a correction, and a claim of its listing."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from pactlog.joining.forms import JoinForm, country_choices
from pactlog.registry.models import Actor
from pactlog.registry.vocabulary import ActorKind, Nature

#: The correction form's fields for the name in each of the site's languages.
OTHER_NAME_FIELDS = ("name_en", "name_fr")


class CorrectionForm(forms.Form):
    """The public fields a supporter may correct, shown filled with what the entry says."""

    # The join form's fields, as an organisation first gave them.
    name = JoinForm.base_fields["name"]
    name_en = JoinForm.base_fields["name_en"]
    name_fr = JoinForm.base_fields["name_fr"]
    website = JoinForm.base_fields["website"]
    nature = forms.ChoiceField(label=_("Nature"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, actor: Actor, lang: str, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"name": actor.name, "website": actor.website, "nature": actor.nature,
             "country": actor.country,
             **{f"name_{code}": value for code, value in (actor.names or {}).items()}},
        )  # fmt: skip
        super().__init__(*args, **kwargs)
        nature = cast(forms.ChoiceField, self.fields["nature"])
        nature.choices = [("", _("— Choose (optional) —")), *[c for c in Nature.choices if c[0]]]
        cast(forms.ChoiceField, self.fields["country"]).choices = country_choices(lang)
        self.fields["name"].widget.attrs.update(autocomplete="organization")
        if actor.kind == ActorKind.STATE:  # named by its country code in every language
            for key in OTHER_NAME_FIELDS:
                del self.fields[key]

    def proposed(self) -> dict[str, Any]:
        """The entry as asked, in `ActorSpec` names (`names`: the other-language forms)."""
        data = {key: str(self.cleaned_data.get(key) or "") for key in self.fields}
        if not any(key in data for key in OTHER_NAME_FIELDS):
            return data
        names = {key[5:]: data.pop(key) for key in OTHER_NAME_FIELDS}
        return {**data, "names": names}


class ClaimForm(forms.Form):
    """Who claims the listing: their address should be at the organisation's website domain."""

    # The same fields as the join form's, except the address's label.
    contact_name = JoinForm.base_fields["contact_name"]
    contact_role = JoinForm.base_fields["contact_role"]
    contact_email = forms.EmailField(
        label=_("Your e-mail address at the organisation"), max_length=254
    )
    message = JoinForm.base_fields["message"]
    authority = forms.BooleanField(
        label=_("I may speak for this organisation about its endorsement."),
        error_messages={"required": _("Tick this box to confirm that you may speak for it.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_name"].widget.attrs.update(autocomplete="name")
        self.fields["contact_role"].widget.attrs.update(autocomplete="organization-title")
        self.fields["contact_email"].widget.attrs.update(autocomplete="email")

    def contact(self) -> dict[str, str]:
        data = self.cleaned_data
        return {"name": data["contact_name"], "role": data["contact_role"],
                "email": data["contact_email"], "message": data.get("message", "")}  # fmt: skip
