"""What each resource's ``filter`` may name: Ghost's keys, mapped onto Masthead's fields for
``nql.filter_q``. A key not in a map is refused by the filter (400).

``tag``/``tags`` match an article's section (its primary tag) or any of its public tags;
``author``/``authors`` anyone in its byline, ``primary_author`` the first; ``visibility`` the
article's own level or its section's. Ids are the ones this API shows (``ids.py``).
"""

import uuid

from django.db.models import Q

from . import ids, selectors


def _nql():
    # Imported when a filter is used: nql.py is written on its own branch.
    from . import nql

    return nql


def _membership(q_for):
    """A ``custom`` filter for a to-many key: ``q_for(values)`` matches any of ``values``."""

    def build(op, value):
        nql = _nql()
        values = value if isinstance(value, tuple) else (value,)
        values = tuple(str(each).lower() for each in values if each is not None)
        if op in (nql.EQ, nql.IN):
            return q_for(values)
        if op in (nql.NE, nql.NIN):
            return ~q_for(values)
        raise nql.NQLError(f"This operator cannot be used with this key: {op}")

    return build


def _id(kind):
    def transform(value):
        pk = ids.pk_of(kind, str(value))
        return -1 if pk is None else pk

    return transform


# No page's translation key (they are random, version 4): what a malformed uuid matches.
NO_UUID = uuid.UUID(int=0)


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return NO_UUID


def _tag_id_q(values):
    section_pks = [pk for value in values if (pk := ids.pk_of("section", value)) is not None]
    tag_pks = [pk for value in values if (pk := ids.pk_of("tag", value)) is not None]
    from articles.models import ArticleTag

    tagged = ArticleTag.objects.filter(tag_id__in=tag_pks).values("content_object_id")
    from articles.models import SectionPage

    slugs = SectionPage.objects.filter(pk__in=section_pks).values("slug")
    return Q(section_slug__in=slugs) | Q(pk__in=tagged)


def _never_featured(op, value):
    """Info pages are never featured: ``featured:false`` keeps them all."""
    nql = _nql()
    matches = value is False
    if op == nql.NE:
        matches = not matches
    return Q() if matches else Q(pk__in=[])


def post_fields():
    nql = _nql()
    field = nql.Field
    tags = field("section_slug", custom=_membership(selectors.tagged_q))
    authors = field("primary_author_slug", custom=_membership(selectors.authored_q))
    return {
        "id": field("pk", transform=_id("post")),
        "uuid": field("translation_key", transform=_uuid),
        "slug": field("slug"),
        "title": field("title"),
        "tag": tags,
        "tags": tags,
        "tags.slug": tags,
        "tags.id": field("section_slug", custom=_membership(_tag_id_q)),
        "author": authors,
        "authors": authors,
        "authors.slug": authors,
        "primary_tag": field("section_slug"),
        "primary_tag.slug": field("section_slug"),
        "primary_author": field("primary_author_slug"),
        "primary_author.slug": field("primary_author_slug"),
        "featured": field("featured", type="bool"),
        "visibility": field("visibility"),
        "status": field("pk", custom=_one_of("published")),
        "published_at": field("first_published_at", type="datetime"),
        "updated_at": field("last_published_at", type="datetime"),
        "created_at": field("first_published_at", type="datetime"),
    }


# Ghost's keys for a post's tags and authors.
RELATION_KEYS = (
    "tag",
    "tags",
    "tags.slug",
    "tags.id",
    "author",
    "authors",
    "authors.slug",
    "primary_tag",
    "primary_tag.slug",
    "primary_author",
    "primary_author.slug",
)


def _nothing(values):
    return Q(pk__in=[])


def page_fields():
    nql = _nql()
    field = nql.Field
    # Ghost's pages may have tags and authors; Masthead's info pages have none.
    untagged = field("pk", custom=_membership(_nothing))
    return {
        **dict.fromkeys(RELATION_KEYS, untagged),
        "id": field("pk", transform=_id("page")),
        "uuid": field("translation_key", transform=_uuid),
        "slug": field("slug"),
        "title": field("title"),
        "featured": field("pk", type="bool", custom=_never_featured),
        "visibility": field("pk", custom=_one_of("public")),
        "status": field("pk", custom=_one_of("published")),
        "published_at": field("first_published_at", type="datetime"),
        "updated_at": field("last_published_at", type="datetime"),
        "created_at": field("first_published_at", type="datetime"),
    }


def _one_of(kept):
    """A key every shown object has the same value of: matching it keeps all, else none."""

    def build(op, value):
        nql = _nql()
        values = value if isinstance(value, tuple) else (value,)
        matches = kept in values
        if op in (nql.NE, nql.NIN):
            matches = not matches
        elif op not in (nql.EQ, nql.IN):
            raise nql.NQLError(f"This operator cannot be used with this key: {op}")
        return Q() if matches else Q(pk__in=[])

    return build


def tag_fields(kind):
    """For sections (``kind="section"``: slug, title) and taggit tags (``"tag"``: slug, name)."""
    nql = _nql()
    field = nql.Field
    name = "title" if kind == "section" else "name"
    return {
        "id": field("pk", transform=_id(kind)),
        "slug": field("slug"),
        "name": field(name),
        "visibility": field("pk", custom=_one_of("public")),
    }


def author_fields():
    nql = _nql()
    field = nql.Field
    return {
        "id": field("pk", transform=_id("author")),
        "slug": field("slug"),
        "name": field("name"),
    }


def tier_fields():
    nql = _nql()
    field = nql.Field
    return {
        "id": field("pk", transform=_id("tier")),
        "slug": field("slug"),
        "name": field("name"),
        "visibility": field("pk", custom=_one_of("public")),
        "active": field("active", type="bool"),
        "type": field("pk", custom=_one_of("paid")),
    }


def filtered(queryset, filter_string, fields_for):
    """``queryset`` narrowed by a Ghost filter; raises ``APIError`` (400) for a bad one."""
    if not filter_string:
        return queryset
    nql = _nql()
    from .errors import bad_request

    try:
        q = nql.filter_q(filter_string, fields_for(), model=queryset.model)
    except nql.NQLError as error:
        raise bad_request(
            f"Error parsing filter: {error.message}",
            context=str(error),
            code="INVALID_FILTER",
            property="filter",
        ) from error
    return queryset.filter(q)
