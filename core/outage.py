"""What readers get while the database is down: a restart, a failover, a crash.

- **Stored pages keep being answered.** A current one never reaches Django (the WSGI front,
  ``pagecache``). For one that expired or was invalidated, the 503 made here is marked
  ``database_unavailable``, and ``PageCacheMiddleware`` answers with the last copy stored for
  the same key instead, however old (up to ``STALE_IF_ERROR``), as ``X-Masthead-Cache: stale``
  with a Cache-Control of a few seconds.
- **Everything else gets a 503** with ``Retry-After`` (``MASTHEAD_OUTAGE_RETRY_AFTER``) and
  ``no-store``: ``503.html``, rendered without a request so that no context processor reads the
  database, or ``{"message": …}`` for JSON clients (``updates.json``, the sign-up script). A view
  may say what its 503 tells readers (``@outage_message``: the newsletter sign-up).
- **Reported, not repeated**: one error line when an outage begins and at most one a minute while
  it lasts, counting the requests answered so meanwhile; no traceback per request.

"Down" means ``OperationalError`` or ``InterfaceError``: the connection could not be made or was
lost (or SQLite's file stayed locked). Other database errors, such as a unique violation or bad
SQL, are bugs: they stay 500s, logged with their traceback.

A view's errors (its template's too) come to ``process_exception``. An exception raised by a
middleware further in (sessions, authentication, redirects) or by an error handler (the 404
page) Django turns into a 500 response at once, so it never reaches this middleware as an
exception; Django sends ``got_request_exception`` first, which marks the request, and the 500
is replaced here on its way out. Django's own log lines for marked requests are dropped.
"""

import logging
import sys
import threading
import time

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)
DEFAULT_MESSAGE = "This page can't be shown just now. Please try again in a minute."
REPORT_EVERY_SECONDS = 60


def outage_message(message):
    """Decorate a view with what its 503 tells readers while the database is down."""

    def decorate(view):
        view.outage_message = message
        return view

    return decorate


@receiver(got_request_exception)
def _mark_request(sender, request=None, **kwargs):
    # Sent from inside Django's except block, so the exception is the one being handled.
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_DOWN):
        request.database_error = error


def _not_about_an_outage(record):
    """django.request's log filter: requests answered here are reported here, once."""
    return getattr(getattr(record, "request", None), "database_error", None) is None


def _wants_json(request):
    return request.path_info.endswith(".json") or "application/json" in request.headers.get(
        "Accept", ""
    )


def unavailable_response(request, message=DEFAULT_MESSAGE):
    """The 503 for a request that needed the database, in HTML or JSON."""
    if _wants_json(request):
        response = JsonResponse({"message": message}, status=503)
    else:
        # No request, so no context processor (they read newsroom settings and sections).
        context = {"message": message, "newsroom_name": settings.WAGTAIL_SITE_NAME}
        response = HttpResponse(render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(settings.MASTHEAD_OUTAGE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    response.database_unavailable = True  # for PageCacheMiddleware: a stored copy is better
    return response


class OutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.lock = threading.Lock()
        self.reported_at = None
        self.unreported = 0
        # The same function each time, so a re-created stack adds it once.
        logging.getLogger("django.request").addFilter(_not_about_an_outage)

    def __call__(self, request):
        response = self.get_response(request)
        error = getattr(request, "database_error", None)
        if error is not None and not getattr(response, "database_unavailable", False):
            return self._unavailable(request, error)  # a 500 made further in (see above)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            return self._unavailable(request, exception)
        return None

    def _unavailable(self, request, error):
        request.database_error = error
        self._report(request, error)
        view = request.resolver_match.func if request.resolver_match else None
        return unavailable_response(request, getattr(view, "outage_message", DEFAULT_MESSAGE))

    def _report(self, request, error):
        now = time.monotonic()
        with self.lock:
            if self.reported_at is not None and now - self.reported_at < REPORT_EVERY_SECONDS:
                self.unreported += 1
                return
            unreported, self.unreported, self.reported_at = self.unreported, 0, now
        logger.error(
            "Database unavailable (%s: %s) on %s %s: stored pages or 503s are answered "
            "meanwhile (%d more such requests since the last report)",
            type(error).__name__,
            str(error).strip(),
            request.method,
            request.path,
            unreported,
        )
