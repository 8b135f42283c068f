"""Admin for editors: enter and correct claims through `claims.services` (an event each).

A claim's verdict is never a field here: it is computed, and its history is shown read-only.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest

from pactlog.claims.engine import ClaimError
from pactlog.claims.models import Claim, ClaimVerdict
from pactlog.claims.services import save_claim
from pactlog.claims.spec import KINDS, OPS, QUANTITIES, after_publication_warning, parse_claim


class ClaimForm(forms.ModelForm):
    kind = forms.ChoiceField(choices=[(k, k) for k in KINDS])
    quantity = forms.ChoiceField(choices=[("", "-")] + [(q, q) for q in QUANTITIES], required=False)
    op = forms.ChoiceField(choices=[("", "-")] + [(o, o) for o in OPS], required=False)
    states = forms.CharField(
        required=False,
        help_text="ISO 3166-1 alpha-3 codes separated by spaces or commas (missing / absent).",
    )

    class Meta:
        model = Claim
        fields = [
            "agreement", "source_title", "source_publisher", "source_author", "source_url",
            "source_published", "quote", "kind", "as_of", "quantity", "group", "op", "value",
            "tolerance_percent", "states", "claimed_date",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["states"] = " ".join(self.instance.states)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        codes = [c for c in (data.get("states") or "").replace(",", " ").split() if c]
        day = data.get("claimed_date")
        tolerance = data.get("tolerance_percent")
        raw = {
            "source": {
                "title": data.get("source_title"),
                "publisher": data.get("source_publisher"),
                "author": data.get("source_author"),
                "url": data.get("source_url"),
                "published": data.get("source_published"),
            },
            "quote": data.get("quote"),
            "kind": data.get("kind"),
            "as_of": data.get("as_of"),
            "quantity": data.get("quantity") or None,
            "group": data.get("group") or None,
            "op": data.get("op") or None,
            "value": day.isoformat()
            if data.get("kind") == "launch-date" and day
            else data.get("value"),
            "tolerance_percent": str(tolerance) if tolerance is not None else None,
            "missing": codes,
            "states": codes,
        }
        try:
            self.spec = parse_claim(raw)
        except ClaimError as exc:
            raise forms.ValidationError(str(exc)) from None
        return data


class VerdictInline(admin.TabularInline):
    model = ClaimVerdict
    extra = 0
    can_delete = False
    fields = ["registry_version", "verdict", "computed_at"]
    readonly_fields = ["registry_version", "verdict", "computed_at"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    form = ClaimForm
    list_display = ["public_id", "agreement", "kind", "as_of", "source_title", "current_verdict"]
    list_filter = ["agreement", "kind"]
    search_fields = ["public_id", "source_title", "quote"]
    readonly_fields = ["public_id"]
    inlines = [VerdictInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="verdict (computed)")
    def current_verdict(self, obj: Claim) -> str:
        latest = obj.latest_verdict()
        return latest.verdict if latest else "-"

    def save_model(self, request: HttpRequest, obj: Claim, form: Any, change: bool) -> None:
        saved, _ = save_claim(
            form.cleaned_data["agreement"], form.spec, obj.public_id if change else None
        )
        obj.pk, obj.public_id = saved.pk, saved.public_id
        from pactlog.claims.verdicts import refresh  # the engine: not at every process start

        refresh(saved)
        if form.spec.refers_after_publication:
            messages.warning(request, after_publication_warning(form.spec))
