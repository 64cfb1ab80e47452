from django.apps import AppConfig


class AuthorsConfig(AppConfig):
    name = "authors"

    def ready(self):
        from wagtail.models import PageViewRestriction

        from pagecache import dependents

        from . import cache, signals  # noqa: F401

        # An article is on its authors' pages and feeds and in their sitemap
        # (pagecache/dependents.py); a page made private may leave the authors' sitemap.
        dependents.register("articles.ArticlePage", cache.article_listings)
        dependents.register(PageViewRestriction, cache.sitemap_listings)
