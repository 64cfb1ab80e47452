"""The WSGI front: stored pages answered before Django builds a request.

A hit here costs a key, one check that nothing was invalidated, and a dictionary look-up;
Django's handler, its signals and middleware never run. Everything else is Django's, whose
``PageCacheMiddleware`` stores what may be stored under the key found here.
"""

from http import HTTPStatus

from . import serving

_REASONS = {status.value: f"{status.value} {status.phrase}" for status in HTTPStatus}


class PageCacheFront:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        stored = serving.lookup(environ)
        if stored is None:
            return self.application(environ, start_response)
        status, headers, body = stored
        start_response(_REASONS[status], headers)
        return [body]
