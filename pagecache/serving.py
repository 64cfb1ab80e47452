"""Answering a request from a stored page, with nothing but the WSGI environ.

Used by the WSGI front (``wsgi.py``: before Django builds a request, the fastest path) and by
``PageCacheMiddleware`` (test client, other servers), so both answer exactly alike.

A request may be answered from the cache if it is a GET or HEAD without ``Authorization``,
without a session cookie or with a valid variant cookie beside it (``variants.py``: the page
is then the one stored for readers of its kind, ``<key>#<variant>``), and its query holds
nothing but one ``?page=<number>`` (as ``core/pagination.py`` accepts it) and tracking
parameters. Its key is the scheme, host, path
and ``?page=``; a forged Host finds nothing (pages are stored only under hosts Django
accepted), so the request goes on to Django, which refuses it.

When a page cannot be rendered because the database is down, ``PageCacheMiddleware`` answers
with ``stale_response``: the last copy stored under the same key, however old.
"""

import re
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.http.cookie import parse_cookie
from django.utils.http import parse_http_date_safe

from . import store, variants
from .headers import SAFE_METHODS, STALE
from .listing import PAGE_NUMBER

# Links from newsletters and social networks add these; the page is the same without them.
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid", "ref", "igshid"})
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _scheme(environ):
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    if proxy_header and environ.get(proxy_header[0]) == proxy_header[1]:
        return "https"
    return environ.get("wsgi.url_scheme", "http")


def _host(environ, scheme):
    """The host as Django's request.get_host() reads it (without its ALLOWED_HOSTS check)."""
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        return environ["HTTP_X_FORWARDED_HOST"]
    if "HTTP_HOST" in environ:
        return environ["HTTP_HOST"]
    port = str(environ.get("SERVER_PORT", ""))
    default_port = "443" if scheme == "https" else "80"
    return environ["SERVER_NAME"] + ("" if port in ("", default_port) else f":{port}")


def cache_key(environ):
    """The key of a request's page, or None if it must not be answered from the cache."""
    if environ.get("REQUEST_METHOD") not in SAFE_METHODS or "HTTP_AUTHORIZATION" in environ:
        return None
    variant = None
    cookies = environ.get("HTTP_COOKIE")
    if cookies:
        parsed = parse_cookie(cookies)
        if settings.SESSION_COOKIE_NAME in parsed:
            # A reader with a session: only the page of their kind (variants.py), if their
            # variant cookie proves one; else nothing from the cache (fail closed).
            variant = variants.of_environ(environ, parsed)
            if variant is None:
                return None
    query = []
    for name, value in parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True):
        if name in TRACKING_PARAMETERS or name.startswith("utm_"):
            continue
        # One ``?page=``, a page number as Masthead writes them; any other is a 404
        # (core/pagination.py), never looked up or stored.
        if name != "page" or query or not PAGE_NUMBER.fullmatch(value):
            return None
        query.append((name, value))
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    scheme = _scheme(environ)
    key = f"page:{scheme}://{_host(environ, scheme)}{path}?{urlencode(sorted(query))}"
    return key if variant is None else f"{key}#{variant}"


def not_modified(environ, etag, last_modified=None):
    """Whether the client holds this page already: its ``If-None-Match`` names ``etag``, or,
    only when it sends no ``If-None-Match`` (RFC 9110 13.2.2), its ``If-Modified-Since`` is no
    earlier than the page's ``Last-Modified`` header value (feeds and sitemaps send one)."""
    match = environ.get("HTTP_IF_NONE_MATCH")
    if match:
        tokens = {token.strip().removeprefix("W/") for token in match.split(",")}
        return etag in tokens or "*" in tokens
    since = parse_http_date_safe(environ.get("HTTP_IF_MODIFIED_SINCE") or "")
    modified = parse_http_date_safe(last_modified or "")
    return since is not None and modified is not None and modified <= since


def header(headers, name):
    """The value of header ``name`` (lower case) in a list of (name, value), or None."""
    return next((value for key, value in headers if key.lower() == name), None)


# Headers a 304 repeats (RFC 9110 15.4.5).
NOT_MODIFIED_HEADERS = frozenset(
    {"cache-control", "vary", "etag", "content-location", "last-modified"}
)


def _answer(environ, entry, headers, served_as):
    """(status, headers, body) answering ``environ`` with a stored ``entry``: a 304 if the
    client has it, gzipped if it accepts that; ``served_as`` goes in X-Masthead-Cache."""
    if not_modified(environ, entry.etag, header(headers, "last-modified")):
        kept = [(n, v) for n, v in headers if n.lower() in NOT_MODIFIED_HEADERS]
        return 304, [*kept, ("ETag", entry.etag)], b""
    body, etag = entry.body, entry.etag
    headers = [*headers]
    if entry.gzipped and ACCEPTS_GZIP.search(environ.get("HTTP_ACCEPT_ENCODING", "")):
        # Weak, as Django's GZipMiddleware makes it: the same page, other bytes.
        body, etag = entry.gzipped, f"W/{entry.etag}"
        headers.append(("Content-Encoding", "gzip"))
    headers += [
        ("ETag", etag),
        ("Content-Length", str(len(body))),
        ("X-Masthead-Cache", served_as),
    ]
    return entry.status, headers, b"" if environ["REQUEST_METHOD"] == "HEAD" else body


def stored_response(environ, key, epoch):
    """(status, headers, body) of the stored page for ``key``, or None."""
    entry = store.lookup(key, epoch=epoch)
    if entry is None:
        return None
    return _answer(environ, entry, entry.headers, "hit")


def stale_response(environ, key):
    """(status, headers, body) of the last page stored for ``key`` however old, or None.

    For a page that cannot be rendered because the database is down (``core/outage.py``): the
    stored copy, marked ``stale`` and with a Cache-Control of a few seconds.
    """
    entry = store.lookup_stale(key)
    if entry is None:
        return None
    headers = [(n, v) for n, v in entry.headers if n.lower() != "cache-control"]
    return _answer(environ, entry, [*headers, ("Cache-Control", STALE)], "stale")


def lookup(environ):
    """The stored answer to a request, or None; notes the epoch on the environ for storing."""
    if not settings.MASTHEAD_PAGE_CACHE["ENABLED"]:
        return None
    key = cache_key(environ)
    if key is None:
        return None
    epoch = store.current_epoch()
    environ["masthead.page_cache"] = (key, epoch)
    return stored_response(environ, key, epoch)
