import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

from pactlog.demo.example import SLUG, load_example
from pactlog.registry.models import Agreement


class Command(BaseCommand):
    help = (
        "Prepare a demo: load the example data into an empty registry and (re)set an admin "
        "login with a fresh random password, printed once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="printed for the user")
        parser.add_argument("--username", default="admin")

    def handle(self, *args: Any, **options: Any) -> None:
        if not Agreement.objects.exists():
            load_example()
            self.stdout.write(f"Loaded the example data ({SLUG}: generated, not a real call).")
        password = secrets.token_urlsafe(12)
        user_model = get_user_model()
        user, _ = user_model.objects.get_or_create(username=options["username"])
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        url = options["url"].rstrip("/")
        self.stdout.write(f"\npactlog is at {url}/")
        self.stdout.write(f"Admin: {url}/admin/  user {user.get_username()}  password {password}")
        self.stdout.write(
            f"Moderation: {url}/moderation/  (requests to join, corrections, claims of "
            "listings and withdrawals; same login)\n"
        )
