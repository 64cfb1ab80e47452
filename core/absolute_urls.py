"""Absolute URLs from the site's configuration, never from the request's Host header.

The Host header is the client's to write: any name ALLOWED_HOSTS lets through, with any port.
A link built from it (``request.build_absolute_uri``, or Django's feeds and sitemaps, which
take the request's host) would send readers, feed readers, search engines and mail recipients
wherever the client said, and the page cache or a CDN would keep that copy. Pages' own URLs
already come from their Wagtail ``Site`` (``page.get_full_url``), so every other absolute URL
is joined to the same root: the request's ``Site`` (the Site whose host name the request
names, else the default Site; its configured name and port, never the header's), or
``MASTHEAD_BASE_URL`` when there is no Site.

- ``absolute_url(request, path)`` for the links Masthead builds itself;
- ``OnSite(request)`` for code that reads the host from the request (Django's syndication
  ``Feed`` and sitemap views): the request with the site's scheme and host;
- ``SiteLinksMixin`` before Django's ``Feed``: every RSS feed's links on the site.
"""

from urllib.parse import urljoin, urlsplit

from django.conf import settings


def site_root_url(request):
    """``scheme://host[:port]`` of the request's Site, without a trailing slash."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    return (site.root_url if site else settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def absolute_url(request, url):
    """``url`` (a path; one already absolute, such as media on a CDN, is kept) on the site."""
    return urljoin(site_root_url(request) + "/", url)


class OnSite:
    """``request`` as seen by code that makes absolute URLs of the request's host: ``scheme``,
    ``get_host()``, ``is_secure()`` and ``build_absolute_uri()`` answer from the Site; anything
    else is the request's own (attributes set here are set on it too)."""

    def __init__(self, request):
        root = urlsplit(site_root_url(request))
        object.__setattr__(self, "_request", request)
        object.__setattr__(self, "scheme", root.scheme)
        object.__setattr__(self, "_host", root.netloc)

    def get_host(self):
        return self._host

    def is_secure(self):
        return self.scheme == "https"

    def build_absolute_uri(self, location=None):
        if location is None:
            location = self._request.get_full_path()
        return absolute_url(self._request, location)

    def __getattr__(self, name):
        return getattr(self._request, name)

    def __setattr__(self, name, value):
        setattr(self._request, name, value)


class SiteLinksMixin:
    """For a syndication ``Feed``: its channel link, ``atom:link`` and item links on the site
    (Django makes relative ones absolute with the request's host)."""

    def get_feed(self, obj, request):
        return super().get_feed(obj, OnSite(request))
