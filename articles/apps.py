from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from wagtail.images import get_image_model
        from wagtail.models import PageViewRestriction

        from pagecache import dependents

        from . import cache, signals  # noqa: F401

        # What articles list of other models' objects (pagecache/dependents.py): an image is
        # on the articles it leads; a page made private leaves the site's feed and sitemaps.
        dependents.register(get_image_model(), cache.lead_image_listings)
        dependents.register(PageViewRestriction, cache.syndication_listings)
