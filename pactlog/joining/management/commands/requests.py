"""`pactlog requests list [--state S] [--json] | approve ID | reject ID --reason R --message T
| purge [--days N]`: the moderation queue for scripts and tests."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pactlog.joining import lookalikes, queue, services
from pactlog.joining.models import JoinRequest, Reason, State
from pactlog.registry.cli import require_database, usage_error


def request_json(request: JoinRequest, warnings: list[lookalikes.Warning]) -> dict[str, Any]:
    return {
        "id": request.pk,
        "kind": request.kind,
        "state": request.state,
        "agreement": request.agreement.slug,
        "name": request.name,
        "category": request.category,
        "country": request.country or None,
        "submitted_at": request.submitted_at.isoformat().replace("+00:00", "Z"),
        "warnings": [w.as_dict() for w in warnings],
    }


class Command(BaseCommand):
    help = "List, approve, reject join requests; purge contact data past its retention."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="requests, oldest first")
        listing.add_argument("--state", choices=State.values, help="only requests in this state")
        listing.add_argument("--json", action="store_true")
        approve = sub.add_parser("approve", help="approve a confirmed request")
        approve.add_argument("id", type=int)
        reject = sub.add_parser("reject", help="reject a request, e-mailing the message")
        reject.add_argument("id", type=int)
        reject.add_argument("--reason", required=True, choices=Reason.values)
        reject.add_argument("--message", required=True)
        purge = sub.add_parser("purge", help="erase contact data after the retention period")
        purge.add_argument("--days", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        require_database()
        action = options["action"]
        try:
            if action == "list":
                self.list(options.get("state"), options["json"])
            elif action == "approve":
                done = queue.approve(options["id"], None)
                self.stdout.write(
                    f"request #{done.pk} approved: {done.actor.public_id if done.actor else ''}"
                )
            elif action == "reject":
                done = services.reject(options["id"], options["reason"], options["message"])
                self.stdout.write(f"request #{done.pk} rejected ({done.reason})")
            elif action == "purge":
                if options["days"] is not None and options["days"] < 0:
                    raise usage_error("--days must be 0 or more")
                count = services.purge(options["days"])
                self.stdout.write(f"erased the contact data of {count} request(s)")
        except services.ModerationError as error:
            raise CommandError(str(error), returncode=1) from None
        except OSError as error:
            raise CommandError(f"the e-mail could not be sent: {error}", returncode=1) from None

    def list(self, state: str | None, as_json: bool) -> None:
        rows = JoinRequest.objects.select_related("agreement", "actor")
        if state:
            rows = rows.filter(state=state)
        pool = lookalikes.candidates()
        items = [request_json(r, lookalikes.warnings_for(r, pool)) for r in rows]
        if as_json:
            self.stdout.write(json.dumps({"requests": items}, ensure_ascii=False, indent=2))
            return
        for item in items:
            flags = f"  [{len(item['warnings'])} warning(s)]" if item["warnings"] else ""
            self.stdout.write(
                f"#{item['id']} {item['state']:<21} {item['agreement']} {item['name']}{flags}"
            )
