"""Join, correction and claim requests in the Django admin: read-only, pointing to /moderation/.

Decisions are taken on the moderation pages (they lock the request, write the registry
through its services and e-mail the requester); the admin lists requests so a new admin
finds them, and its home page links the moderation queue.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from pactlog.joining.models import JoinRequest

admin.site.index_template = "joining/admin_index.html"


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "state", "name", "agreement", "submitted_at", "moderation")
    list_filter = ("kind", "state", "agreement")
    search_fields = ("name",)
    ordering = ("-submitted_at",)
    fields = (
        "kind", "state", "agreement", "name", "names", "category", "country", "nature", "website",
        "actor", "submitted_at", "confirmed_at", "withdrawal_requested_at", "decided_at",
        "decided_by", "reason", "before", "proposed", "domain_check", "override", "language",
    )  # fmt: skip
    readonly_fields = fields

    @admin.display(description=_("Moderation page"))
    def moderation(self, obj: JoinRequest) -> str:
        url = reverse("moderation:detail", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Open"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
