"""Masthead's content in the shapes Ghost's Content API gives (its output serializers and
mappers: field names, order, nulls for empty strings, dates in the site's time zone with
milliseconds, absolute URLs). Masthead's own extras sit under ``masthead``, which Ghost
clients ignore.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from articles.access import Access
from articles.blocks import read_text
from articles.reading_time import count_words, reading_minutes
from pagecache import fragments
from pagecache import tags as cache_tags

from . import ids, render

FREE_TIER_ID = ids.of("free_tier", 0)


def date(value):
    """Ghost's ``moment(date).tz(timezone).toISOString(true)``: 2026-01-02T12:00:00.000+02:00."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="milliseconds")


def _none_if_blank(value):
    return value or None


def _image_url(context, image):
    return context.absolute(image.file.url) if image else None


class Context:
    """What serialising one request needs: the request, the site's root URL, the options."""

    def __init__(self, request, *, root, options, tiers=()):
        self.request = request
        self.root = root.rstrip("/")
        self.options = options
        self.tiers = list(tiers)

    def absolute(self, url):
        if not url:
            return None
        return url if urlsplit(url).scheme else f"{self.root}/{url.lstrip('/')}"


def _pick(data, fields):
    """Only the asked ``fields`` (Ghost's ``fields=``: unknown names are ignored)."""
    if fields is None:
        return data
    return {name: value for name, value in data.items() if name in fields}


def _social_meta(page, context):
    def text(name):
        return _none_if_blank(getattr(page, name, ""))

    def image(name):
        return _image_url(context, getattr(page, name, None))

    return {
        "og_image": image("og_image"),
        "og_title": text("og_title"),
        "og_description": text("og_description"),
        "twitter_image": image("twitter_image"),
        "twitter_title": text("twitter_title"),
        "twitter_description": text("twitter_description"),
        "meta_title": text("seo_title"),
        "meta_description": _none_if_blank(" ".join(page.search_description.split())),
    }


def _body(page, context, *, gated):
    """The body's HTML as a visitor reads it, and its plain text. The HTML is kept between
    answers as a page fragment (pagecache/fragments.py): by the published revision and the
    gate, refreshed with whatever it shows (the page's own tag, and those its blocks name)."""

    def markup():
        blocks = render.body_for_visitor(page.body, gated=gated)
        return render.blocks_html(blocks, request=context.request, root=context.root)

    revision = page.live_revision_id or page.latest_revision_id or 0
    key = f"content-api-body:{page.pk}:{revision}:{'gated' if gated else 'whole'}"
    html = fragments.render(context.request, key, markup, tags=(cache_tags.page(page.pk),))
    return html, render.plaintext(html)


def post(article, context, *, section=None, kind="post"):
    """One post (an article) or page (an info page, ``kind="page"``)."""
    options = context.options
    is_article = kind == "post"
    visibility = article.effective_access() if is_article else Access.PUBLIC
    gated = visibility != Access.PUBLIC
    markup, text = _body(article, context, gated=gated)
    has_preview = bool(markup) or not gated
    custom_excerpt = _none_if_blank(article.standfirst)
    if gated and not has_preview:
        excerpt = ""
    elif custom_excerpt is not None:
        excerpt = custom_excerpt
    else:
        excerpt = text[:500] or None
    words = (
        article.word_count
        if is_article
        else count_words(article.title, article.standfirst, *read_text(article.body))
    )
    image = article.lead_image
    data = {
        "id": ids.of(kind, article.pk),
        "uuid": str(article.translation_key),
        "title": article.title,
        "slug": article.slug,
        "html": markup,
        "plaintext": text,
        "comment_id": ids.of(kind, article.pk),
        "feature_image": _image_url(context, image),
        "featured": bool(getattr(article, "featured", False)),
        "visibility": visibility,
        "created_at": date(article.first_published_at),
        "updated_at": date(article.last_published_at or article.first_published_at),
        "published_at": date(article.first_published_at),
        "custom_excerpt": custom_excerpt,
        "codeinjection_head": None,
        "codeinjection_foot": None,
        "custom_template": None,
        "canonical_url": _none_if_blank(getattr(article, "canonical_url", "")),
    }
    if "tags" in options.include:
        shown = post_tags(article, section) if is_article else []
        data["tags"] = [tag(each, context) for each in shown]
        data["primary_tag"] = data["tags"][0] if section is not None and data["tags"] else None
    if "authors" in options.include:
        data["authors"] = (
            [author(credit.author, context) for credit in article.article_authors.all()]
            if is_article
            else []
        )
        data["primary_author"] = data["authors"][0] if data["authors"] else None
    if "tiers" in options.include:
        data["tiers"] = post_tiers(article, visibility, context) if is_article else context.tiers
    data.update(
        {
            "url": article.get_full_url(context.request),
            "excerpt": excerpt,
            "reading_time": reading_minutes(words),
            "access": not gated,
            "comments": False,
            **_social_meta(article, context),
            "email_subject": None,
            "frontmatter": None,
            "feature_image_alt": _none_if_blank(getattr(image, "description", "") if image else ""),
            "feature_image_caption": _none_if_blank(article.lead_image_caption),
        }
    )
    if kind != "post":
        data["show_title_and_feature_image"] = True
    keep_formats = options.fields or options.formats
    for format_name in ("html", "plaintext"):
        if format_name not in keep_formats:
            data.pop(format_name)
    # Relations asked for with ``include`` come whatever ``fields`` says, as in Ghost.
    relations = {"tags", "primary_tag", "authors", "primary_author", "tiers"}
    data = _pick(data, None if options.fields is None else {*options.fields, *relations})
    if options.fields is None:
        data["masthead"] = getattr(article, "masthead_extras", None) or {}
    return data


