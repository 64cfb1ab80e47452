from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.core import checks


class NarrationConfig(AppConfig):
    name = "narration"
    verbose_name = "Narration"

    def ready(self):
        from wagtail.models import PageViewRestriction

        from pagecache import dependents

        from . import cache, signals  # noqa: F401

        # The podcast lists public articles (pagecache/dependents.py).
        dependents.register("articles.ArticlePage", cache.listings)
        dependents.register(PageViewRestriction, cache.listings)

        checks.register(private_storage_is_private)


def private_storage_is_private(app_configs=None, **kwargs):
    """The audio of unpublished and private articles must not be where /media/ is served."""
    if "private" not in settings.STORAGES:
        return [checks.Error('STORAGES has no "private" storage.', id="narration.E001")]
    location = settings.STORAGES["private"].get("OPTIONS", {}).get("location")
    if location is None or not settings.MEDIA_ROOT:
        return []  # another kind of storage (a private bucket): the operator's to configure
    private, media = Path(location).resolve(), Path(settings.MEDIA_ROOT).resolve()
    if private == media or media in private.parents:
        return [
            checks.Error(
                f"MASTHEAD_PRIVATE_MEDIA_ROOT ({private}) is inside MEDIA_ROOT "
                f"({media}), which the web server serves: withheld audio would be public.",
                hint="Give it a folder of its own, outside DJANGO_MEDIA_ROOT.",
                id="narration.E002",
            )
        ]
    return []
