"""The Content API's views: ``/ghost/api/content/<resource>/``, answered as Ghost answers.

Every request goes the same way (``endpoint``): CORS (any origin, as Ghost's ``cors()``), the
key (missing: 403; unknown or revoked: 401; given twice: 400), then the page cache
(``cache.py``: an answer stored for this URL and still current), else the resource's reader
makes the answer, which is stored with the tags of what it shows. Answers are
``Cache-Control: public, max-age=0`` (Ghost's default for the Content API) with an ETag, and a
304 for a client that has it. Errors are Ghost's bodies (``errors.py``), never a 500 for bad
input.
"""

from __future__ import annotations

import json
from datetime import timedelta
from functools import wraps

from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Page

from articles import cache as article_cache
from authors import cache as author_cache
from core.absolute_urls import site_root_url
from core.models import NewsroomSettings
from pagecache import depends_on
from pagecache import tags as cache_tags
from pagecache.serving import not_modified
from pagecache.store import etag_for
from payments import cache as payment_cache

from . import cache, fields, ids, params, selectors, serializers
from .errors import APIError, not_found
from .models import ContentAPIKey

CACHE_CONTROL = "public, max-age=0"
# Ghost answers every request with the version it speaks (clients send Accept-Version).
CONTENT_VERSION = "v6.65"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET,HEAD,PUT,PATCH,POST,DELETE",
    "Access-Control-Max-Age": "86400",
}
# A key's last use is written at most this often: never a write per request.
LAST_USED_EVERY = timedelta(hours=1)

POST_INCLUDES = ("tags", "authors", "tiers")
POST_ORDER = {
    "published_at": "first_published_at",
    "updated_at": "last_published_at",
    "created_at": "first_published_at",
    "title": "title",
    "slug": "slug",
    "id": "pk",
    "featured": "featured",
}
DEFAULT_POST_ORDER = ("-first_published_at", "-pk")


def _cors(response, request):
    for name, value in CORS_HEADERS.items():
        response[name] = value
    if request.method == "OPTIONS":
        for name, value in PREFLIGHT_HEADERS.items():
            response[name] = value
        if asked := request.headers.get("Access-Control-Request-Headers"):
            response["Access-Control-Allow-Headers"] = asked
        response["Vary"] = "Access-Control-Request-Headers"
    return response


def _check_key(request):
    values = request.GET.getlist("key")
    if len(values) > 1:
        raise APIError("BadRequestError", "Invalid Request", code="INVALID_REQUEST")
    if not values or not values[0]:
        raise APIError(
            "NoPermissionError",
            "Authorization failed",
            context="Unable to determine the authenticated member or integration. Check the "
            "supplied Content API Key and ensure cookies are being passed through if member "
            "auth is failing.",
        )
    key = ContentAPIKey.objects.filter(key=values[0], active=True).first()
    if key is None:
        raise APIError(
            "UnauthorizedError", "Unknown Content API Key", code="UNKNOWN_CONTENT_API_KEY"
        )
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_EVERY:
        ContentAPIKey.objects.filter(pk=key.pk).update(last_used_at=now)


def _json_response(body, request, etag):
    if not_modified(request.META, etag):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    response["Vary"] = "Accept-Version, Accept-Encoding"
    response["Content-Version"] = CONTENT_VERSION
    return response


def endpoint(reader):
    """A view answering GET (and HEAD, OPTIONS) with ``reader(request, **kwargs)``'s data."""

    @csrf_exempt
    @wraps(reader)
    def view(request, **kwargs):
        if request.method == "OPTIONS":
            return _cors(HttpResponse(status=204), request)
        if request.method not in ("GET", "HEAD"):
            return _cors(not_found("Resource not found").response(), request)
        try:
            _check_key(request)
            key = cache.key_for(request)
            stored = cache.lookup(key) if cache.enabled() else None
            if stored is not None:
                body, etag = stored
                response = _json_response(body, request, etag)
                response["X-Masthead-Cache"] = "hit"
                return _cors(response, request)
            started = cache.started()
            with ids.request_scope():
                data = reader(request, **kwargs)
        except APIError as error:
            return _cors(error.response(), request)
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        etag = etag_for(body)
        if cache.enabled():
            cache.save(request, key, body, etag, started=started)
        return _cors(_json_response(body, request, etag), request)

    return view


