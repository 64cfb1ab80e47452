"""Purging changed pages from the CDN, through Wagtail's frontend cache.

The backend is chosen by ``WAGTAILFRONTENDCACHE`` (settings: an HTTP PURGE server such as
Varnish, Cloudflare or CloudFront; docs/page-cache.md). Wagtail sends the
purges from a task, so a publish never waits for the CDN. Without the setting nothing is
computed or sent.
"""

from django.conf import settings
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Site


def purge(urls):
    """``urls``: a function giving absolute URLs (or site paths, made absolute here)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    root = None
    absolute = set()
    for url in urls():
        if url.startswith("/"):
            if root is None:
                site = Site.objects.filter(is_default_site=True).first()
                root = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
            url = root.rstrip("/") + url
        absolute.add(url)
    if absolute:
        purge_urls_from_cache(sorted(absolute))
