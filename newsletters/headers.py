"""Links and headers in newsletter emails, so mail clients offer a working unsubscribe button.

``List-Unsubscribe`` with ``List-Unsubscribe-Post`` is RFC 8058 one-click unsubscribe: the
mailbox provider POSTs ``List-Unsubscribe=One-Click`` to the URL, with no cookie and no CSRF
token, and the subscription ends. ``List-Id`` (RFC 2919) lets readers filter by list.
"""

from email.utils import formataddr
from urllib.parse import urlsplit

from django.conf import settings

from . import tokens


def default_base_url():
    """MASTHEAD_NEWSLETTER_BASE_URL, else WAGTAILADMIN_BASE_URL (env MASTHEAD_BASE_URL)."""
    return settings.MASTHEAD_NEWSLETTER_BASE_URL or settings.WAGTAILADMIN_BASE_URL


def absolute_url(path, *, base_url=None):
    """``path`` (from ``reverse`` or ``tokens``) as an absolute URL for an email."""
    return f"{(base_url or default_base_url()).rstrip('/')}{path}"


def list_headers(subscription, *, base_url=None):
    """The list headers for an email of ``subscription``'s newsletter to its subscriber."""
    base = base_url or default_base_url()
    newsletter = subscription.newsletter
    list_id = f"{newsletter.slug}.{urlsplit(base).hostname or 'localhost'}"
    unsubscribe = absolute_url(tokens.unsubscribe_url(subscription), base_url=base)
    return {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": formataddr((newsletter.name, list_id)),
    }
