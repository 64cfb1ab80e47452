"""`make run`'s set-up in one process (each manage.py start costs seconds of imports)."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from content_api.models import ContentAPIKey
from pagecache import store

DEMO_KEY_NAME = "Demo front end"


class Command(BaseCommand):
    help = "Migrate the database, load the demo newsroom if missing and ensure the admin account."

    def handle(self, *args, verbosity, **options):
        call_command("migrate", interactive=False, verbosity=verbosity)
        call_command("load_demo", verbosity=verbosity)
        call_command("ensure_admin")
        if line := content_api_line():
            self.stdout.write(line)
        # Templates and code may have changed since the server last ran; pages are re-rendered.
        store.clear()


def content_api_line():
    """Where to try the Ghost-compatible Content API, with a key: the first active one, else
    one made for the demo (once: a demo key revoked in the admin, Settings → Content API keys,
    is not made again)."""
    key = ContentAPIKey.objects.filter(active=True).order_by("pk").first()
    if key is None and not ContentAPIKey.objects.filter(name=DEMO_KEY_NAME).exists():
        key = ContentAPIKey.objects.create(name=DEMO_KEY_NAME)
    if key is None:
        return ""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return f"  Content API: {base}/ghost/api/content/posts/?key={key.key}\n"
