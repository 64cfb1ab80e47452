"""The page cache's names for what articles show, and the listings an article is in.

Tags (``pagecache/tags.py``): ``articles``, every listing of all articles (front page, the
site's feed, sitemaps); ``section:<id>``, one section's page and feed; ``tag:<id>``, one tag's
page and feed. An article's own listings are these and the sitemaps; its authors' pages and
the podcast are their apps' (``pagecache/dependents.py``).
"""

from django.urls import reverse

from pagecache import tags as cache_tags
from pagecache.dependents import Listings

from . import selectors

ARTICLES = "articles"


def section(pk):
    return cache_tags.keyed("section", pk)


def tag(pk):
    return cache_tags.keyed("tag", pk)


# The site's feed and the sitemaps (a section's and a tag's feeds are in their listings).
SYNDICATION_PATHS = (
    ("syndication:sitemap_index", {}),
    ("syndication:sitemap", {"section": "pages"}),
    ("syndication:sitemap", {"section": "tags"}),
    ("syndication:news_sitemap", {}),
    ("syndication:rss", {}),
)


def _syndication_paths():
    for name, kwargs in SYNDICATION_PATHS:
        yield reverse(name, kwargs=kwargs)


def syndication_listings(_obj=None):
    """The site's feed and sitemaps, which list every public page: what a view restriction
    set or lifted changes, whatever the pages are."""
    return Listings(paths=_syndication_paths)


def section_listings(parent):
    """What lists an article under ``parent``, its section: the section's page and feed."""

    def paths():
        if url := parent.get_full_url():
            yield url
        yield reverse("syndication:section_rss", kwargs={"slug": parent.slug})

    return Listings(tags={section(parent.pk)}, paths=paths)


def tag_paths(slug):
    return [
        reverse("tags:detail", kwargs={"slug": slug}),
        reverse("syndication:tag_rss", kwargs={"slug": slug}),
    ]


def article_listings(article):
    """The listings an article is in, or may join, as it is in the database: the front page,
    its section, its tags, the site's feed and the sitemaps (``ArticlePage.cache_listings``)."""
    article_tags = list(article.tags.all())

    def paths():
        yield "/"
        for each in article_tags:
            yield from tag_paths(each.slug)

    own = Listings(tags={ARTICLES, *(tag(each.pk) for each in article_tags)}, paths=paths)
    return own | section_listings(article.get_parent()) | syndication_listings()


def lead_image_listings(image):
    """The articles that lead with ``image`` (``core`` asks, for an edited image)."""
    return Listings(pages=selectors.article_ids_leading_with(image))
