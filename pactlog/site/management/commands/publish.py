from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pactlog.site.publish import publish


class Command(BaseCommand):
    help = (
        "Write the files a front web server serves without Django (<slug>/counters.json) into "
        "PACTLOG_PUBLISH_DIR. Every change publishes them; run this daily and after a deploy."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PUBLISH_DIR is None:
            raise CommandError("PACTLOG_PUBLISH_DIR is empty: publishing is off")
        for path in publish(Path(settings.PUBLISH_DIR)):
            self.stdout.write(str(path))
