"""The page cache's place in Django's request: first in, last out.

A request that may be answered from the cache (``serving.py``) and was not answered by the
WSGI front already is looked up before anything else runs: no session, no URL resolving, no
database. Every other request goes down the stack as usual, and on the way back its response
gets its Cache-Control (``headers.apply``), an ETag if it is public, and is stored if it may be.

A response that says the database is down (``database_unavailable``: the 503 of
``core/outage.py``, further down the stack) is replaced by the last copy stored under the
request's key, however old or invalidated, if there is one.
"""

import gzip
import time

from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers

from . import headers, serving, store
from .listing import shows_the_page_asked_for

# Headers a stored response must not carry over to another reader, or that it sets itself.
UNSTORED_HEADERS = frozenset({"set-cookie", "date", "age", "etag", "content-length"})


def _response(status, header_list, body):
    response = HttpResponse(body, status=status) if status != 304 else HttpResponseNotModified()
    for name, value in header_list:
        response[name] = value
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The WSGI front (wsgi.py) has looked already, and left the key; otherwise look now.
        looked_up = request.META.get("masthead.page_cache")
        if looked_up is None:
            stored = serving.lookup(request.META)
            if stored is not None:
                return _response(*stored)
            looked_up = request.META.get("masthead.page_cache")
        # After the look-up, which may start an epoch (store.py): no content is read before.
        started = request.cache_started = time.time()
        key, epoch = looked_up or (None, None)
        if epoch is not None:  # else fragments and memo.py read it if they need it
            request.cache_epoch = epoch

        response = self.get_response(request)

        if key is not None and getattr(response, "database_unavailable", False):
            stale = serving.stale_response(request.META, key)
            if stale is not None:
                return _response(*stale)
        if not headers.apply(request, response) or response.streaming:
            return response
        body = response.content
        etag = store.etag_for(body)
        response["ETag"] = etag
        lifetime = store.lifetime(request, started)
        # Stored from GETs only: some servers drop a HEAD response's body before it gets here.
        storable = (
            key is not None
            and request.method == "GET"
            and lifetime > 1
            # A ``?page=`` is in the key: only the page of a listing it asked for is stored,
            # not a page that has none and answers the same to every value.
            and shows_the_page_asked_for(request)
        )
        if storable and not _varies_beyond_cookie(response):
            patch_vary_headers(response, ["Accept-Encoding"])  # stored plain and gzipped
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
                gzipped=gzip.compress(body, compresslevel=6, mtime=0),
                key=key,
            )
            store.save(key, entry, keep_stale=True)
            response["X-Masthead-Cache"] = "miss"
        if serving.not_modified(request.META, etag, response.get("Last-Modified")):
            return _response(
                304,
                [(n, v) for n, v in response.items() if n.lower() in serving.NOT_MODIFIED_HEADERS],
                b"",
            )
        return response


def _varies_beyond_cookie(response):
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return bool(vary - {"cookie", "accept-encoding"})
