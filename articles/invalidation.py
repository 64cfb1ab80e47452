"""What a change to a page refreshes: page-cache tags, and the URLs to purge from the CDN.

Publishing, unpublishing, moving or deleting an article refreshes the article itself and every
page that shows its card (``page:<id>``: front page, section, tag and author pages, rails,
related lists, feeds), and every listing it may join: the front page, its section (the old
one too, after a move), its authors' and tags' pages and feeds, and the sitemaps. A section or
the front page changes what every page shows (the navigation): ``site``.
"""

from django.urls import reverse
from wagtail.models import Page

from pagecache import invalidate
from pagecache import tags as cache_tags

SITEMAP_PATHS = (
    ("syndication:sitemap_index", {}),
    ("syndication:sitemap", {"section": "pages"}),
    ("syndication:sitemap", {"section": "authors"}),
    ("syndication:sitemap", {"section": "tags"}),
    ("syndication:news_sitemap", {}),
    ("syndication:rss", {}),
    ("narration:podcast", {}),
)


def _article_listings(article):
    """(tags, paths) of the listings an article is in, or may join, as it is in the database."""
    from authors.models import Author

    parent = article.get_parent()
    author_ids = list(article.article_authors.values_list("author_id", flat=True))
    tags = list(article.tags.all())
    tag_names = {
        cache_tags.ARTICLES,
        cache_tags.section(parent.pk),
        *(cache_tags.author(pk) for pk in author_ids),
        *(cache_tags.tag(tag.pk) for tag in tags),
    }

    def paths():
        yield "/"
        yield parent.get_url()
        yield reverse("syndication:section_rss", kwargs={"slug": parent.slug})
        for slug in Author.objects.filter(pk__in=author_ids).values_list("slug", flat=True):
            yield reverse("authors:detail", kwargs={"slug": slug})
            yield reverse("syndication:author_rss", kwargs={"slug": slug})
        for tag in tags:
            yield reverse("tags:detail", kwargs={"slug": tag.slug})
            yield reverse("syndication:tag_rss", kwargs={"slug": tag.slug})
        for name, kwargs in SITEMAP_PATHS:
            yield reverse(name, kwargs=kwargs)

    return tag_names, paths


def page_changed(page, *, old_urls=(), withdrawn=False):
    """Queue the refresh of everything that shows ``page`` (after the transaction commits).

    ``withdrawn``: the page was unpublished or deleted. During a database outage no stored copy
    of it, nor of a listing that showed it, is served (``store.lookup_stale``).
    """
    from .models import ArticlePage

    page = page.specific_deferred if type(page) is Page else page
    own_tag = cache_tags.page(page.pk)
    tag_names = {own_tag}
    own_urls = [url for url in (page.get_full_url(), *old_urls) if url]
    listing_paths = None
    if isinstance(page, ArticlePage):
        listing_tags, listing_paths = _article_listings(page)
        tag_names |= listing_tags
    else:  # the front page or a section: the navigation of every page
        tag_names.add(cache_tags.SITE)

    def urls():
        yield from own_urls
        if listing_paths is not None:
            yield from listing_paths()

    invalidate(tag_names, urls, withdrawn={own_tag} if withdrawn else ())


def article_moved(article, *, old_parent, old_url):
    """A move also refreshes the section the article left."""
    page_changed(article, old_urls=[old_url] if old_url else [])
    invalidate(
        {cache_tags.section(old_parent.pk)},
        lambda: [
            old_parent.get_full_url(),
            reverse("syndication:section_rss", kwargs={"slug": old_parent.slug}),
        ],
    )


def privacy_changed(page):
    """A page made private (or public again): it and everything under it leave (or rejoin)
    every public page at once, and the CDN forgets them and the listings that showed them."""
    from .models import ArticlePage

    subtree = Page.objects.filter(path__startswith=page.path).live()
    articles = list(ArticlePage.objects.filter(pk__in=subtree.values("pk")))
    page_tags = set(map(cache_tags.page, subtree.values_list("pk", flat=True)))
    tag_names = {cache_tags.SITE, *page_tags}
    listings = []
    for article in articles:
        listing_tags, paths = _article_listings(article)
        tag_names |= listing_tags
        listings.append(paths)

    def urls():
        for page in subtree.specific(defer=True):
            if url := page.get_full_url():
                yield url
        for paths in listings:
            yield from paths()
        for name, kwargs in SITEMAP_PATHS:
            yield reverse(name, kwargs=kwargs)

    # Every page too (``site``): a private section leaves the navigation. Copies rendered while
    # the pages were public must not come back as stale copies in an outage (``withdrawn``);
    # when privacy is lifted this refuses only copies that are out of date anyway.
    invalidate(tag_names, urls, withdrawn=page_tags)
