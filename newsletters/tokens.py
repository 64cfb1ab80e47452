"""Signed tokens for the links in emails: confirm, unsubscribe and manage preferences.

Tokens are signed (Django's signing with SECRET_KEY and a salt per purpose), so they need no
table and cannot be guessed or altered. Confirmation links expire; unsubscribe and preference
links do not, because readers use them from emails months old.
"""

from django.core import signing
from django.urls import reverse

CONFIRM_MAX_AGE = 7 * 24 * 3600  # seconds

_SALT = "masthead.newsletters.{}"


def make_token(purpose, **data):
    return signing.dumps(data, salt=_SALT.format(purpose), compress=True)


def read_token(purpose, token, *, max_age=None):
    """The data signed into ``token``, or None if it is invalid, altered or expired."""
    try:
        return signing.loads(token, salt=_SALT.format(purpose), max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None


def confirm_url(subscriber, newsletter_ids):
    token = make_token("confirm", s=subscriber.pk, n=sorted(newsletter_ids))
    return reverse("newsletters:confirm", kwargs={"token": token})


def unsubscribe_url(subscription):
    """One-click unsubscribe from one list (RFC 8058: GET shows a page, POST unsubscribes)."""
    token = make_token("unsubscribe", s=subscription.subscriber_id, n=subscription.newsletter_id)
    return reverse("newsletters:unsubscribe", kwargs={"token": token})


def preferences_url(subscriber):
    token = make_token("preferences", s=subscriber.pk)
    return reverse("newsletters:preferences", kwargs={"token": token})
