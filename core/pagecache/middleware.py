"""The page cache's place in the request: first in, last out.

A request that may be answered from the cache (GET or HEAD, no session cookie, no query
parameters beyond ``?page=`` and tracking ones) is looked up before anything else runs:
no session, no URL resolving, no database. Every other request goes down the stack as usual,
and on the way back its response gets its Cache-Control (``headers.apply``), an ETag if it
is public, and is stored if it may be.
"""

import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified

from . import headers, store

# Links from newsletters and social networks add these; the page is the same without them.
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid", "ref", "igshid"})
CACHED_PARAMETERS = frozenset({"page"})
# Headers a stored response must not carry over to another reader.
UNSTORED_HEADERS = frozenset({"set-cookie", "date", "age"})


def cache_key(request):
    """The key of a request's page, or None if it must not be answered from the cache."""
    if request.method not in headers.SAFE_METHODS or headers.has_session(request):
        return None
    if "HTTP_AUTHORIZATION" in request.META:
        return None
    query = []
    for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True):
        if name in TRACKING_PARAMETERS or name.startswith("utm_"):
            continue
        if name not in CACHED_PARAMETERS:
            return None
        query.append((name, value))
    # get_host() checks ALLOWED_HOSTS: a forged Host is refused (400) before any lookup.
    return f"page:{request.build_absolute_uri(request.path)}?{urlencode(sorted(query))}"


def _not_modified(request, entry_or_response, etag):
    match = request.META.get("HTTP_IF_NONE_MATCH")
    if not match:
        return None
    tokens = {token.strip().removeprefix("W/") for token in match.split(",")}
    if etag in tokens or "*" in tokens:
        response = HttpResponseNotModified()
        response["ETag"] = etag
        for name in ("Cache-Control", "Vary"):
            value = _header(entry_or_response, name)
            if value:
                response[name] = value
        return response
    return None


def _header(entry_or_response, name):
    if isinstance(entry_or_response, store.Entry):
        for key, value in entry_or_response.headers:
            if key.lower() == name.lower():
                return value
        return None
    return entry_or_response.get(name)


def _from_entry(request, entry):
    not_modified = _not_modified(request, entry, entry.etag)
    if not_modified is not None:
        return not_modified
    response = HttpResponse(b"" if request.method == "HEAD" else entry.body, status=entry.status)
    for name, value in entry.headers:
        response[name] = value
    response["Content-Length"] = str(len(entry.body))
    response["X-Masthead-Cache"] = "hit"
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        options = settings.MASTHEAD_PAGE_CACHE
        key = cache_key(request) if options["ENABLED"] else None
        started = request.cache_started = time.time()
        epoch = None
        if key is not None:
            epoch = request.cache_epoch = store.current_epoch()
            entry = store.lookup(key, epoch=epoch, now=started)
            if entry is not None:
                return _from_entry(request, entry)

        response = self.get_response(request)

        if not headers.apply(request, response):
            return response
        if response.streaming:
            return response
        body = response.content
        etag = store.etag_for(body)
        response["ETag"] = etag
        lifetime = store.lifetime(request, started)
        if key is not None and lifetime > 1 and not _varies_beyond_cookie(response):
            entry = store.Entry(
                status=response.status_code,
                headers=[
                    (name, value)
                    for name, value in response.items()
                    if name.lower() not in UNSTORED_HEADERS
                ],
                body=body,
                etag=etag,
                tags=tuple(sorted(getattr(request, "cache_tags", ()))),
                rendered_at=started,
                expires_at=started + lifetime,
                checked_epoch=epoch,
            )
            store.save(key, entry)
            response["X-Masthead-Cache"] = "miss"
        return _not_modified(request, response, etag) or response


def _varies_beyond_cookie(response):
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return bool(vary - {"cookie", "accept-encoding"})
