"""`/api/v1/groups`: the curated sets of states (docs/groups.md), as of a date."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.params.functions import Path

from pactlog.api import schemas
from pactlog.api.agreements import AS_OF
from pactlog.api.params import IsoDate
from pactlog.groups.catalogue import all_groups, get_group, group_json
from pactlog.registry.dates import today
from pactlog.web.ninja import documented, with_etag

router = Router(tags=["groups"])
GROUP = Path(..., description="The group's slug.", example="g7")


@router.get("", response=documented(list[schemas.GroupOut]), summary="All groups")
@with_etag
def list_groups(request: HttpRequest, as_of: IsoDate | None = AS_OF) -> Any:
    day = as_of or today()
    return [group_json(group, day) for group in all_groups()]


@router.get("/{slug}", response=documented(schemas.GroupOut), summary="One group's members")
@with_etag
def group_detail(request: HttpRequest, slug: str = GROUP, as_of: IsoDate | None = AS_OF) -> Any:
    day = as_of or today()
    return group_json(get_group(slug), day)
