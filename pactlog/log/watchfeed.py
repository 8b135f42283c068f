"""`/<lang>/<agreement>/feed/?state=USA` (or `group=`, `actor=`, `category=`, or nothing for
every change): a watch as an Atom feed, for people with a feed reader and no account.

The changes are those of the log, found and said in words by the very code the monitor runs
(`pactlog.verifier.changes`), so a feed lists exactly what `pactlog-verify monitor --watch
state:USA@AGREEMENT` notifies. Item texts are the monitor's sentences in the reader's language
(`pactlog-verify monitor --lang fr` on `/fr/`).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from pactlog import memos
from pactlog.log import keys
from pactlog.log.groupsfile import memberships_document
from pactlog.log.integrate import stored_size
from pactlog.registry import queries
from pactlog.registry.entries import entry_bytes
from pactlog.registry.models import Event
from pactlog.verifier.changes import Change, Watch, WatchError, fold_changes, groups_from_json
from pactlog.verifier.changes import parse_watch as parse_watch_text
from pactlog.verifier.replay import PublicState
from pactlog.verifier.words import spell_day
from pactlog.web.reads import public_read, reader_language

ITEMS = 100
FILTERS = ("state", "group", "actor", "category")


def log_changes(size: int, last: str) -> tuple[Change, ...]:
    """Every change among the log's first `size` entries (cached per size and last entry)."""
    return _log_changes(size, last)


@lru_cache(maxsize=4)
def _log_changes(size: int, last: str) -> tuple[Change, ...]:
    rows = Event.objects.filter(seq__lt=size).order_by("seq")
    entries = (
        (seq, entry_bytes(seq, kind, when, payload))
        for seq, kind, when, payload in rows.values_list(
            "seq", "type", "recorded_at", "payload"
        ).iterator(chunk_size=2000)
    )
    return tuple(fold_changes(PublicState(), entries))


memos.register(_log_changes.cache_clear)


def watch_from_query(request: HttpRequest, slug: str) -> Watch:
    """The watch the query string asks for; WatchError if it is malformed or ambiguous."""
    given = [(name, request.GET[name]) for name in FILTERS if name in request.GET]
    if len(given) > 1:
        raise WatchError(_("give one of state, group, actor or category, not several"))
    text = "any" if not given else f"{given[0][0]}:{given[0][1]}"
    return parse_watch_text(f"{text}@{slug}")


def watched_changes(watch: Watch) -> list[Change]:
    size = stored_size()
    last = Event.objects.filter(seq=size - 1).values_list("recorded_at", flat=True).first()
    groups = groups_from_json(memberships_document())
    changes = log_changes(size, str(last))
    return [c for c in changes if watch.matches(c, groups)]


@public_read(
    "state", "group", "actor", "category",
    etag="none", cache_page=False, front=False, cross_origin=True,
)  # fmt: skip
def feed(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        agreement = queries.get_agreement(slug)
    except queries.NotFound as error:
        raise Http404(str(error)) from None
    try:
        watch = watch_from_query(request, slug)
    except WatchError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    if watch.kind == "group" and watch.value not in groups_from_json(memberships_document()):
        raise Http404(_("no such group: %(slug)s") % {"slug": watch.value})
    changes = watched_changes(watch)[::-1][:ITEMS]
    lang = reader_language()
    home = request.build_absolute_uri(reverse("site:home", args=[slug]))
    described = _("all changes") if watch.kind == "any" else f"{watch.kind} {watch.value}"
    atom = Atom1Feed(
        title=_("%(title)s: %(watch)s") % {"title": agreement.title(), "watch": described},
        link=home,
        description=_("Changes recorded in the verifiable log, as the monitor reports them."),
        feed_url=request.build_absolute_uri(),
        feed_guid=f"urn:pactlog:{keys.origin()}:watch:{watch}",
        language=lang,
    )
    for change in changes:
        proof = request.build_absolute_uri(reverse("log:proof", args=[change.index]))
        text = change.say(lang)
        atom.add_item(
            title=text,
            link=request.build_absolute_uri(
                reverse("site:supporter", args=[change.agreement, change.actor])
            ),
            description=_(
                "%(text)s. Log entry %(index)s, recorded on %(day)s; its proof: %(proof)s"
            )
            % {
                "text": text,
                "index": change.index,
                "day": spell_day(change.day, lang),
                "proof": proof,
            },
            unique_id=f"urn:pactlog:{keys.origin()}:entry:{change.index}",
            unique_id_is_permalink=False,
            updateddate=_when(change),
            pubdate=_when(change),
            categories=[change.type],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    atom.write(response, "utf-8")
    return response


def _when(change: Change) -> dt.datetime:
    return dt.datetime.fromisoformat(change.recorded_at.replace("Z", "+00:00"))