def _context(request, options, *, with_tiers=False):
    tiers = _tier_list(request) if with_tiers else ()
    return serializers.Context(request, root=site_root_url(request), options=options, tiers=tiers)


def _paginate(queryset_or_list, options):
    """(rows of the asked page, meta.pagination)."""
    if isinstance(queryset_or_list, list):
        total = len(queryset_or_list)
    else:
        total = queryset_or_list.count()
    meta = params.pagination(page=options.page, limit=options.limit, total=total)
    start = (options.page - 1) * options.limit
    if start >= total:
        return [], meta
    return list(queryset_or_list[start : start + options.limit]), meta


def _ordered(queryset, options, order_map, default):
    rules = [
        ("-" if descending else "") + order_map[name]
        for name, descending in options.order
        if order_map.get(name) and _has_field(queryset.model, order_map[name])
    ]
    return queryset.order_by(*rules, *default)


def _has_field(model, name):
    return name == "pk" or any(field.name == name for field in model._meta.get_fields())


# Posts and pages ---------------------------------------------------------------------------


def _post_options(request):
    return params.parse(request.GET, include=POST_INCLUDES, order_fields=POST_ORDER)


def _extras(articles, request):
    """Masthead's own fields of each post: its narration, its corrections, and its News Feed
    items, under ``masthead`` (Ghost clients ignore it)."""
    from .extras import attach_extras

    attach_extras(articles, request=request)


def _serialize_posts(articles, request, options):
    context = _context(request, options, with_tiers="tiers" in options.include)
    sections = selectors.sections_by_path({article.path[: -Page.steplen] for article in articles})
    _extras(articles, request)
    ids.remember("post", [article.pk for article in articles])
    depends_on(request, cache_tags.SITE, *cache_tags.pages(articles))
    if "authors" in options.include:
        depends_on(request, author_cache.AUTHORS)
    return [
        serializers.post(article, context, section=sections.get(article.path[: -Page.steplen]))
        for article in articles
    ]


def posts_browse(request):
    options = _post_options(request)
    depends_on(request, article_cache.ARTICLES)
    queryset = fields.filtered(selectors.posts(), options.filter, fields.post_fields)
    queryset = _ordered(queryset, options, POST_ORDER, DEFAULT_POST_ORDER)
    rows, meta = _paginate(selectors.post_rows(queryset), options)
    return {"posts": _serialize_posts(rows, request, options), "meta": {"pagination": meta}}


def _read_one(request, queryset, *, kind, pk=None, slug=None, message):
    if pk is not None:
        found = ids.pk_of(kind, pk)
        if not ids.GHOST_ID.fullmatch(pk.lower()):
            raise params.validation_failed("id")
        queryset = queryset.filter(pk=found) if found is not None else queryset.none()
    else:
        queryset = queryset.filter(slug=slug)
    obj = queryset.first()
    if obj is None:
        raise not_found(message)  # errors are never stored: a post published later shows
    return obj


def posts_read(request, pk=None, slug=None):
    options = params.parse(request.GET, include=POST_INCLUDES, read=True)
    depends_on(request, article_cache.ARTICLES)
    article = _read_one(
        request,
        selectors.post_rows(selectors.posts()),
        kind="post",
        pk=pk,
        slug=slug,
        message="Post not found.",
    )
    return {"posts": _serialize_posts([article], request, options)}


