"""Wagtail pages: served public and cached, and refreshed with everything that lists them.

A page's own URLs are Wagtail's: its URL with each of ``get_cached_paths()`` under it, as
Wagtail's frontend cache purges a page (``PurgeBatch.add_page``). What lists it, each page type
declares in ``cache_listings()`` (an article: the front page, its section, its tags, the
site's feed and sitemaps), and other apps add theirs through ``dependents.py`` (its authors'
pages, the podcast). A page type that declares nothing is taken to show in every page: ``site``.
"""

from wagtail.models import Page, PageViewRestriction

from . import dependents, memo, tags, variants
from .dependents import Listings
from .headers import public
from .store import invalidate

SITE_WIDE = Listings(tags={tags.SITE})


class PublicPageMixin:
    """Serve the page as public (headers.py) and note that it shows the site and itself.

    Wagtail has already refused readers who may not see a restricted page before ``serve``;
    those who may have a session, so their copy is private. Previews are never public. A page
    that shows some readers more than others says so in ``public_for``: it is public (and
    stored) only for the readers who all get the same page.
    """

    def serve(self, request, *args, **kwargs):
        tags.depends_on(request, tags.SITE, tags.page(self.pk))
        response = super().serve(request, *args, **kwargs)
        if not self.public_for(request):
            return response
        # A private page, which Wagtail let this reader see (a password they gave, a group),
        # is theirs alone, whatever kind of reader they are (variants.py).
        if variants.noted(request) is not None and self.get_view_restrictions().exists():
            return response
        return public(response)

    def public_for(self, request):
        """Whether ``request`` gets the page every reader without a session gets."""
        return True

    def get_view_restrictions(self):
        """Wagtail's, without its two queries while no page at all is private."""
        if not memo.any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def _specific(page):
    return page.specific_deferred if type(page) is Page else page


def own_urls(page, old_urls=()):
    """The URLs that show the page itself: each of its ``get_cached_paths()`` under its URL,
    and under ``old_urls`` (where it was before a move)."""
    bases = [url for url in (page.get_full_url(), *old_urls) if url]
    return [base + path.lstrip("/") for base in bases for path in page.get_cached_paths()]


def page_listings(page):
    """What lists the page, as it is in the database: its type's ``cache_listings()`` and
    every other app's (``dependents.listings_of``)."""
    declared = getattr(page, "cache_listings", None)
    own = declared() if declared is not None else SITE_WIDE
    return own | dependents.listings_of(page)


def _urls(listings, *, pages=()):
    """The URLs of ``pages``, and of the listings: their paths and their pages' own URLs."""
    yield from (url for page in pages for url in own_urls(page))
    if listings.pages:
        shown = Page.objects.filter(pk__in=listings.pages).specific(defer=True)
        yield from (url for page in shown for url in own_urls(page))
    yield from listings.paths()


def _refresh(page, listings, *, old_urls=(), withdrawn=False):
    own_tag = tags.page(page.pk)
    urls = own_urls(page, old_urls)
    invalidate(
        {own_tag, *listings.tags, *map(tags.page, listings.pages)},
        lambda: [*urls, *_urls(listings)],
        withdrawn={own_tag} if withdrawn else (),
    )


def page_changed(page, *, old_urls=(), withdrawn=False):
    """Queue the refresh of everything that shows ``page`` (after the transaction commits).

    ``withdrawn``: the page was unpublished or deleted. During a database outage no stored copy
    of it, nor of a listing that showed it, is served (``store.lookup_stale``).
    """
    page = _specific(page)
    _refresh(page, page_listings(page), old_urls=old_urls, withdrawn=withdrawn)


def page_moved(page, *, old_parent, old_url):
    """A move refreshes the page at both URLs, and what listed it under its old parent (an
    article's old section): the page type's ``cache_listings_under(parent)``, if it has one."""
    page = _specific(page)
    listings = page_listings(page)
    if (left := getattr(page, "cache_listings_under", None)) is not None:
        listings |= left(old_parent)
    _refresh(page, listings, old_urls=[old_url] if old_url else [])


def privacy_changed(page, *, restriction):
    """A page made private (or public again): it and everything under it leave (or rejoin)
    every public page at once, and the CDN forgets them, the listings that showed them and
    those of every public page (``dependents`` of the view restriction: sitemaps, feeds)."""
    subtree = list(Page.objects.filter(path__startswith=page.path).live().specific(defer=True))
    page_tags = {tags.page(page.pk) for page in subtree}
    listings = Listings.union(map(page_listings, subtree)) | dependents.listings_of(restriction)
    # Every page too (``site``): a private section leaves the navigation. Copies rendered while
    # the pages were public must not come back as stale copies in an outage (``withdrawn``);
    # when privacy is lifted this refuses only copies that are out of date anyway.
    invalidate(
        {tags.SITE, *page_tags, *listings.tags, *map(tags.page, listings.pages)},
        lambda: _urls(listings, pages=subtree),
        withdrawn=page_tags,
    )
