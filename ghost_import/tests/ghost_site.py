"""A small Ghost site written as Ghost writes it: its JSON export and its content/ folder.

Shapes follow Ghost's exporter and schema (core/server/data/exporter/, schema/schema.js):
``{"db": [{"meta": {"exported_on", "version"}, "data": {table: [rows]}}]}``.
"""

import io
import itertools
import json
from pathlib import Path

from PIL import Image as PILImage

_ids = itertools.count(1)


def ghost_id():
    return f"{next(_ids):024x}"


def lexical(*paragraphs, heading=None):
    children = []
    if heading:
        children.append(
            {"type": "heading", "tag": "h2", "children": [{"type": "text", "text": heading}]}
        )
    for text in paragraphs:
        children.append({"type": "paragraph", "children": [{"type": "text", "text": text}]})
    return json.dumps({"root": {"type": "root", "children": children}})


def png(color=(200, 40, 40), size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


class GhostSite:
    def __init__(self, version="6.65.0"):
        self.version = version
        self.data = {
            "posts": [],
            "posts_meta": [],
            "posts_tags": [],
            "posts_authors": [],
            "posts_products": [],
            "tags": [],
            "users": [],
            "roles_users": [],
            "products": [],
            "newsletters": [],
            "settings": [],
        }
        self.images = {}

    def setting(self, key, value):
        self.data["settings"].append({"id": ghost_id(), "key": key, "value": value})

    def image(self, path, data=None):
        """An image file under content/ (``path`` like "images/2024/01/a.png"); its URL."""
        self.images[path] = data if data is not None else png()
        return f"__GHOST_URL__/content/{path}"

    def tag(self, name, *, slug=None, visibility=None):
        slug = slug or name.lower().replace(" ", "-").replace("#", "hash-")
        visibility = visibility or ("internal" if name.startswith("#") else "public")
        row = {"id": ghost_id(), "name": name, "slug": slug, "visibility": visibility}
        row.update(description=None, updated_at="2024-01-01T00:00:00.000Z")
        self.data["tags"].append(row)
        return row

    def user(self, name, *, slug=None, **fields):
        row = {
            "id": ghost_id(),
            "name": name,
            "slug": slug or name.lower().replace(" ", "-"),
            "email": f"{name.split()[0].lower()}@example.org",
            "bio": None,
            "profile_image": None,
            "website": None,
            "location": None,
            "facebook": None,
            "twitter": None,
            "status": "active",
            "updated_at": "2024-01-01T00:00:00.000Z",
            **fields,
        }
        self.data["users"].append(row)
        return row

    def product(self, name, *, type="paid", **fields):
        row = {
            "id": ghost_id(),
            "name": name,
            "slug": name.lower().replace(" ", "-"),
            "type": type,
            "active": True,
            "description": None,
            "monthly_price": 500 if type == "paid" else None,
            "yearly_price": 5000 if type == "paid" else None,
            "currency": "usd" if type == "paid" else None,
            "updated_at": "2024-01-01T00:00:00.000Z",
            **fields,
        }
        self.data["products"].append(row)
        return row

    def newsletter(self, name, **fields):
        row = {
            "id": ghost_id(),
            "name": name,
            "slug": name.lower().replace(" ", "-"),
            "description": None,
            "status": "active",
            "subscribe_on_signup": True,
            "sort_order": len(self.data["newsletters"]),
            "updated_at": "2024-01-01T00:00:00.000Z",
            **fields,
        }
        self.data["newsletters"].append(row)
        return row

    def post(self, title, *, tags=(), authors=(), tiers=(), meta=None, **fields):
        row = {
            "id": ghost_id(),
            "uuid": "00000000-0000-4000-8000-" + f"{next(_ids):012x}",
            "title": title,
            "slug": fields.pop("slug", title.lower().replace(" ", "-")),
            "lexical": lexical(f"The text of {title}."),
            "mobiledoc": None,
            "html": None,
            "feature_image": None,
            "featured": False,
            "type": "post",
            "status": "published",
            "visibility": "public",
            "custom_excerpt": None,
            "canonical_url": None,
            "published_at": "2023-05-04T10:00:00.000Z",
            "created_at": "2023-05-04T09:00:00.000Z",
            "updated_at": "2023-05-05T12:00:00.000Z",
            **fields,
        }
        self.data["posts"].append(row)
        for order, tag in enumerate(tags):
            self.data["posts_tags"].append(
                {"id": ghost_id(), "post_id": row["id"], "tag_id": tag["id"], "sort_order": order}
            )
        for order, user in enumerate(authors):
            self.data["posts_authors"].append(
                {
                    "id": ghost_id(),
                    "post_id": row["id"],
                    "author_id": user["id"],
                    "sort_order": order,
                }
            )
        for tier in tiers:
            self.data["posts_products"].append(
                {"id": ghost_id(), "post_id": row["id"], "product_id": tier["id"], "sort_order": 0}
            )
        if meta is not None:
            self.data["posts_meta"].append({"id": ghost_id(), "post_id": row["id"], **meta})
        return row

    def page(self, title, **fields):
        return self.post(title, type="page", **fields)

    def document(self):
        return {
            "db": [
                {
                    "meta": {"exported_on": 1700000000000, "version": self.version},
                    "data": self.data,
                }
            ]
        }

    def write(self, folder):
        """Write export.json and content/ under ``folder``; (export path, content path)."""
        folder = Path(folder)
        export = folder / "export.json"
        export.write_text(json.dumps(self.document()))
        content = folder / "content"
        for path, data in self.images.items():
            target = content / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (content / "images").mkdir(parents=True, exist_ok=True)
        return export, content