def _serialize_pages(pages, request, options):
    context = _context(request, options, with_tiers="tiers" in options.include)
    ids.remember("page", [page.pk for page in pages])
    depends_on(request, cache_tags.SITE, *cache_tags.pages(pages))
    return [serializers.post(page, context, kind="page") for page in pages]


def pages_browse(request):
    options = _post_options(request)
    queryset = fields.filtered(selectors.pages(), options.filter, fields.page_fields)
    queryset = _ordered(queryset, options, POST_ORDER, DEFAULT_POST_ORDER)
    rows, meta = _paginate(queryset, options)
    return {"pages": _serialize_pages(rows, request, options), "meta": {"pagination": meta}}


def pages_read(request, pk=None, slug=None):
    options = params.parse(request.GET, include=POST_INCLUDES, read=True)
    depends_on(request, cache_tags.SITE)
    page = _read_one(
        request, selectors.pages(), kind="page", pk=pk, slug=slug, message="Page not found."
    )
    return {"pages": _serialize_pages([page], request, options)}


# Authors -----------------------------------------------------------------------------------

AUTHOR_ORDER = {"name": "name", "slug": "slug", "id": "pk"}


def _serialize_authors(authors, request, options):
    context = _context(request, options)
    counts = (
        selectors.author_post_counts([each.pk for each in authors])
        if "count.posts" in options.include
        else None
    )
    if counts is not None:
        depends_on(request, article_cache.ARTICLES)
    depends_on(request, *(author_cache.author(each.pk) for each in authors))
    return [
        serializers._pick(
            serializers.author(
                each, context, post_count=counts.get(each.pk, 0) if counts is not None else None
            ),
            options.fields,
        )
        for each in authors
    ]


def authors_browse(request):
    options = params.parse(request.GET, include=("count.posts",), order_fields=AUTHOR_ORDER)
    depends_on(request, author_cache.AUTHORS)
    queryset = fields.filtered(selectors.authors(), options.filter, fields.author_fields)
    rows, meta = _paginate(_ordered(queryset, options, AUTHOR_ORDER, ("name", "pk")), options)
    return {"authors": _serialize_authors(rows, request, options), "meta": {"pagination": meta}}


def authors_read(request, pk=None, slug=None):
    options = params.parse(request.GET, include=("count.posts",), read=True)
    depends_on(request, author_cache.AUTHORS)
    author = _read_one(
        request, selectors.authors(), kind="author", pk=pk, slug=slug, message="Author not found."
    )
    return {"authors": _serialize_authors([author], request, options)}


# Tags --------------------------------------------------------------------------------------

TAG_ORDER = ("name", "slug", "count.posts")


def _all_tags(request, options):
    """Sections and public tags, filtered, each with its post count if asked."""
    sections = list(
        fields.filtered(selectors.sections(), options.filter, lambda: fields.tag_fields("section"))
    )
    # A tag named as a section is that section (the article's primary tag): listed once.
    tags = list(
        fields.filtered(
            selectors.public_tags().exclude(slug__in=selectors.sections().values("slug")),
            options.filter,
            lambda: fields.tag_fields("tag"),
        )
    )
    depends_on(request, cache_tags.SITE, article_cache.ARTICLES)
    depends_on(request, *(article_cache.tag(each.pk) for each in tags))
    return sections, tags


def _serialize_tags(request, options, sections, tags):
    context = _context(request, options)
    section_counts = tag_counts = None
    if "count.posts" in options.include:
        section_counts = selectors.section_post_counts(sections)
        tag_counts = selectors.tag_post_counts([each.pk for each in tags])
    return [
        serializers.tag(each, context, post_count=_count(section_counts, each)) for each in sections
    ] + [serializers.tag(each, context, post_count=_count(tag_counts, each)) for each in tags]


def _count(counts, obj):
    return None if counts is None else counts.get(obj.pk, 0)


