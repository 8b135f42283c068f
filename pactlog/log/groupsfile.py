"""`/log/groups.json`: every group's dated memberships, for monitors and verifiers.

Groups are curated data, not log entries; the stand-alone monitor reads them here (or from a
file given with `--groups`) to know which states a `group:SLUG` watch covers on a day, and the
site verifier to recompute the verdicts of claims about a group (`verifier.groupclaims`).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse

from pactlog.groups.catalogue import all_groups
from pactlog.web.reads import public_read


def memberships_document() -> dict[str, Any]:
    return {
        "groups": {
            group.slug: {
                "names": dict(group.names),
                "memberships": [
                    {
                        "country": m.member,
                        "since": m.since.isoformat() if m.since else None,
                        "until": m.until.isoformat() if m.until else None,
                    }
                    for m in group.memberships
                ],
            }
            for group in all_groups()
        }
    }


@public_read(etag="plain", cache_page=False, front=False, cross_origin=True)
def groups_json(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(memberships_document(), json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=3600"
    return response
