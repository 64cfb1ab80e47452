"""Django's GZipMiddleware, except for responses that offer or answer byte ranges.

A range's positions count the file's own bytes (``Content-Range``, ``Accept-Ranges``): a
compressed 206 would hand the client other bytes than those it asked for, and a compressed
whole file would make the ranges it then asks for mean something else. Only the development
media view (``core/media.py``) sends such responses; pages are compressed as before.
"""

from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware


class GZipMiddleware(DjangoGZipMiddleware):
    def process_response(self, request, response):
        if response.status_code == 206 or response.has_header("Accept-Ranges"):
            return response
        return super().process_response(request, response)
