"""Atom feed of an agreement's newest supporters (Django's syndication framework)."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pactlog.registry import queries
from pactlog.registry.dates import today
from pactlog.registry.models import Agreement, Endorsement
from pactlog.site import labels
from pactlog.web.reads import reader_language
from pactlog.web.xmltext import SafeAtom1Feed

ITEMS = 50


class NewSupportersFeed(Feed):
    feed_type = SafeAtom1Feed

    def get_object(self, request: HttpRequest, slug: str) -> Agreement:
        try:
            return queries.get_agreement(slug)
        except queries.NotFound as error:
            raise Http404(str(error)) from None

    def title(self, agreement: Agreement) -> str:
        return _("New supporters of %(title)s") % {"title": agreement.title()}

    def link(self, agreement: Agreement) -> str:
        return reverse("site:supporters", args=[agreement.slug]) + "?order=-date"

    def subtitle(self, agreement: Agreement) -> str:
        return agreement.summary()

    def items(self, agreement: Agreement) -> list[Endorsement]:
        rows = queries.ordered(queries.in_force(agreement, today()), "-date", reader_language())
        return list(rows.select_related("agreement")[:ITEMS])

    def item_title(self, item: Endorsement) -> str:
        return item.actor.display_name(get_language())

    def item_description(self, item: Endorsement) -> str:
        lang = reader_language()
        return _("%(category)s, endorsed %(when)s") % {
            "category": labels.category(item.actor.category),
            "when": labels.spell_interval(item.start, lang),
        }

    def item_link(self, item: Endorsement) -> str:
        return reverse("site:supporter", args=[item.agreement.slug, item.actor.public_id])

    def item_guid(self, item: Endorsement) -> str:
        return f"{item.agreement.slug}:{item.actor.public_id}:{item.number}"

    def item_pubdate(self, item: Endorsement) -> dt.datetime:
        return dt.datetime.combine(item.start_not_after, dt.time(), tzinfo=dt.UTC)

    def item_updateddate(self, item: Endorsement) -> dt.datetime:
        return self.item_pubdate(item)
