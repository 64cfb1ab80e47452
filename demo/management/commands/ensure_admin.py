"""Make sure the demo admin account exists, then print where to sign in."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the admin account if missing and print the site and admin URLs."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--password", default="masthead-demo")
        parser.add_argument("--email", default="admin@example.org")

    def handle(self, *args, username, password, email, **options):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": email, "is_staff": True, "is_superuser": True}
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        shown = password if user.check_password(password) else "(changed since it was created)"
        self.stdout.write(
            "\n".join(
                [
                    "",
                    f"  Site:     {base}/",
                    f"  Admin:    {base}/admin/",
                    f"  Username: {username}",
                    f"  Password: {shown}",
                    "",
                ]
            )
        )