def post_tags(article, section):
    """An article's tags as Ghost lists them: its section (the primary tag) first, then its
    public taggit tags; internal tags (``#``) never."""
    shown = [section] if section is not None else []
    shown += [
        each.tag
        for each in article.tagged.all()
        if not each.tag.name.startswith("#") and (section is None or each.tag.slug != section.slug)
    ]
    return shown


def post_tiers(article, visibility, context):
    """Ghost's ``tiers`` of a post: every tier for a public or members' post, the paid ones for
    a paid post, the post's own for specific tiers."""
    if visibility in (Access.PUBLIC, Access.MEMBERS):
        return context.tiers
    paid = [each for each in context.tiers if each["type"] == "paid"]
    if visibility == Access.PAID:
        return paid
    wanted = {ids.of("tier", pk) for pk in article.tier_ids()}
    return [each for each in paid if each["id"] in wanted]


def tag(obj, context, *, post_count=None):
    """A tag: a section (``SectionPage``) or a taggit tag."""
    from articles.models import SectionPage

    is_section = isinstance(obj, SectionPage)
    if is_section:
        url = obj.get_full_url(context.request)
        name, description = obj.title, _none_if_blank(obj.intro)
    else:
        from django.urls import reverse

        url = context.absolute(reverse("tags:detail", kwargs={"slug": obj.slug}))
        name, description = obj.name, None
    data = {
        "id": ids.of("section" if is_section else "tag", obj.pk),
        "name": name,
        "slug": obj.slug,
        "description": description,
        "feature_image": None,
        "visibility": "public",
        "og_image": None,
        "og_title": None,
        "og_description": None,
        "twitter_image": None,
        "twitter_title": None,
        "twitter_description": None,
        "meta_title": _none_if_blank(getattr(obj, "seo_title", "")),
        "meta_description": _none_if_blank(getattr(obj, "search_description", "")),
        "codeinjection_head": None,
        "codeinjection_foot": None,
        "canonical_url": None,
        "accent_color": None,
        "url": url,
    }
    if post_count is not None:
        data["count"] = {"posts": post_count}
    return data


# Ghost's social fields of a user, by the host of a link in the author's links.
SOCIAL_HOSTS = {
    "facebook": ("facebook.com",),
    "twitter": ("twitter.com", "x.com"),
    "threads": ("threads.net", "threads.com"),
    "bluesky": ("bsky.app",),
    "tiktok": ("tiktok.com",),
    "youtube": ("youtube.com",),
    "instagram": ("instagram.com",),
    "linkedin": ("linkedin.com",),
}


def _social(links):
    found = dict.fromkeys(["website", *SOCIAL_HOSTS, "mastodon"])
    for link in links:
        parts = urlsplit(link.url)
        host = (parts.hostname or "").removeprefix("www.")
        handle = parts.path.strip("/")
        network = next((name for name, hosts in SOCIAL_HOSTS.items() if host in hosts), None)
        if network == "twitter":
            found["twitter"] = found["twitter"] or f"@{handle.lstrip('@')}"
        elif network is not None:
            found[network] = found[network] or handle
        elif handle.startswith("@") and found["mastodon"] is None:
            found["mastodon"] = f"{host}/{handle}"
        elif found["website"] is None and parts.scheme in ("http", "https"):
            found["website"] = link.url
    return found


