"""`pactlog claims add|list`: enter published claims from a JSON file, list their verdicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pactlog.claims.engine import ClaimError
from pactlog.claims.models import Claim
from pactlog.claims.services import save_claim
from pactlog.claims.spec import after_publication_warning, parse_claim
from pactlog.claims.verdicts import refresh
from pactlog.registry.cli import agreement_arg, usage_error

#: A claims file is a few claims by hand; anything this big is a wrong file.
MAX_FILE_BYTES = 5_000_000


def read_claims(path: Path, slug: str) -> list[Any]:
    """The list of claims in a file of the published-claims format (or a bare list)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CommandError(f"{path}: larger than {MAX_FILE_BYTES} bytes", returncode=2)
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise usage_error(f"{path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise usage_error(f"{path}: not UTF-8 JSON ({exc})") from None
    if isinstance(data, dict):
        named = data.get("agreement")
        if named is not None and named != slug:
            raise usage_error(f"{path} is about {named!r}, not {slug!r}")
        data = data.get("claims")
    if not isinstance(data, list):
        raise usage_error(f'{path}: expected {{"claims": [...]}} or a list of claims')
    return data


class Command(BaseCommand):
    help = "Enter published claims about an agreement (`add`) or list them with verdicts."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="add the claims of a JSON file (again: no change)")
        add.add_argument("--agreement", required=True, help="the agreement's slug")
        add.add_argument("--json", required=True, metavar="FILE", help="the claims file")
        add.add_argument("--report", action="store_true", help="print the report as JSON")
        listing = sub.add_parser("list", help="the agreement's claims and their verdicts")
        listing.add_argument("--agreement", required=True, help="the agreement's slug")
        listing.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        agreement = agreement_arg(options["agreement"])
        if options["action"] == "list":
            rows = []
            for claim in Claim.objects.filter(agreement=agreement).select_related("agreement"):
                latest = refresh(claim)
                rows.append({"id": claim.public_id, **claim.public_state(),
                             "verdict": latest.details if latest else None})  # fmt: skip
            if options["json"]:
                self.stdout.write(json.dumps({"claims": rows}, ensure_ascii=False, indent=2))
            for row in rows if not options["json"] else []:
                verdict = row["verdict"]["verdict"] if row["verdict"] else "-"
                self.stdout.write(f"{row['id']}  {verdict:<13} {row['quote'][:70]}")
            return
        path = Path(options["json"])
        items = read_claims(path, agreement.slug)
        report: dict[str, Any] = {
            "agreement": agreement.slug, "file": str(path), "added": 0,
            "unchanged": 0, "problems": [], "warnings": [], "claims": [],
        }  # fmt: skip
        for number, item in enumerate(items, 1):
            try:
                spec = parse_claim(item)
            except ClaimError as exc:
                report["problems"].append(
                    {"file": f"{path}:claims[{number}]", "severity": "error", "message": str(exc)}
                )
                continue
            if spec.refers_after_publication:
                report["warnings"].append(
                    {"file": f"{path}:claims[{number}]", "severity": "warning",
                     "message": after_publication_warning(spec)}
                )  # fmt: skip
            claim, changed = save_claim(agreement, spec)
            report["added" if changed else "unchanged"] += 1
            latest = refresh(claim)
            report["claims"].append(
                {"id": claim.public_id, "verdict": latest.verdict if latest else None}
            )
        if options["report"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(
                f"{agreement.slug}: {report['added']} added, {report['unchanged']} unchanged, "
                f"{len(report['problems'])} problem(s)"
            )
            for p in report["problems"] + report["warnings"]:
                self.stderr.write(f"{p['file']}: {p['message']}")
        if report["problems"]:
            raise CommandError(f"{len(report['problems'])} claim(s) not added", returncode=1)
