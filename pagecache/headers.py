"""Cache-Control for every response, decided in this one place.

- Public pages (marked with ``public(response)``) for readers without a session:
  ``public, max-age=<browser>, s-maxage=<CDN>, stale-while-revalidate=…, stale-if-error=…``
  and an ``ETag`` (``PageCacheMiddleware`` answers ``If-None-Match`` with a 304).
- Pages for a reader with a session whose variant cookie (``variants.py``) proves the kind
  of reader Django found them to be: ``private, no-cache`` (browsers revalidate them with
  their ETag; CDNs keep none), and stored by Masthead's own cache under the variant's key.
- Everything else — drafts, previews, the admin, form responses, any response that sets a
  cookie, any page for a reader with a session (every signed-in user), and every page
  nobody marked public — is ``private, no-store``.
- A view that sets its own Cache-Control for anonymous readers keeps it (the News Feed's
  polled ``updates.json``, with its few seconds).
- A stored page answered because the database is down (``serving.stale_response``) is kept a
  few seconds only (``STALE``), so readers and CDNs get the current page soon after it is back.
"""

from typing import TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_vary_headers

from . import variants

SAFE_METHODS = frozenset({"GET", "HEAD"})
PRIVATE = "private, no-store"
STALE = "public, max-age=5"
VARIANT = "private, no-cache"

Response = TypeVar("Response", bound=HttpResponseBase)


def public(
    response: Response, *, max_age: int | None = None, s_maxage: int | None = None
) -> Response:
    """Mark a response as the same for every reader, to be cached by browsers, CDN and Masthead.

    ``max_age`` (browsers) and ``s_maxage`` (shared caches) default to the settings.
    """
    # The mark travels on the response itself, whichever view or middleware made it.
    response.public_cache = (max_age, s_maxage)  # type: ignore[attr-defined]
    return response


def has_session(request: HttpRequest) -> bool:
    """The request carries a session cookie: maybe a signed-in editor, never served from cache."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def public_cache_control(max_age: int | None = None, s_maxage: int | None = None) -> str:
    options = settings.MASTHEAD_PAGE_CACHE
    max_age = options["MAX_AGE"] if max_age is None else max_age
    s_maxage = options["S_MAXAGE"] if s_maxage is None else s_maxage
    return (
        f"public, max-age={max_age}, s-maxage={s_maxage}, "
        f"stale-while-revalidate={options['STALE_WHILE_REVALIDATE']}, "
        f"stale-if-error={options['STALE_IF_ERROR']}"
    )


def is_public(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether this response may be stored by shared caches (and by Masthead's own)."""
    return (
        getattr(response, "public_cache", None) is not None
        and request.method in SAFE_METHODS
        and response.status_code == 200
        and not response.cookies
        and _same_for_the_variant(request)
        and not getattr(request, "is_preview", False)
    )


def _same_for_the_variant(request: HttpRequest) -> bool:
    """No session (anonymous), or a session whose reader is of the variant their cookie names.

    A session may be a signed-in editor's or a reader's who passed a page's password: either
    way the page is theirs, and nobody noted a variant for it. Asking nothing of the session
    also keeps anonymous requests free of session reads.
    """
    if not has_session(request):
        return True
    noted = variants.noted(request)
    return noted is not None and noted == variants.cookie_variant(request)


def apply(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Set the response's Cache-Control by the rules above; returns whether it is public."""
    if is_public(request, response):
        if has_session(request):  # the page of the reader's kind: never a CDN's
            response["Cache-Control"] = VARIANT
        else:
            response["Cache-Control"] = public_cache_control(*response.public_cache)  # type: ignore[attr-defined]
        # Readers with a session (editors) get their own, private version of the same URL.
        patch_vary_headers(response, ["Cookie"])
        return True
    # A view's own rule for anonymous readers stands (updates.json: a few seconds, public).
    own_rule = response.get("Cache-Control", "").startswith("public")
    if not (
        own_rule
        and request.method in SAFE_METHODS
        and not response.cookies
        and not has_session(request)
    ):
        response["Cache-Control"] = PRIVATE
    return False
