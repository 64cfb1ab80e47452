"""Turn two-step verification off for someone who lost their phone."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from staff.services import two_step_reset


class Command(BaseCommand):
    help = (
        "Remove a user's two-step verification devices. They sign in with their password "
        "alone (or are asked to set up a new device, if their group requires one)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist as error:
            raise CommandError(f"No user named {username!r}.") from error
        removed = two_step_reset(user=user)
        if removed:
            self.stdout.write(
                f"Two-step verification is off for {username} ({removed} device(s) removed)."
            )
        else:
            self.stdout.write(f"{username} had no two-step verification device.")
