"""The query parameters of a Content API request, checked as Ghost checks them.

Ghost (6.x) caps ``limit`` at 100 before anything else reads it (``all`` and any value that
is not a number become 100; its ``max-limit-cap`` middleware), then its input validation
refuses a ``page``, ``limit`` or ``order`` of the wrong form with a 422 ``ValidationError``
(``@tryghost/api-framework``), refuses an unknown ``formats`` value the same way, drops
unknown ``include`` values silently, ignores ``order`` rules on unknown fields or of the wrong
form, and ignores unknown ``fields`` and unknown parameters altogether.
"""

import re
from dataclasses import dataclass

from .errors import bad_request, validation_failed

DEFAULT_LIMIT = 15
MAX_LIMIT = 100
# Beyond any real last page; a bigger number is answered as an empty page without a query.
MAX_PAGE = 10**9
FORMATS = ("mobiledoc", "lexical", "html", "plaintext")

_LEADING_INT = re.compile(r"\s*([+-]?\d+)")
_DIGITS = re.compile(r"\d+")
_LIMIT = re.compile(r"\d+|all")
_ORDER = re.compile(r"[a-z0-9_,. ]+", re.IGNORECASE)
_ORDER_RULE = re.compile(r"([a-z0-9_.]+)\s+(asc|desc)", re.IGNORECASE)


@dataclass(frozen=True)
class Options:
    limit: int = DEFAULT_LIMIT
    page: int = 1
    order: tuple[tuple[str, bool], ...] = ()  # (field, descending)
    include: frozenset[str] = frozenset()
    fields: tuple[str, ...] | None = None
    formats: tuple[str, ...] = ("html",)
    filter: str = ""


def _js_int(value):
    """JavaScript's ``parseInt(value, 10)``: the leading integer, or None (NaN)."""
    match = _LEADING_INT.match(value)
    return int(match.group(1)) if match else None


def _capped_limit(raw):
    if raw == "all":
        return str(MAX_LIMIT)
    number = _js_int(raw)
    if number is None or number > MAX_LIMIT:
        return str(MAX_LIMIT)
    return raw


def _list(raw):
    return [part.strip().lower() for part in raw.split(",") if part.strip()]


def single(query, name):
    """The one value of a parameter (the first, as Ghost's query parser keeps it), or ""."""
    values = query.getlist(name)
    return values[0] if values else ""


# What a read (one object by id or slug) takes; Ghost drops the other options unread.
READ_OPTIONS = ("include", "fields", "formats")


def parse(query, *, include=(), order_fields=(), read=False):
    """``Options`` of a request's query (``request.GET``); raises ``APIError``."""
    if read:
        query = query.copy()
        for name in list(query):
            if name not in READ_OPTIONS:
                del query[name]
    for name in ("limit", "page", "order", "filter", "fields", "formats", "include"):
        if len(query.getlist(name)) > 1:
            raise bad_request("Invalid Request", code="INVALID_REQUEST", property=name)
    limit = DEFAULT_LIMIT
    raw_limit = single(query, "limit")
    if raw_limit:
        raw_limit = _capped_limit(raw_limit)
        if not _LIMIT.fullmatch(raw_limit):
            raise validation_failed("limit")
        limit = int(raw_limit) or DEFAULT_LIMIT
    page = 1
    raw_page = single(query, "page")
    if raw_page:
        if not _DIGITS.fullmatch(raw_page):
            raise validation_failed("page")
        page = min(int(raw_page[:12]), MAX_PAGE) or 1
    order = []
    raw_order = single(query, "order")
    if raw_order:
        if not _ORDER.fullmatch(raw_order):
            raise validation_failed("order")
        for rule in raw_order.split(","):
            match = _ORDER_RULE.fullmatch(rule.strip())
            if match and match.group(1).lower() in order_fields:
                order.append((match.group(1).lower(), match.group(2).lower() == "desc"))
    formats = ("html",)
    raw_formats = single(query, "formats")
    if raw_formats:
        asked = _list(raw_formats)
        if any(value not in FORMATS for value in asked):
            raise validation_failed("formats", "AllowedValues")
        formats = tuple(asked)
    raw_fields = single(query, "fields")
    return Options(
        limit=limit,
        page=page,
        order=tuple(order),
        include=frozenset(value for value in _list(single(query, "include")) if value in include),
        fields=tuple(_list(raw_fields)) if raw_fields else None,
        formats=formats,
        filter=single(query, "filter"),
    )


def pagination(*, page, limit, total):
    """Ghost's ``meta.pagination`` (``@tryghost/bookshelf-pagination``), quirks and all: a
    page past the last has both ``next`` and ``prev``."""
    pages = -(-total // limit) or 1
    next_page = prev_page = None
    if pages > 1:
        if page == 1:
            next_page = page + 1
        elif page == pages:
            prev_page = page - 1
        else:
            next_page, prev_page = page + 1, page - 1
    return {
        "page": page,
        "limit": limit,
        "pages": pages,
        "total": total,
        "next": next_page,
        "prev": prev_page,
    }