def _sort_tags(rows, options):
    def value(row, name):
        if name == "count.posts":
            return row.get("count", {}).get("posts", 0)
        return (row.get(name) or "").lower()

    rows.sort(key=lambda row: (value(row, "name"), row["id"]))
    for name, descending in reversed(options.order):
        if name == "count.posts" and "count.posts" not in options.include:
            continue
        rows.sort(key=lambda row, name=name: value(row, name), reverse=descending)
    return rows


def tags_browse(request):
    options = params.parse(request.GET, include=("count.posts",), order_fields=TAG_ORDER)
    sections, tags = _all_tags(request, options)
    rows = _sort_tags(_serialize_tags(request, options, sections, tags), options)
    page_rows, meta = _paginate(rows, options)
    return {
        "tags": [serializers._pick(row, options.fields) for row in page_rows],
        "meta": {"pagination": meta},
    }


def tags_read(request, pk=None, slug=None):
    options = params.parse(request.GET, include=("count.posts",), read=True)
    depends_on(request, cache_tags.SITE, article_cache.ARTICLES)
    sections, tags = [], []
    if pk is not None:
        if not ids.GHOST_ID.fullmatch(pk.lower()):
            raise params.validation_failed("id")
        parsed = ids.parse(pk, kinds=("section", "tag"))
        if parsed and parsed[0] == "section":
            sections = list(selectors.sections().filter(pk=parsed[1]))
        elif parsed and parsed[0] == "tag":
            tags = list(selectors.public_tags().filter(pk=parsed[1]))
    else:
        sections = list(selectors.sections().filter(slug=slug))
        if not sections:
            tags = list(selectors.public_tags().filter(slug=slug))
    if not sections and not tags:
        raise not_found("Tag not found.")
    rows = _serialize_tags(request, options, sections[:1], tags[:1] if not sections else [])
    return {"tags": [serializers._pick(rows[0], options.fields)]}


# Tiers and settings ------------------------------------------------------------------------


def _tier_list(request):
    depends_on(request, payment_cache.TIERS)
    newsroom = NewsroomSettings.load(request_or_site=request)
    return [
        serializers.free_tier(newsroom=newsroom),
        *(serializers.tier(each) for each in selectors.tiers()),
    ]


def tiers_browse(request):
    options = params.parse(request.GET)
    depends_on(request, payment_cache.TIERS)
    newsroom = NewsroomSettings.load(request_or_site=request)
    paid = fields.filtered(selectors.tiers(), options.filter, fields.tier_fields)
    rows = [serializers.tier(each) for each in paid]
    # The free tier is no row of the catalogue: listed unless a filter asks for others.
    if not options.filter or "type:free" in options.filter.replace(" ", ""):
        rows.insert(0, serializers.free_tier(newsroom=newsroom))
    if "type:paid" in options.filter.replace(" ", ""):
        rows = [row for row in rows if row["type"] == "paid"]
    page_rows, meta = _paginate(rows, options)
    return {
        "tiers": [serializers._pick(row, options.fields) for row in page_rows],
        "meta": {"pagination": meta},
    }


def settings_browse(request):
    from .extras import navigation

    options = params.parse(request.GET)
    depends_on(request, cache_tags.SITE, payment_cache.TIERS)
    newsroom = NewsroomSettings.load(request_or_site=request)
    context = _context(request, options)
    primary, secondary = navigation(request)
    data = serializers.site_settings(
        newsroom=newsroom,
        context=context,
        navigation=primary,
        secondary_navigation=secondary,
        has_paid_tiers=selectors.tiers().exists(),
    )
    return {"settings": serializers._pick(data, options.fields), "meta": {}}


def news_feed_browse(request):
    """Masthead's News Feed items (not Ghost's): ``/ghost/api/content/masthead/news-feed/``."""
    from .extras import news_feed_items

    options = params.parse(request.GET)
    rows, meta = news_feed_items(request, options)
    return {"news_feed": rows, "meta": {"pagination": meta}}


def unknown(request, **kwargs):
    raise not_found("Resource not found")
