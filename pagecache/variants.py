"""Page variants: one stored copy of a page per kind of reader, for readers with a session.

The page cache knows no members. An app that signs readers in names a request's *variant*
(a short string: the same for every reader who gets the same page, such as "free" or
"paid.1-3") with ``note(request, variant)`` while Django serves the request, and hands the
reader a small signed cookie with ``issue(response, request, variant, expires_at=…)``:

    masthead_variant=<variant>:<expiry, POSIX seconds>:<subject>:<HMAC-SHA256>

``subject`` is the app's own short name for the reader (members: the member's id), never part
of the page's key. The HMAC (``salted_hmac``, a key derived from ``SECRET_KEY``) covers the
variant, the expiry, the subject and the session cookie's value, so a cookie copied into
another browser, forged, altered or past its expiry is worth nothing. The expiry is at most
``LIFETIME`` seconds away, and the app never gives one later than the moment the reader's
access ends.

``serving.cache_key`` verifies it with nothing but the environ (no database, no session): a
request with a session cookie and a valid variant cookie is keyed ``<anonymous key>#<variant>``;
with a session cookie and no valid variant cookie it has no key (fail closed) and Django
renders it, and the app re-issues the cookie. Without a session cookie the variant cookie is
ignored and the key is exactly the anonymous one. A page is stored under a variant key only if
the variant Django derived for the request (``note``) is the cookie's, and the response sets
no cookie (``headers.is_public``): a re-issue is never stored.
"""

import hmac
import re
import time

from django.conf import settings
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.utils.crypto import salted_hmac

from . import store

COOKIE = "masthead_variant"
LIFETIME = 300  # seconds: how long a reader may be served a variant without Django asking
# What a variant may be: no ":" (the cookie's separator), short, the same for many readers.
VARIANT = re.compile(r"[a-z0-9.-]{1,80}")
SUBJECT = re.compile(r"[A-Za-z0-9-]{0,40}")
_SALT = "masthead.pagecache.variant"
_VERIFIED = "masthead.variant"


def _signature(variant, expires, subject, session_value):
    message = f"{variant}:{expires}:{subject}:{session_value}"
    return salted_hmac(_SALT, message, algorithm="sha256").hexdigest()


def cookie_value(variant: str, expires: int, session_value: str, subject: str = "") -> str:
    if not VARIANT.fullmatch(variant) or not SUBJECT.fullmatch(subject):
        raise ValueError(f"not a page variant: {variant!r} ({subject!r})")
    signature = _signature(variant, expires, subject, session_value)
    return f"{variant}:{expires}:{subject}:{signature}"


# Cookies this process has verified: (cookie, session) -> (variant, expiry, subject), so that a
# member's hits cost a dictionary look-up, not an HMAC. Only genuine cookies go in; emptied when
# full (a few thousand readers at once) and whenever the secret key changes.
_genuine: dict[tuple[str, str], tuple[str, int, str]] = {}
_GENUINE_MAX = 10_000


def verified(cookies: dict, now: float | None = None) -> str | None:
    """The variant a request's cookies name, if its cookie is genuine, for this session, and
    not expired; else None."""
    found = _verified(cookies, now)
    return found[0] if found else None


def _verified(cookies, now=None):
    """(variant, expiry, subject) of a genuine, current variant cookie, or None."""
    value = cookies.get(COOKIE)
    session_value = cookies.get(settings.SESSION_COOKIE_NAME)
    if not value or not session_value:
        return None
    now = time.time() if now is None else now
    known = _genuine.get((value, session_value))
    if known is not None:
        return known if known[1] > now else None
    parts = value.split(":")
    if len(parts) != 4:
        return None
    variant, expires, subject, signature = parts
    if not (VARIANT.fullmatch(variant) and SUBJECT.fullmatch(subject) and expires.isdigit()):
        return None
    if int(expires) <= now:
        return None
    expected = _signature(variant, int(expires), subject, session_value)
    if not hmac.compare_digest(expected, signature):
        return None
    if len(_genuine) >= _GENUINE_MAX:
        _genuine.clear()
    _genuine[(value, session_value)] = found = (variant, int(expires), subject)
    return found


