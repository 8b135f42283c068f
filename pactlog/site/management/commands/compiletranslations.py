"""`pactlog compiletranslations`: build every app's `.mo` from its `.po` (no GNU gettext)."""

from typing import Any

from django.core.management.base import BaseCommand

from pactlog.site.translations import compile_all


class Command(BaseCommand):
    help = "Compile every pactlog/*/locale/*/LC_MESSAGES/django.po to .mo with Babel."

    def handle(self, *args: Any, **options: Any) -> None:
        count = compile_all()
        self.stdout.write(f"compiled {count} catalogue(s)")
