"""Admin: read-only views of the registry.

Changes go through `pactlog.registry.services` so that each one is an event; the admin lets
the secretariat look, search and filter, never edit rows behind the log's back.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from pactlog.registry.models import Actor, Agreement, Endorsement, Event, Principle, SourceKey


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
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


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["slug", "title_en", "launched_on", "is_example"]
    inlines = [PrincipleInline]


class SourceKeyInline(ReadOnlyInline):
    model = SourceKey


@admin.register(Actor)
class ActorAdmin(ReadOnlyAdmin):
    list_display = ["name", "public_id", "kind", "category", "nature", "country"]
    list_filter = ["kind", "category", "nature"]
    search_fields = ["name", "public_id", "search_text", "country"]
    inlines = [SourceKeyInline]


@admin.register(Endorsement)
class EndorsementAdmin(ReadOnlyAdmin):
    list_display = [
        "actor", "agreement", "status", "start_not_before", "start_not_after",
        "end_not_before", "end_not_after", "source",
    ]  # fmt: skip
    list_filter = ["agreement", "status", "actor__category", "source"]
    search_fields = ["actor__name", "actor__public_id"]
    list_select_related = ["actor", "agreement"]


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["seq", "type", "recorded_at"]
    list_filter = ["type"]
    search_fields = ["payload"]
