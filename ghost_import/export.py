"""A Ghost JSON export read and checked: ``{"db": [{"meta": {...}, "data": {table: rows}}]}``.

Ghost 4, 5 and 6 write the same shape (core/server/data/exporter/ in Ghost's source): one row
per database row, tables named as in its schema. What differs by version is read here once, so
the importer sees one shape: Ghost 4 kept meta fields on ``posts`` (``posts_meta`` came later
and grew ``email_subject``, ``feature_image_alt`` and ``feature_image_caption``), and posts
before 4.x had mobiledoc where later ones have lexical.
"""

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

SUPPORTED_MAJOR_VERSIONS = (4, 5, 6)
# Fields a post may carry on itself (Ghost 4) or in its posts_meta row (Ghost 5+).
META_FIELDS = (
    "og_image",
    "og_title",
    "og_description",
    "twitter_image",
    "twitter_title",
    "twitter_description",
    "meta_title",
    "meta_description",
    "email_subject",
    "feature_image_alt",
    "feature_image_caption",
)


class ExportError(ValueError):
    """The file is not a Ghost export this importer reads; the message says why."""


def parse_time(value):
    """Ghost's "2024-03-01T09:30:00.000Z" (or its older "2024-03-01 09:30:00"), aware, UTC."""
    if not value:
        return None
    if isinstance(value, int | float):  # very old exports: milliseconds
        return datetime.fromtimestamp(value / 1000, tz=UTC)
    try:
        when = datetime.fromisoformat(str(value).replace("Z", "+00:00").replace(" ", "T"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


@dataclass
class GhostExport:
    version: str
    data: dict
    posts: list[dict] = field(default_factory=list)
    tags: dict[str, dict] = field(default_factory=dict)
    users: dict[str, dict] = field(default_factory=dict)
    products: dict[str, dict] = field(default_factory=dict)
    settings: dict[str, object] = field(default_factory=dict)
    # post id -> its tag ids / author ids / tier ids, in Ghost's order.
    post_tags: dict[str, list[str]] = field(default_factory=dict)
    post_authors: dict[str, list[str]] = field(default_factory=dict)
    post_tiers: dict[str, list[str]] = field(default_factory=dict)

    def table(self, name):
        """The table's rows that are objects with a string id (anything else is no row)."""
        rows = self.data.get(name) or []
        return [row for row in rows if isinstance(row, dict) and _text_fields_ok(row)]


# Columns read as text: a row with anything else in them (a number, a list) is skipped.
TEXT_COLUMNS = ("id", "slug", "title", "name", "status", "visibility", "type", "updated_at")


def _text_fields_ok(row):
    return all(row.get(column) is None or isinstance(row[column], str) for column in TEXT_COLUMNS)


def _ordered_links(rows, owner, target):
    links = {}
    for row in sorted(rows, key=lambda row: row.get("sort_order") or 0):
        if row.get(owner) and row.get(target):
            links.setdefault(row[owner], []).append(row[target])
    return links


def load(path) -> GhostExport:
    """The export at ``path``, checked; ExportError says what is wrong with it."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ExportError(f"No such file: {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ExportError(f"Cannot read {path}: {error}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExportError(f"{path} is not JSON ({error.msg}, line {error.lineno}).") from None
    return read(document, name=str(path))


def read(document, *, name="the export") -> GhostExport:
    """The export of an already decoded JSON ``document``."""
    if isinstance(document, dict) and isinstance(document.get("db"), list) and document["db"]:
        db = document["db"][0]
    elif isinstance(document, dict) and "meta" in document and "data" in document:
        db = document  # an export unwrapped from its "db" list
    else:
        raise ExportError(f'{name} is not a Ghost export: it has no "db" list of meta and data.')
    if not isinstance(db, dict) or not isinstance(db.get("data"), dict):
        raise ExportError(f'{name} is not a Ghost export: its "data" is missing.')
    meta = db.get("meta") if isinstance(db.get("meta"), dict) else {}
    version = str(meta.get("version") or "")
    major = version.split(".")[0]
    if not major.isdigit():
        raise ExportError(f"{name} does not say which Ghost version wrote it (meta.version).")
    if int(major) not in SUPPORTED_MAJOR_VERSIONS:
        supported = ", ".join(map(str, SUPPORTED_MAJOR_VERSIONS))
        raise ExportError(
            f"{name} was written by Ghost {version}; this importer reads Ghost {supported}. "
            "Upgrade the Ghost site (or export from a newer one) first."
        )
    data = db["data"]
    for table, rows in data.items():
        if not isinstance(rows, list):
            raise ExportError(f'{name} is not a Ghost export: table "{table}" is not a list.')

    export = GhostExport(version=version, data=data)
    meta_by_post = {row.get("post_id"): row for row in export.table("posts_meta")}
    for post in export.table("posts"):
        if not post.get("id") or not post.get("slug"):
            continue
        merged = dict(post)
        post_meta = meta_by_post.get(post["id"], {})
        for key in META_FIELDS:
            value = post_meta.get(key) or post.get(key) or ""
            merged[key] = value if isinstance(value, str) else ""  # a field of another shape: none
        merged["email_only"] = bool(post_meta.get("email_only"))
        export.posts.append(merged)
    export.tags = {
        row["id"]: row for row in export.table("tags") if row.get("id") and row.get("slug")
    }
    export.users = {row["id"]: row for row in export.table("users") if row.get("id")}
    export.products = {row["id"]: row for row in export.table("products") if row.get("id")}
    export.settings = {
        row.get("key"): row.get("value") for row in export.table("settings") if row.get("key")
    }
    export.post_tags = _ordered_links(export.table("posts_tags"), "post_id", "tag_id")
    export.post_authors = _ordered_links(export.table("posts_authors"), "post_id", "author_id")
    export.post_tiers = _ordered_links(export.table("posts_products"), "post_id", "product_id")
    return export
