"""The "check a number" box: a reader's number, date and category, checked and never stored."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pactlog.claims.engine import MAX_VALUE, ClaimError
from pactlog.claims.spec import ClaimSpec, latest_day, parse_claim
from pactlog.registry.dates import EARLIEST
from pactlog.registry.models import Agreement
from pactlog.site import labels

OP_CHOICES = [
    (">=", _("at least")), (">", _("more than")), ("=", _("exactly")),
    ("about", _("about (within 5%)")), ("<=", _("at most")), ("<", _("fewer than")),
]  # fmt: skip


class CheckForm(forms.Form):
    op = forms.ChoiceField(label=_("The claim says"), choices=OP_CHOICES, initial=">=")
    value = forms.IntegerField(label=_("Number"), min_value=0, max_value=MAX_VALUE)
    quantity = forms.ChoiceField(label=_("Of"))
    as_of = forms.DateField(
        label=_("On"), widget=forms.DateInput(attrs={"type": "date"}), input_formats=["%Y-%m-%d"]
    )

    def __init__(self, agreement: Agreement, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        choices: list[tuple[str, Any]] = [("total", _("supporters (all categories)"))]
        choices += [(c, labels.category(c)) for c in agreement.categories]
        self.fields["quantity"].choices = choices  # type: ignore[attr-defined]

    def clean_as_of(self) -> Any:
        day = self.cleaned_data["as_of"]
        first, last = self.agreement.launched_on or EARLIEST, latest_day()
        if not first <= day <= last:
            raise forms.ValidationError(
                _("Enter a date between %(first)s and %(last)s."),
                params={"first": first.isoformat(), "last": last.isoformat()},
            )
        return day

    def spec(self) -> ClaimSpec:
        data = self.cleaned_data
        raw = {
            "kind": "count", "as_of": data["as_of"].isoformat(), "quantity": data["quantity"],
            "op": data["op"], "value": data["value"],
        }  # fmt: skip
        try:
            return parse_claim(raw, with_source=False)
        except ClaimError as exc:  # the fields above allow only valid claims; say so if not
            raise forms.ValidationError(str(exc)) from None
