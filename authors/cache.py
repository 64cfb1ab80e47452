"""The page cache's names for authors, and the author listings an article is in.

Tags (``pagecache/tags.py``): ``author:<id>``, one author's page and feed (and their bylines'
articles, by ``page:<id>``); ``authors``, the list of authors (their sitemap). An article is
in the page and feed of each of its authors and, through them, in the authors' sitemap:
``article_listings``, registered in ``apps.py`` for ``articles.ArticlePage``.
"""

from django.urls import reverse

from pagecache import tags as cache_tags
from pagecache.dependents import Listings

from .models import Author

AUTHORS = "authors"


def author(pk):
    return cache_tags.keyed("author", pk)


def author_paths(slug):
    return [
        reverse("authors:detail", kwargs={"slug": slug}),
        reverse("syndication:author_rss", kwargs={"slug": slug}),
    ]


def sitemap_paths():
    return [reverse("syndication:sitemap", kwargs={"section": "authors"})]


def article_listings(article):
    """Its authors' pages and feeds, and the authors' sitemap, as the byline is in the database."""
    author_ids = list(article.article_authors.values_list("author_id", flat=True))

    def paths():
        for slug in Author.objects.filter(pk__in=author_ids).values_list("slug", flat=True):
            yield from author_paths(slug)
        yield from sitemap_paths()

    return Listings(tags=map(author, author_ids), paths=paths)


def sitemap_listings(_restriction):
    """The authors' sitemap lists authors with public articles: a view restriction set or
    lifted may change it."""
    return Listings(paths=sitemap_paths)