@receiver(setting_changed)
def _forget_genuine(setting, **kwargs):
    if setting in ("SECRET_KEY", "SECRET_KEY_FALLBACKS", "SESSION_COOKIE_NAME"):
        _genuine.clear()


def of_environ(environ, cookies) -> str | None:
    """``verified`` for a request, remembered on its environ for the storing side."""
    if _VERIFIED not in environ:
        environ[_VERIFIED] = verified(cookies)
    return environ[_VERIFIED]


def note(request, variant: str) -> None:
    """Say which variant Django derived for this request's reader (from the database)."""
    if not VARIANT.fullmatch(variant):
        raise ValueError(f"not a page variant: {variant!r}")
    request.cache_variant = variant


def noted(request) -> str | None:
    """The variant noted for the request, or None (anonymous, an editor, nobody knew)."""
    return getattr(request, "cache_variant", None)


def cookie_variant(request) -> str | None:
    """The variant the request's cookie proves (verified once per request)."""
    return of_environ(request.META, request.COOKIES)


def cookie_subject(request) -> str | None:
    """The subject the request's genuine variant cookie names ("" if none), or None."""
    found = _verified(request.COOKIES)
    return found[2] if found else None


def needs_issue(request, variant: str) -> bool:
    """Whether the request's cookie must be (re)issued for ``variant``: missing, invalid,
    another variant, or in the second half of its life (so that the pages Django serves in
    between set no cookie, and may be stored)."""
    if cookie_variant(request) != variant:
        return True
    expires = int(request.COOKIES[COOKIE].split(":")[1])
    return expires - time.time() < LIFETIME / 2


def issue(
    response, request, variant: str, *, expires_at: float | None = None, subject: str = ""
) -> None:
    """Give the reader the cookie for ``variant``, valid ``LIFETIME`` seconds at most and never
    past ``expires_at`` (when their access ends). Nothing for a request without a session."""
    session_value = _session_value(request)
    now = time.time()
    expires = int(min(now + LIFETIME, expires_at if expires_at is not None else now + LIFETIME))
    if not session_value or expires <= now:
        clear(response, request)
        return
    response.set_cookie(
        COOKIE,
        cookie_value(variant, expires, session_value, subject),
        max_age=expires - int(now),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def clear(response, request) -> None:
    """Take the cookie back (signing out, no longer a reader of any variant)."""
    if COOKIE in request.COOKIES:
        response.delete_cookie(COOKIE, samesite="Lax")


def _changed_key(name):
    return f"variant-changed:{name}"


def reader_changed(name: str) -> None:
    """Say that what reader ``name`` (an app's own name for them) may read changed: once the
    transaction commits, ``changed_since`` answers True for every cookie issued before now.
    Kept in the tag store (never culled) a little longer than any cookie lives."""

    def after_commit():
        try:
            store._tag_store().set(_changed_key(name), time.time(), LIFETIME * 2)
        except Exception:
            store._store_failed("reader changed")

    transaction.on_commit(after_commit)


def changed_since(name: str, request) -> bool:
    """Whether reader ``name`` changed (``reader_changed``) since the request's variant cookie
    may have been issued (no later than its expiry less ``LIFETIME``). True if the store
    cannot say: the caller then asks its database."""
    expires = int(request.COOKIES[COOKIE].split(":")[1])
    try:
        changed = store._tag_store().get(_changed_key(name))
    except Exception:
        store._store_failed("reader changed")
        return True
    return changed is not None and changed >= expires - LIFETIME - 1


def _session_value(request):
    """The session cookie's value the browser will send next: the one this response sets
    (after a sign-in cycled the session), else the one it sent."""
    session = getattr(request, "session", None)
    key = getattr(session, "session_key", None)
    return key or request.COOKIES.get(settings.SESSION_COOKIE_NAME)
