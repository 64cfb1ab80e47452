"""``/media/`` in development (``make run``, ``DEBUG``): files from ``MEDIA_ROOT``, with byte
ranges.

Django's own ``django.views.static.serve`` answers every request with the whole file, and
ignores ``Range``. Browsers then cannot seek in the narration's audio before it has all
downloaded, and podcast apps, which ask for ranges, fail or stall. This view answers as the
production web server does (nginx serves ``/media/`` there: deploy/nginx.conf): a single
``Range: bytes=…`` gets ``206 Partial Content`` with those bytes and ``Content-Range``, a range
that lies outside the file or is malformed gets ``416`` with ``Content-Range: bytes */<size>``,
and every answer says ``Accept-Ranges: bytes``. Several ranges in one request, another unit
than bytes, or an ``If-Range`` that names another version of the file get the whole file, as
RFC 9110 allows. ``If-Modified-Since`` answers 304 as Django's view does.
"""

import mimetypes
import posixpath
import re
from pathlib import Path

from django.conf import settings
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseNotModified,
    StreamingHttpResponse,
)
from django.urls import re_path
from django.utils._os import safe_join
from django.utils.http import http_date
from django.views.static import was_modified_since

CHUNK = 64 * 1024
# One range of bytes: "a-b", "a-" (to the end) or "-n" (the last n bytes).
BYTE_RANGE = re.compile(r"(\d*)-(\d*)")
# What FileResponse says of compressed files (the type of what is inside would be wrong).
COMPRESSED_TYPES = {
    "bzip2": "application/x-bzip",
    "gzip": "application/gzip",
    "xz": "application/x-xz",
}


class Unsatisfiable(Exception):
    pass


def requested_range(header, size):
    """(first, last) byte positions, inclusive, that a ``Range`` header asks of a file of
    ``size`` bytes; None for the whole file. Raises ``Unsatisfiable`` for a byte range that
    is malformed or outside the file."""
    if not header:
        return None
    unit, _, ranges = header.partition("=")
    if unit.strip().lower() != "bytes":
        return None  # a unit we do not know: ignored (RFC 9110 14.2)
    if "," in ranges:
        return None  # several ranges: the whole file, rather than multipart/byteranges
    found = BYTE_RANGE.fullmatch(ranges.strip())
    if found is None or found.group(1) == found.group(2) == "":
        raise Unsatisfiable
    first, last = found.groups()
    if first == "":  # the last n bytes
        length = int(last)
        if length == 0 or size == 0:
            raise Unsatisfiable
        return max(0, size - length), size - 1
    first = int(first)
    last = size - 1 if last == "" else min(int(last), size - 1)
    if first >= size or first > last:
        raise Unsatisfiable
    return first, last


def _content_type(path):
    content_type, encoding = mimetypes.guess_type(str(path))
    return COMPRESSED_TYPES.get(encoding, content_type) or "application/octet-stream"


def _file_bytes(path, first, length):
    with path.open("rb") as file:
        file.seek(first)
        while length > 0:
            chunk = file.read(min(CHUNK, length))
            if not chunk:
                return
            length -= len(chunk)
            yield chunk


def serve(request, path, document_root=None):
    """The file at ``path`` under ``document_root`` (``MEDIA_ROOT``): whole, a range of it,
    304, 404 or 416."""
    root = document_root or settings.MEDIA_ROOT
    # As django.views.static.serve: no "..", no absolute path, nothing outside the root (a
    # path that tries is refused by safe_join, and Django answers 400).
    full_path = Path(safe_join(root, posixpath.normpath(path).lstrip("/")))
    if not full_path.is_file():
        raise Http404("No such file")
    stat = full_path.stat()
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), stat.st_mtime):
        return HttpResponseNotModified()
    last_modified = http_date(stat.st_mtime)
    content_type = _content_type(full_path)
    if_range = request.META.get("HTTP_IF_RANGE")
    # If-Range with another date (or an ETag: we send none) means the client's copy is not
    # this file: the whole file, never a piece of a different version.
    header = request.META.get("HTTP_RANGE") if if_range in (None, last_modified) else None
    try:
        byte_range = requested_range(header, stat.st_size)
    except Unsatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{stat.st_size}"
    else:
        if byte_range is None:
            response = FileResponse(full_path.open("rb"), content_type=content_type)
        else:
            first, last = byte_range
            length = last - first + 1
            response = StreamingHttpResponse(
                _file_bytes(full_path, first, length), status=206, content_type=content_type
            )
            response["Content-Range"] = f"bytes {first}-{last}/{stat.st_size}"
            response["Content-Length"] = str(length)
        response["Last-Modified"] = last_modified
    response["Accept-Ranges"] = "bytes"
    return response


def urlpatterns():
    """``MEDIA_URL`` served by ``serve`` (for ``DEBUG`` only, as Django's ``static()``)."""
    prefix = settings.MEDIA_URL.lstrip("/")
    if not prefix or "://" in settings.MEDIA_URL:
        return []  # media on another host: nothing to serve here
    return [re_path(rf"^{re.escape(prefix)}(?P<path>.*)$", serve)]
