from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pactlog.site.publish import current_marker, follow, publish, watch


class Command(BaseCommand):
    help = (
        "Write the files a front web server serves without Django (<slug>/counters.json, the "
        "cache marker version/current) into PACTLOG_PUBLISH_DIR. Every change publishes them; "
        "run this daily and after a deploy, or keep `--watch` running beside each front."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--watch",
            action="store_true",
            help="keep running: publish whenever the registry's version or the day moves on "
            "(one per front when several application servers share the database)",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=0.2,
            help="seconds between two looks at the registry with --watch (default 0.2)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PUBLISH_DIR is None:
            raise CommandError("PACTLOG_PUBLISH_DIR is empty: publishing is off")
        if options["watch"]:
            if not 0.01 <= options["interval"] <= 60:
                raise CommandError("--interval is in seconds, from 0.01 to 60")
            root = Path(settings.PUBLISH_DIR)
            follow(root)
            self.stdout.write(f"watching the registry for {root}: at {current_marker(root)}")
            self.stdout.flush()
            watch(root, options["interval"])
            return
        for path in publish(Path(settings.PUBLISH_DIR)):
            self.stdout.write(str(path))
