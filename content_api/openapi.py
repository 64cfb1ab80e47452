"""The OpenAPI 3.1 description of the Content API, served at ``/ghost/api/content/openapi.json``.

``description()`` builds it from what the views do: the routes of ``urls.py`` (a test walks
them and finds each one here), the query parameters ``params.py`` reads (with Ghost's
leniencies written down: a limit over 100 or not a number is read as 100, unknown ``include``
and ``fields`` values are dropped), the shapes ``serializers.py`` writes, and Ghost's error body
(``errors.py``) for every refusal. Objects are closed (``additionalProperties: false``) so a
field added to a serializer and not here fails the fuzz run (``tests/test_openapi_fuzz.py``);
no property is required, because ``fields=`` may ask for any subset.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from . import params
from .errors import STATUS, not_found
from .views import _cors

OPENAPI_VERSION = "3.1.0"
API_VERSION = "5.0"


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(type_name, **extra):
    return {"type": [type_name, "null"], **extra}


STRING = {"type": "string"}
TEXT = _nullable("string")
URL = _nullable("string", format="uri")
DATE = _nullable("string", format="date-time")
BOOLEAN = {"type": "boolean"}
INTEGER = {"type": "integer"}
ALWAYS_NULL = {"type": "null"}
GHOST_ID = {"type": "string", "pattern": "^[0-9a-f]{24}$"}


def _closed(properties, *, required=(), description=None):
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    if description:
        schema["description"] = description
    return schema


def _list_of(schema):
    return {"type": "array", "items": schema}


SOCIAL_META = {
    "og_image": URL,
    "og_title": TEXT,
    "og_description": TEXT,
    "twitter_image": URL,
    "twitter_title": TEXT,
    "twitter_description": TEXT,
    "meta_title": TEXT,
    "meta_description": TEXT,
}


def _tag():
    return _closed(
        {
            "id": GHOST_ID,
            "name": STRING,
            "slug": STRING,
            "description": TEXT,
            "feature_image": URL,
            "visibility": {"type": "string", "enum": ["public"]},
            **SOCIAL_META,
            "codeinjection_head": ALWAYS_NULL,
            "codeinjection_foot": ALWAYS_NULL,
            "canonical_url": URL,
            "accent_color": TEXT,
            "url": {"type": "string", "format": "uri"},
            "count": _closed({"posts": {"type": "integer", "minimum": 0}}, required=["posts"]),
        },
        description="A tag: a section (a post's primary tag) or a public tag. `count` only "
        "with `include=count.posts`.",
    )


AUTHOR_SOCIAL = (
    "facebook",
    "twitter",
    "threads",
    "bluesky",
    "mastodon",
    "tiktok",
    "youtube",
    "instagram",
    "linkedin",
)


def _author():
    return _closed(
        {
            "id": GHOST_ID,
            "name": STRING,
            "slug": STRING,
            "profile_image": URL,
            "cover_image": URL,
            "bio": TEXT,
            "website": URL,
            "location": TEXT,
            **dict.fromkeys(AUTHOR_SOCIAL, TEXT),
            "meta_title": TEXT,
            "meta_description": TEXT,
            "url": {"type": "string", "format": "uri"},
            "count": _closed({"posts": {"type": "integer", "minimum": 0}}, required=["posts"]),
        },
        description="A staff author. `count` only with `include=count.posts`.",
    )


def _tier():
    return _closed(
        {
            "id": GHOST_ID,
            "name": STRING,
            "description": TEXT,
            "slug": STRING,
            "active": BOOLEAN,
            "type": {"type": "string", "enum": ["free", "paid"]},
            "welcome_page_url": URL,
            "created_at": DATE,
            "updated_at": DATE,
            "visibility": {"type": "string", "enum": ["public", "none"]},
            "benefits": _list_of(STRING),
            "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
            "monthly_price": {"type": "integer", "minimum": 0},
            "yearly_price": {"type": "integer", "minimum": 0},
            "trial_days": {"type": "integer", "minimum": 0},
        },
        description="A tier. The free tier has no prices; paid prices are in the currency's "
        "smallest unit.",
    )


def _news_item(*, with_article_url):
    properties = {
        "id": INTEGER,
        "headline": STRING,
        "summary": STRING,
        "breaking": BOOLEAN,
        "pinned": BOOLEAN,
        "published_at": DATE,
    }
    if with_article_url:
        properties["article_url"] = URL
    return _closed(properties, required=list(properties))


def _masthead_extras():
    return _closed(
        {
            "narration": {
                "oneOf": [
                    ALWAYS_NULL,
                    _closed(
                        {"url": {"type": "string"}, "duration": {"type": "integer", "minimum": 0}},
                        required=["url", "duration"],
                    ),
                ]
            },
            "corrections": _list_of(
                _closed({"corrected_at": DATE, "note": STRING}, required=["corrected_at", "note"])
            ),
            "news_feed": _list_of(_ref("NewsFeedItem")),
        },
        description="Masthead's own fields, which Ghost clients ignore: the post's narration "
        "(public audio only), its corrections and the News Feed items that link it. Given "
        "unless `fields` is asked; empty for pages.",
    )


def _post(*, page):
    properties = {
        "id": GHOST_ID,
        "uuid": {"type": "string", "format": "uuid"},
        "title": STRING,
        "slug": STRING,
        "html": {"type": "string", "description": "With `formats=html` (the default)."},
        "plaintext": {"type": "string", "description": "With `formats=plaintext`."},
        "comment_id": STRING,
        "feature_image": URL,
        "featured": BOOLEAN,
        "visibility": {"type": "string", "enum": ["public", "members", "paid", "tiers"]},
        "created_at": DATE,
        "updated_at": DATE,
        "published_at": DATE,
        "custom_excerpt": TEXT,
        "codeinjection_head": ALWAYS_NULL,
        "codeinjection_foot": ALWAYS_NULL,
        "custom_template": ALWAYS_NULL,
        "canonical_url": URL,
        "tags": {**_list_of(_ref("Tag")), "description": "With `include=tags`."},
        "primary_tag": {"oneOf": [ALWAYS_NULL, _ref("Tag")]},
        "authors": {**_list_of(_ref("Author")), "description": "With `include=authors`."},
        "primary_author": {"oneOf": [ALWAYS_NULL, _ref("Author")]},
        "tiers": {**_list_of(_ref("Tier")), "description": "With `include=tiers`."},
        "url": {"type": "string", "format": "uri"},
        "excerpt": TEXT,
        "reading_time": {"type": "integer", "minimum": 0},
        "access": {
            "type": "boolean",
            "description": "False for a gated post: its `html` stops where the preview ends.",
        },
        "comments": BOOLEAN,
        **SOCIAL_META,
        "email_subject": ALWAYS_NULL,
        "frontmatter": ALWAYS_NULL,
        "feature_image_alt": TEXT,
        "feature_image_caption": TEXT,
        "masthead": _ref("MastheadExtras"),
    }
    if page:
        properties["show_title_and_feature_image"] = BOOLEAN
    return _closed(properties, description="A page." if page else "A post (an article).")


def _settings():
    navigation = _list_of(
        _closed({"label": STRING, "url": {"type": "string"}}, required=["label", "url"])
    )
    return _closed(
        {
            "title": STRING,
            "description": TEXT,
            "logo": URL,
            "icon": URL,
            "accent_color": TEXT,
            "cover_image": URL,
            "facebook": TEXT,
            "twitter": TEXT,
            "lang": STRING,
            "locale": STRING,
            "timezone": STRING,
            "codeinjection_head": ALWAYS_NULL,
            "codeinjection_foot": ALWAYS_NULL,
            "navigation": navigation,
            "secondary_navigation": navigation,
            **SOCIAL_META,
            "members_support_address": STRING,
            "members_enabled": BOOLEAN,
            "allow_self_signup": BOOLEAN,
            "members_invite_only": BOOLEAN,
            "members_signup_access": {"type": "string", "enum": ["all", "invite", "none"]},
            "paid_members_enabled": BOOLEAN,
            "firstpromoter_account": TEXT,
            "portal_button_style": STRING,
            "portal_button_signup_text": STRING,
            "portal_button_icon": TEXT,
            "portal_signup_terms_html": TEXT,
            "portal_signup_checkbox_required": BOOLEAN,
            "portal_plans": _list_of({"type": "string", "enum": ["free", "monthly", "yearly"]}),
            "portal_default_plan": STRING,
            "portal_name": BOOLEAN,
            "portal_button": BOOLEAN,
            "comments_enabled": {"type": "string", "enum": ["off", "all", "paid"]},
            "recommendations_enabled": BOOLEAN,
            "outbound_link_tagging": BOOLEAN,
            "default_email_address": TEXT,
            "support_email_address": TEXT,
            "editor_default_email_recipients": STRING,
            "labs": {"type": "object"},
            "url": {"type": "string", "format": "uri"},
        },
        description="The site's settings, as Ghost's `settings` resource.",
    )


def _pagination():
    page_number = {"type": ["integer", "null"], "minimum": 1}
    return _closed(
        {
            "page": {"type": "integer", "minimum": 1},
            "limit": {"type": "integer", "minimum": 1, "maximum": params.MAX_LIMIT},
            "pages": {"type": "integer", "minimum": 1},
            "total": {"type": "integer", "minimum": 0},
            "next": page_number,
            "prev": page_number,
        },
        required=["page", "limit", "pages", "total", "next", "prev"],
        description="Ghost's pagination. A page past the last has both `next` and `prev`.",
    )


def _error():
    item = _closed(
        {
            "message": STRING,
            "context": TEXT,
            "type": {"type": "string", "enum": list(STATUS)},
            "details": {},
            "property": TEXT,
            "help": TEXT,
            "code": TEXT,
            "id": STRING,
            "ghostErrorCode": TEXT,
        },
        required=["message", "context", "type"],
    )
    return _closed(
        {"errors": {"type": "array", "items": item, "minItems": 1}},
        required=["errors"],
        description="Ghost's error body (`@tryghost/errors`).",
    )


# Query parameters ----------------------------------------------------------------------------

FORMAT_NAME = "(" + "|".join(params.FORMATS) + ")"


def _query(name, schema, description, **extra):
    return {"name": name, "in": "query", "schema": schema, "description": description, **extra}


PARAMETERS = {
    "accept_version": {
        "name": "Accept-Version",
        "in": "header",
        "schema": STRING,
        "description": "The version Ghost's clients send (e.g. `v5.0`). Any value is accepted.",
    },
    "include": _query(
        "include",
        STRING,
        "Comma-separated relations to embed: posts and pages take `authors`, `tags`, `tiers`; "
        "authors and tags take `count.posts`. Unknown values are ignored.",
        examples={"relations": {"value": "authors,tags"}},
    ),
    "fields": _query(
        "fields",
        STRING,
        "Comma-separated fields to return (the others are left out; relations asked with "
        "`include` come too). Unknown names are ignored.",
        examples={"some": {"value": "title,slug,url"}},
    ),
    "formats": _query(
        "formats",
        {"type": "string", "pattern": f"^ *{FORMAT_NAME} *(, *{FORMAT_NAME} *)*$"},
        "Comma-separated body formats: `html` (the default), `plaintext`. `mobiledoc` and "
        "`lexical` are accepted and give nothing. Any other value is a 422.",
        examples={"both": {"value": "html,plaintext"}},
    ),
    "filter": _query(
        "filter",
        STRING,
        "A Ghost NQL filter, e.g. `tag:opinion+featured:true`, `tags:[a,b]`, "
        "`published_at:>'2024-01-01'`, with `+` (and), `,` (or), `-` (not), `[...]` (in), "
        "`>`, `>=`, `<`, `<=`, `~` (contains). An unknown key or malformed filter is a 400.",
        examples={
            "tag": {"value": "tag:news"},
            "combined": {"value": "featured:false+published_at:>'2020-01-01'"},
            "not": {"value": "-slug:nothing"},
            "in": {"value": "tags:[news,dam]+author:-[nobody]"},
            "either": {"value": "primary_tag:opinion,visibility:paid"},
            "dates": {"value": "published_at:>='2020-01-01 00:00:00'+updated_at:<now"},
            "contains": {"value": "title:~'dam'"},
        },
    ),
    "limit": _query(
        "limit",
        {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "enum": ["all"]}]},
        f"Items per page, {params.DEFAULT_LIMIT} by default (also for 0). Ghost caps it: "
        f"`all`, any value over {params.MAX_LIMIT} and any value that does not start with a "
        f"number are read as {params.MAX_LIMIT}; a negative number, or a number followed by "
        "other characters, is a 422.",
    ),
    "page": _query(
        "page",
        {"type": "integer", "minimum": 0},
        "The page to return, from 1 (0 is read as 1); anything but digits is a 422. A page "
        "past the last is empty.",
    ),
    "order": _query(
        "order",
        {"type": "string", "pattern": "^[A-Za-z0-9_,. ]+$"},
        "Comma-separated `field asc|desc` rules, e.g. `published_at desc`. Rules on unknown "
        "fields, or not of that form, are ignored; other characters are a 422.",
        examples={"newest": {"value": "published_at desc"}},
    ),
}


def _params(*names):
    return [{"$ref": f"#/components/parameters/{name}"} for name in ("accept_version", *names)]


BROWSE = ("include", "fields", "formats", "filter", "limit", "page", "order")
READ = ("include", "fields", "formats")


# Operations ---------------------------------------------------------------------------------


ERROR_MEANINGS = {
    400: "A malformed request: a bad filter, or a parameter given twice.",
    401: "An unknown or revoked Content API key.",
    403: "No Content API key.",
    404: "Nothing by that id or slug, or no such resource.",
    422: "A parameter of the wrong form (page, limit, order, formats, id).",
}


def _errors(*statuses):
    return {str(status): {"$ref": f"#/components/responses/Error{status}"} for status in statuses}


NOT_MODIFIED = {
    "304": {
        "description": "Not modified: the request's If-None-Match holds the answer's ETag.",
        "headers": {"ETag": {"schema": STRING}},
    }
}


def _ok(envelope, description):
    return {
        "description": description,
        "headers": {
            "ETag": {"schema": STRING, "description": "Answer a repeat with If-None-Match."},
            "Cache-Control": {"schema": {"type": "string", "const": "public, max-age=0"}},
            "Content-Version": {
                "schema": STRING,
                "description": "The Ghost version the API answers as, e.g. v6.65.",
            },
        },
        "content": {"application/json": {"schema": _ref(envelope)}},
    }


def _browse(resource, envelope, parameters, summary):
    return {
        "get": {
            "operationId": f"{resource}_browse",
            "tags": [resource],
            "summary": summary,
            "parameters": _params(*parameters),
            "responses": {
                "200": _ok(envelope, summary),
                **NOT_MODIFIED,
                **_errors(400, 401, 403, 422),
            },
        }
    }


def _read(resource, envelope, parameters, *, by):
    if by == "id":
        path_parameter = {
            "name": "id",
            "in": "path",
            "required": True,
            "description": "The id (24 hex characters); anything else is a 422.",
            "schema": GHOST_ID,
        }
    else:
        path_parameter = {
            "name": "slug",
            "in": "path",
            "required": True,
            "schema": {"type": "string", "pattern": "^[^/]+$"},
        }
    return {
        "get": {
            "operationId": f"{resource}_read_by_{by}",
            "tags": [resource],
            "summary": f"One of {resource} by {by}",
            "parameters": [path_parameter, *_params(*parameters)],
            "responses": {
                "200": _ok(envelope, f"A list holding the one item of {resource}"),
                **NOT_MODIFIED,
                **_errors(400, 401, 403, 404, 422),
            },
        }
    }


def _envelope(name, item, *, paginated):
    properties = {name: _list_of(_ref(item))}
    if paginated:
        properties["meta"] = _closed({"pagination": _ref("Pagination")}, required=["pagination"])
    return _closed(properties, required=list(properties))


RESOURCES = {
    # resource: (item schema, browse parameters, read parameters)
    "posts": ("Post", BROWSE, READ),
    "pages": ("Page", BROWSE, READ),
    "authors": (
        "Author",
        ("include", "fields", "filter", "limit", "page", "order"),
        ("include", "fields"),
    ),
    "tags": (
        "Tag",
        ("include", "fields", "filter", "limit", "page", "order"),
        ("include", "fields"),
    ),
}


def _paths():
    paths = {}
    for resource, (item, browse, read) in RESOURCES.items():
        browse_envelope, read_envelope = f"{item}sBrowse", f"{item}sRead"
        paths[f"/{resource}/"] = _browse(resource, browse_envelope, browse, f"A page of {resource}")
        paths[f"/{resource}/{{id}}/"] = _read(resource, read_envelope, read, by="id")
        paths[f"/{resource}/slug/{{slug}}/"] = _read(resource, read_envelope, read, by="slug")
    paths["/tiers/"] = _browse(
        "tiers", "TiersBrowse", ("fields", "filter", "limit", "page"), "The tiers, free first"
    )
    paths["/settings/"] = {
        "get": {
            "operationId": "settings_browse",
            "tags": ["settings"],
            "summary": "The site's settings",
            "parameters": _params("fields"),
            "responses": {
                "200": _ok("SettingsBrowse", "The settings"),
                **NOT_MODIFIED,
                **_errors(400, 401, 403, 422),
            },
        }
    }
    paths["/masthead/news-feed/"] = {
        "get": {
            "operationId": "news_feed_browse",
            "tags": ["masthead"],
            "summary": "Masthead's News Feed, newest first (not a Ghost resource)",
            "parameters": _params("limit", "page"),
            "responses": {
                "200": _ok("NewsFeedBrowse", "A page of the News Feed"),
                **NOT_MODIFIED,
                **_errors(400, 401, 403, 422),
            },
        }
    }
    paths["/openapi.json"] = {
        "get": {
            "operationId": "openapi",
            "tags": ["masthead"],
            "summary": "This description",
            "security": [],
            "responses": {
                "200": {
                    "description": "The OpenAPI description",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        }
    }
    return paths


def _components():
    schemas = {
        "Post": _post(page=False),
        "Page": _post(page=True),
        "Tag": _tag(),
        "Author": _author(),
        "Tier": _tier(),
        "Settings": _settings(),
        "NewsFeedItem": _news_item(with_article_url=False),
        "NewsFeedEntry": _news_item(with_article_url=True),
        "MastheadExtras": _masthead_extras(),
        "Pagination": _pagination(),
        "Error": _error(),
    }
    for resource, (item, _browse_params, _read_params) in RESOURCES.items():
        schemas[f"{item}sBrowse"] = _envelope(resource, item, paginated=True)
        schemas[f"{item}sRead"] = _envelope(resource, item, paginated=False)
    schemas["TiersBrowse"] = _envelope("tiers", "Tier", paginated=True)
    schemas["SettingsBrowse"] = _closed(
        {"settings": _ref("Settings"), "meta": _closed({})}, required=["settings", "meta"]
    )
    schemas["NewsFeedBrowse"] = _envelope("news_feed", "NewsFeedEntry", paginated=True)
    return {
        "schemas": schemas,
        "parameters": PARAMETERS,
        "responses": {
            f"Error{status}": {
                "description": meaning,
                "content": {"application/json": {"schema": _ref("Error")}},
            }
            for status, meaning in ERROR_MEANINGS.items()
        },
        "securitySchemes": {
            "key": {
                "type": "apiKey",
                "in": "query",
                "name": "key",
                "description": "A Content API key (26 hex characters), made in the admin "
                "under Settings → Content API keys. Missing: 403; unknown or revoked: 401; "
                "given twice: 400.",
            }
        },
    }


@lru_cache(maxsize=1)
def _built():
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "Masthead Content API",
            "version": API_VERSION,
            "description": "Ghost's Content API, served by Masthead: a Ghost front end or "
            "`@tryghost/content-api` reads it by changing its URL and key. Read-only: every "
            "route answers GET, HEAD and OPTIONS (CORS for any origin); other methods are a "
            "404, as Ghost answers them. Routes answer with and without the trailing slash. "
            "Answers carry an ETag and `Cache-Control: public, max-age=0`; errors are never "
            "cached.",
        },
        "servers": [{"url": "/ghost/api/content"}],
        "security": [{"key": []}],
        "tags": [{"name": name} for name in (*RESOURCES, "tiers", "settings", "masthead")],
        "paths": _paths(),
        "components": _components(),
    }


def description():
    """The OpenAPI description, a fresh dict (callers may change it)."""
    return copy.deepcopy(_built())


@csrf_exempt
def openapi_json(request):
    """The description as JSON: public (no key) and cacheable, with CORS as every route of
    the API (OPTIONS a preflight, methods other than GET and HEAD Ghost's 404)."""
    if request.method == "OPTIONS":
        return _cors(HttpResponse(status=204), request)
    if request.method not in ("GET", "HEAD"):
        return _cors(not_found("Resource not found").response(), request)
    body = json.dumps(_built(), ensure_ascii=False, separators=(",", ":"))
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return _cors(response, request)