def author(obj, context, *, post_count=None):
    social = _social(obj.links.all())
    data = {
        "id": ids.of("author", obj.pk),
        "name": obj.name,
        "slug": obj.slug,
        "profile_image": _image_url(context, obj.photo),
        "cover_image": None,
        "bio": _none_if_blank(obj.bio),
        "website": social["website"],
        "location": None,
        "facebook": social["facebook"],
        "twitter": social["twitter"],
        "threads": social["threads"],
        "bluesky": social["bluesky"],
        "mastodon": social["mastodon"],
        "tiktok": social["tiktok"],
        "youtube": social["youtube"],
        "instagram": social["instagram"],
        "linkedin": social["linkedin"],
        "meta_title": None,
        "meta_description": None,
        "url": context.absolute(obj.get_absolute_url()),
    }
    if post_count is not None:
        data["count"] = {"posts": post_count}
    return data


def free_tier(*, newsroom):
    return {
        "id": FREE_TIER_ID,
        "name": "Free",
        "description": None,
        "slug": "free",
        "active": True,
        "type": "free",
        "welcome_page_url": None,
        "created_at": None,
        "updated_at": None,
        "visibility": "public",
        "benefits": [],
        "trial_days": 0,
    }


def tier(obj):
    return {
        "id": ids.of("tier", obj.pk),
        "name": obj.name,
        "description": _none_if_blank(obj.description),
        "slug": obj.slug,
        "active": obj.active,
        "type": "paid",
        "welcome_page_url": None,
        "created_at": None,
        "updated_at": None,
        "visibility": "public",
        "benefits": obj.benefit_lines,
        "currency": obj.currency.upper(),
        "monthly_price": obj.monthly_amount,
        "yearly_price": obj.yearly_amount,
        "trial_days": obj.trial_days,
    }


def site_settings(*, newsroom, context, navigation, secondary_navigation, has_paid_tiers):
    social = _social(_Links(newsroom.social_profiles))
    logo = _image_url(context, newsroom.logo)
    return {
        "title": newsroom.name,
        "description": newsroom.tagline,
        "logo": logo,
        "icon": logo,
        "accent_color": None,
        "cover_image": None,
        "facebook": social["facebook"],
        "twitter": social["twitter"],
        "lang": settings.LANGUAGE_CODE.split("-")[0],
        "locale": settings.LANGUAGE_CODE.split("-")[0],
        "timezone": settings.TIME_ZONE,
        "codeinjection_head": None,
        "codeinjection_foot": None,
        "navigation": navigation,
        "secondary_navigation": secondary_navigation,
        "meta_title": None,
        "meta_description": _none_if_blank(newsroom.tagline),
        "og_image": None,
        "og_title": None,
        "og_description": None,
        "twitter_image": None,
        "twitter_title": None,
        "twitter_description": None,
        "members_support_address": "noreply",
        "members_enabled": True,
        "allow_self_signup": True,
        "members_invite_only": False,
        "members_signup_access": "all",
        "paid_members_enabled": has_paid_tiers,
        "firstpromoter_account": None,
        "portal_button_style": "icon-and-text",
        "portal_button_signup_text": "Subscribe",
        "portal_button_icon": None,
        "portal_signup_terms_html": None,
        "portal_signup_checkbox_required": False,
        "portal_plans": ["free", "monthly", "yearly"] if has_paid_tiers else ["free"],
        "portal_default_plan": "yearly",
        "portal_name": True,
        "portal_button": True,
        "comments_enabled": "off",
        "recommendations_enabled": False,
        "outbound_link_tagging": False,
        "default_email_address": None,
        "support_email_address": None,
        "editor_default_email_recipients": "visibility",
        "labs": {},
        "url": context.root + "/",
    }


class _Links:
    """The newsroom's social profile URLs (one a line) as objects with a ``url``."""

    def __init__(self, text):
        self.urls = [line.strip() for line in (text or "").splitlines() if line.strip()]

    def __iter__(self):
        return iter(type("Link", (), {"url": url})() for url in self.urls)
