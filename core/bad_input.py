"""Addresses no page can have, answered before any view or query sees them.

PostgreSQL refuses NUL in text: psycopg raises ``DataError`` for any query parameter holding
one, so a NUL that reaches a query as a slug, a search term or a page number is a 500 there
(and a query for nothing on SQLite). No Masthead URL holds one, so ``RejectNulMiddleware``
answers a path with NUL (``%00``) 404 and a query string with one 400, before sessions, URL
resolving or the database. Other undecodable bytes never reach a view as such: Django keeps
them percent-encoded in the path and replaces them (U+FFFD) in the query.

Slugs in URLs are further held to what Wagtail and taggit make (``converters.py``).
"""

from django.http import Http404, HttpResponseBadRequest

NUL = "\x00"


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path_info:
            raise Http404("No page has NUL in its address")  # the styled 404 page
        # Only a %00 escape (or a raw NUL byte) decodes to NUL in the query.
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or NUL in query:
            return HttpResponseBadRequest(
                "Bad request: NUL in the query string", content_type="text/plain"
            )
        return self.get_response(request)
