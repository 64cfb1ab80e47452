"""/sitemap-authors.xml: the pages of published authors with published articles, in the
sitemap index with the site's others (``masthead/syndication_urls.py``)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from articles.cache import ARTICLES
from articles.models import ArticleAuthor
from articles.selectors import published_articles

from . import cache


class AuthorSitemap(Sitemap):
    """Published authors with published articles; changed when they or their articles were."""

    listing_tags = (ARTICLES, cache.AUTHORS)

    def items(self):
        return (
            ArticleAuthor.objects.filter(page__in=published_articles(), author__live=True)
            .values("author__slug", "author__last_published_at")
            .annotate(latest_article=Max("page__last_published_at"))
            .order_by("author__slug")
        )

    def location(self, row):
        return reverse("authors:detail", kwargs={"slug": row["author__slug"]})

    def lastmod(self, row):
        return max(filter(None, [row["latest_article"], row["author__last_published_at"]]))
