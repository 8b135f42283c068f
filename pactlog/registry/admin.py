"""Admin for the secretariat: look, search, filter, and correct through the service layer.

Saving an actor or an agreement, or withdrawing endorsements, calls `pactlog.registry.services`
like any other change, so each one is an event. Nothing is deleted (the record is append-only),
events are read-only, and endorsements start through imports (and, later, the joining form).
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from pactlog.registry import services
from pactlog.registry.countries import is_country
from pactlog.registry.dates import Interval, today
from pactlog.registry.models import Actor, Agreement, Endorsement, Event, Principle, SourceKey
from pactlog.registry.services import ACTOR_FIELDS, AGREEMENT_FIELDS, ActorSpec, RegistryError
from pactlog.registry.vocabulary import ActorKind, Status


class NoDeleteAdmin(admin.ModelAdmin):
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(NoDeleteAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PrincipleInline(ReadOnlyInline):
    model = Principle


class SourceKeyInline(ReadOnlyInline):
    model = SourceKey


@admin.register(Agreement)
class AgreementAdmin(NoDeleteAdmin):
    list_display = ["slug", "title_en", "launched_on", "is_example"]
    fields = ["slug", *AGREEMENT_FIELDS]
    inlines = [PrincipleInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["slug"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Agreement, form: Any, change: bool) -> None:
        values = {name: form.cleaned_data[name] for name in AGREEMENT_FIELDS}
        saved, _ = services.save_agreement(obj.slug, **values)
        obj.pk = saved.pk


class ActorForm(forms.ModelForm):
    class Meta:
        model = Actor
        fields = list(ACTOR_FIELDS)

    def clean_country(self) -> str:
        code = str(self.cleaned_data.get("country") or "").strip().upper()
        if code and not is_country(code):
            raise forms.ValidationError("Use an ISO 3166-1 alpha-3 code, e.g. FRA.")
        return code

    def clean_names(self) -> dict[str, str]:
        """Empty is no other name; anything else is the site's language codes to names."""
        value = self.cleaned_data.get("names") or {}
        languages = {code for code, _ in settings.LANGUAGES}
        if not isinstance(value, dict) or not all(
            code in languages and isinstance(name, str) for code, name in value.items()
        ):
            codes = ", ".join(sorted(languages))
            raise forms.ValidationError(
                f"A mapping of the site's languages ({codes}) to the name in each, e.g. "
                '{"en": "French National Cybersecurity Agency"}.'
            )
        longest = Actor._meta.get_field("name").max_length or 500
        for code, name in value.items():
            if len(name) > longest:
                raise forms.ValidationError(
                    f"The name in {code!r} is {len(name)} characters long; at most {longest}."
                )
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind") or self.instance.kind
        if kind == ActorKind.STATE and not data.get("country"):
            self.add_error("country", "A state needs its ISO 3166-1 alpha-3 code.")
        if kind == ActorKind.STATE and data.get("names"):
            self.add_error("names", "A state is named by Babel in every language: no names.")
        return data


@admin.register(Actor)
class ActorAdmin(NoDeleteAdmin):
    form = ActorForm
    list_display = ["name", "public_id", "kind", "category", "nature", "country"]
    list_filter = ["kind", "category", "nature"]
    search_fields = ["name", "public_id", "search_text", "country"]
    inlines = [SourceKeyInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["public_id", "kind", "merged_into"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Actor, form: Any, change: bool) -> None:
        spec = ActorSpec(**{f.name: getattr(obj, f.name) for f in fields(ActorSpec)})
        if change:
            services.update_actors([(Actor.objects.get(pk=obj.pk), spec, [])])
        else:
            (created,) = services.create_actors([spec])
            obj.pk, obj.public_id = created.pk, created.public_id

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Source keys come from imports: the read-only inline is only bookkept, not saved."""
        for formset in formsets:
            formset.save(commit=False)


@admin.register(Endorsement)
class EndorsementAdmin(ReadOnlyAdmin):
    list_display = [
        "actor", "agreement", "status", "start_not_before", "start_not_after",
        "end_not_before", "end_not_after", "source",
    ]  # fmt: skip
    list_filter = ["agreement", "status", "actor__category", "source"]
    search_fields = ["actor__name", "actor__public_id"]
    list_select_related = ["actor", "agreement"]
    actions = ["withdraw_today"]

    def has_withdraw_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.has_perm("registry.change_endorsement"))

    @admin.action(
        description="Withdraw as of today (the supporter asked)", permissions=["withdraw"]
    )
    def withdraw_today(self, request: HttpRequest, queryset: QuerySet[Endorsement]) -> None:
        day = Interval.day(today())
        chosen = list(queryset.select_related("actor", "agreement"))
        active = [e for e in chosen if e.status == Status.ACTIVE]
        try:
            services.end_endorsements([(e, Status.WITHDRAWN, day) for e in active])
        except RegistryError as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        skipped = len(chosen) - len(active)
        note = f" ({skipped} already ended, left as they were)" if skipped else ""
        self.message_user(request, f"{len(active)} endorsement(s) withdrawn{note}.")


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["seq", "type", "actor", "recorded_at"]
    list_filter = ["type"]
    search_fields = ["actor", "payload"]
