"""What a webhook says about a post, page, tag or member: one function per kind, in Ghost's
field names, so a consumer written for Ghost's webhooks reads them unchanged.

Kept in this one module so fuller serializers (the Content API's) can replace them later.
``changes(before, after)`` gives Ghost's ``previous``: the fields that changed, as they were.

Ids are the Content API's (content_api/ids.py: an imported object keeps its Ghost id), so a
consumer can look a post up by the id a webhook gave it; members' are 24 hex digits of the
primary key. A page's uuid is its Wagtail ``translation_key``. A post's primary tag is its
section (Masthead's sections are Ghost's primary tags), then its own tags; internal tags
(``#name``) have visibility ``internal``.
"""

import functools
from datetime import UTC

from django.conf import settings
from django.urls import reverse
from wagtail.models import Site

from articles.access import Access
from articles.models import InfoPage, SectionPage
from content_api import ids

INTERNAL_TAG_PREFIX = "#"


def ghost_id(pk):
    """A member's or label's id (the Content API shows neither)."""
    return f"{pk:024x}"


def _api_ids(serializer):
    """Ids as the Content API shows them (an imported object's Ghost id; content_api/ids.py),
    read within one scope per payload."""

    @functools.wraps(serializer)
    def serialize(*args, **kwargs):
        with ids.request_scope():
            return serializer(*args, **kwargs)

    return serialize


def iso(moment):
    """Ghost's dates: UTC, milliseconds, a ``Z``."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def site_url(path):
    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
    return root.rstrip("/") + path


def changes(before, after):
    """Ghost's ``previous``: each field of ``before`` whose value differs in ``after``."""
    if not before:
        return {}
    return {key: value for key, value in before.items() if after.get(key) != value}


def _status(page):
    if page.live:
        return "published"
    if page.go_live_at is not None:
        return "scheduled"
    return "draft"


def _visibility(page):
    effective_access = getattr(page, "effective_access", None)
    return effective_access() if effective_access else Access.PUBLIC.value


def _image_url(image):
    if image is None:
        return None
    url = image.file.url
    return url if "://" in url else site_url(url)


def _section_tag(section):
    return {
        "id": ids.of("section", section.pk),
        "name": section.title,
        "slug": section.slug,
        "description": getattr(section, "search_description", "") or None,
        "visibility": "public",
        "url": section.get_full_url(),
    }


@_api_ids
def tag(taggit_tag):
    """A taggit tag (an article's tag) as Ghost's tag resource."""
    internal = taggit_tag.name.startswith(INTERNAL_TAG_PREFIX)
    url = None if internal else reverse("tags:detail", kwargs={"slug": taggit_tag.slug})
    return {
        "id": ids.of("tag", taggit_tag.pk),
        "name": taggit_tag.name,
        "slug": taggit_tag.slug,
        "description": None,
        "feature_image": None,
        "visibility": "internal" if internal else "public",
        "url": url and site_url(url),
    }


def author(byline_author):
    return {
        "id": ids.of("author", byline_author.pk),
        "name": byline_author.name,
        "slug": byline_author.slug,
        "bio": byline_author.bio or None,
        "url": site_url(byline_author.get_absolute_url()),
    }


@_api_ids
def post(page):
    """An ArticlePage (Ghost's post) or InfoPage (Ghost's page), as it is in memory: its tags
    and bylines may be unsaved (a revision being published)."""
    parent = page.get_parent()
    tags = []
    if parent is not None and isinstance(parent.specific_deferred, SectionPage):
        tags.append(_section_tag(parent.specific))
    if hasattr(page, "tags"):
        tags.extend(tag(t) for t in sorted(page.tags.all(), key=lambda t: t.name.lower()))
    authors = []
    if hasattr(page, "article_authors"):
        credits = sorted(page.article_authors.all(), key=lambda credit: credit.sort_order or 0)
        authors = [author(credit.author) for credit in credits]
    standfirst = getattr(page, "standfirst", "")
    return {
        "id": ids.of("page" if isinstance(page, InfoPage) else "post", page.pk),
        "uuid": str(page.translation_key),
        "title": page.title,
        "slug": page.slug,
        "url": page.get_full_url(),
        "status": _status(page),
        "visibility": _visibility(page),
        "featured": getattr(page, "featured", False),
        "published_at": iso(page.first_published_at),
        "updated_at": iso(page.last_published_at or page.latest_revision_created_at),
        "custom_excerpt": standfirst or None,
        "excerpt": standfirst or page.search_description or "",
        "feature_image": _image_url(getattr(page, "lead_image", None)),
        "feature_image_caption": getattr(page, "lead_image_caption", "") or None,
        "tags": tags,
        "primary_tag": tags[0] if tags else None,
        "authors": authors,
        "primary_author": authors[0] if authors else None,
    }


def member(reader):
    """A members.Member as Ghost's member resource (no sign-in times: they would make every
    sign-in a ``member.edited``)."""
    return {
        "id": ghost_id(reader.pk),
        "email": reader.email,
        "name": reader.name or None,
        "note": reader.note or None,
        "status": reader.status,
        "comped": reader.status == "comped",
        "created_at": iso(reader.created_at),
        "labels": [{"id": ghost_id(label.pk), "name": label.name} for label in reader.labels.all()]
        if reader.pk
        else [],
    }
