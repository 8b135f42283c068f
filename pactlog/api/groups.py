"""`/api/v1/groups`: the curated sets of states (SPEC section 8), as of a date."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from pactlog.api import schemas
from pactlog.api.agreements import AS_OF
from pactlog.api.responses import documented, with_etag
from pactlog.api.selection import date_param

router = Router(tags=["groups"])


@router.get("", response=documented(list[schemas.GroupOut]), summary="All groups")
@with_etag
def list_groups(request: HttpRequest, as_of: str | None = AS_OF) -> Any:
    from pactlog.groups.catalogue import all_groups, group_json

    day = date_param(as_of, "as_of")
    return [group_json(group, day) for group in all_groups()]


@router.get("/{slug}", response=documented(schemas.GroupOut), summary="One group's members")
@with_etag
def group_detail(request: HttpRequest, slug: str, as_of: str | None = AS_OF) -> Any:
    from pactlog.groups.catalogue import get_group, group_json

    day = date_param(as_of, "as_of")
    return group_json(get_group(slug), day)
