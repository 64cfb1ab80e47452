"""Import a Ghost site: its export (posts, pages, tags, staff, tiers, newsletters), its images,
its old URLs and its members CSV, updating in place what an earlier run imported.

The run, inside one transaction (rolled back for a dry run):

1. tiers, newsletters and staff users (→ Authors), each matched by Ghost id (``GhostRecord``),
   else by slug, else created;
2. the sections that primary tags map to, and the taggit tags of the other tags;
3. posts and pages in two passes: first each gets its page (created as a bare draft when new,
   moved when its section changed), so that every imported URL and page id is known; then each
   changed one is filled in (fields, byline, tags, access, body converted by ``lexical``) and
   saved with a revision, live and backdated to Ghost's ``published_at`` when Ghost had it
   published. Nothing is *published* in Wagtail's sense, so the import sends no
   ``page_published`` signal: no narration is queued (unless asked: ``narrate``), no newsletter
   goes out, and the page cache is refreshed once at the end rather than once per post;
4. redirects from the old URLs (``redirects``), and the members CSV through the members app's
   own Ghost CSV importer.

A post whose Ghost ``updated_at`` matches the last run's is left alone without being read.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from taggit.models import Tag
from wagtail.models import Page, Revision, Site

from articles import cache as article_cache
from articles.access import Access
from articles.models import ArticleAuthor, ArticlePage, HomePage, InfoPage, SectionPage
from authors.models import Author, AuthorLink
from core import bulk
from members import ghost_csv
from members import services as member_services
from newsletters.models import Newsletter
from pagecache import invalidate
from pagecache import tags as cache_tags
from payments.models import Tier

from . import lexical, redirects
from .export import ExportError, GhostExport, parse_time
from .images import ImageStore, content_path
from .models import GhostRecord
from .report import Report

Kind = GhostRecord.Kind
STANDFIRST_LIMIT = 400
VISIBILITY = {
    "public": Access.PUBLIC,
    "members": Access.MEMBERS,
    "paid": Access.PAID,
    "tiers": Access.TIERS,
}
# The new social fields (articles.SocialMetaMixin), set when the page type has them; until
# then they are kept in the post's GhostRecord.extra.
SOCIAL_TEXT_FIELDS = (
    "canonical_url",
    "og_title",
    "og_description",
    "twitter_title",
    "twitter_description",
)
SOCIAL_IMAGE_FIELDS = ("og_image", "twitter_image")
# First path segments Masthead's own URLs use (masthead/urls.py): a Ghost page cannot have
# them as its slug, or its page would never be reached.
RESERVED_SLUGS = {
    "admin",
    "documents",
    "author",
    "tag",
    "corrections",
    "search",
    "news-feed",
    "podcast",
    "newsletters",
    "account",
    "membership",
    "gift",
    "support",
    "members",
    "ghost",
}


def _handle_link(prefix):
    def link(value):
        value = (value or "").strip()
        if not value or value.startswith(("http://", "https://")):
            return value
        return prefix + value.lstrip("@")

    return link


# A Ghost user's profile columns: (column, the link's label, its URL from Ghost's value).
PROFILE_LINKS = (
    ("website", "Website", _handle_link("https://")),
    ("twitter", "X", _handle_link("https://x.com/")),
    ("facebook", "Facebook", _handle_link("https://www.facebook.com/")),
    ("bluesky", "Bluesky", _handle_link("https://bsky.app/profile/")),
    ("threads", "Threads", _handle_link("https://www.threads.net/@")),
    ("mastodon", "Mastodon", _handle_link("https://")),
    ("instagram", "Instagram", _handle_link("https://www.instagram.com/")),
    ("linkedin", "LinkedIn", _handle_link("https://www.linkedin.com/in/")),
    ("youtube", "YouTube", _handle_link("https://www.youtube.com/")),
    ("tiktok", "TikTok", _handle_link("https://www.tiktok.com/@")),
)


@dataclass
class Options:
    content_dir: Path | None = None
    section_map: dict[str, str] = field(default_factory=dict)
    default_section: str = "news"
    create_sections: bool = False
    site_hosts: tuple[str, ...] = ()
    redirects_file: Path | None = None
    members_csv: Path | None = None
    narrate: bool = False
    dry_run: bool = False


class _Rollback(Exception):
    """Raised to roll a dry run back."""


def ghost_import_run(
    *, export: GhostExport, options: Options, progress: Callable[[int, int], None] | None = None
) -> Report:
    """Import ``export`` as ``options`` say; the report says what was (or would be) done."""
    report = Report(dry_run=options.dry_run)
    importer = _Importer(export, options, report, progress or (lambda done, total: None))
    try:
        with transaction.atomic(), bulk.bulk_operation("Ghost import"):
            importer.run()
            if options.dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report


def truncate_words(text, limit):
    """``text`` cut at a word boundary to at most ``limit`` characters (an ellipsis added)."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text, False
    return Truncator(text).chars(limit, truncate="…").rstrip(), True


def _plain(text, limit):
    return " ".join(strip_tags(text or "").split())[:limit]


class _Importer:
    def __init__(self, export, options, report, progress):
        self.export = export
        self.options = options
        self.report = report
        self.progress = progress
        self.images = ImageStore(
            options.content_dir, dry_run=options.dry_run, site_hosts=options.site_hosts
        )
        self.records: dict[tuple[str, str], GhostRecord] = {}
        self.content_types = {}
        self.tier_ids: dict[str, int] = {}
        self.author_ids: dict[str, int] = {}
        self.newsletter_ids: dict[str, int] = {}
        self.sections: dict[str, SectionPage] = {}
        self.tag_sections: dict[str, SectionPage] = {}
        self.taggit: dict[str, Tag] = {}
        # Ghost post id -> its page; Ghost's old path -> the new one.
        self.pages: dict[str, Page] = {}
        self.new_urls: dict[str, str] = {}
        self.taken_slugs: dict[int, set[str]] = {}
        self.page_at: dict[str, int] = {}  # new path -> page id
        self.social_fields = {
            model: {f.name for f in model._meta.get_fields()} for model in (ArticlePage, InfoPage)
        }

    # -- bookkeeping ---------------------------------------------------------------------

    def content_type(self, model):
        if model not in self.content_types:
            self.content_types[model] = ContentType.objects.get_for_model(
                model, for_concrete_model=False
            )
        return self.content_types[model]

    def record(self, kind, ghost_id):
        return self.records.get((kind, ghost_id))

    def remember(self, kind, ghost_id, obj, *, updated_at=None, extra=None):
        record = self.records.get((kind, ghost_id))
        if record is None:
            record = GhostRecord(kind=kind, ghost_id=ghost_id)
            self.records[(kind, ghost_id)] = record
        record.content_type = self.content_type(type(obj))
        record.object_id = obj.pk
        record.source_updated_at = updated_at
        if extra is not None:
            record.extra = extra
        record.save()
        return record

    def target_of(self, kind, ghost_id, model):
        """The object an earlier run made of ``ghost_id``, if it still exists."""
        record = self.record(kind, ghost_id)
        if record is None:
            return None
        return model.objects.filter(pk=record.object_id).first()

    def unchanged(self, kind, row):
        record = self.record(kind, row["id"])
        updated_at = parse_time(row.get("updated_at"))
        return (
            record is not None and updated_at is not None and record.source_updated_at == updated_at
        )

    # -- the run -------------------------------------------------------------------------

    def run(self):
        self.records = {(r.kind, r.ghost_id): r for r in GhostRecord.objects.all()}
        self.home = self._home()
        self.import_tiers()
        self.import_newsletters()
        self.import_users()
        self.import_tags()
        self.import_posts()
        redirects.import_redirects(self)
        if self.options.members_csv:
            self.import_members()
        self.report.images_missing.update(self.images.missing)
        if self.images.created or self.images.reused:
            self.report.count("image", "imported", self.images.created)
            self.report.count("image", "unchanged", self.images.reused)
        if not self.options.dry_run:
            # Once for the whole import, rather than once per post.
            transaction.on_commit(
                lambda: invalidate({cache_tags.SITE, article_cache.ARTICLES}, lambda: ["/"])
            )

    def _home(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        root = site.root_page.specific if site else None
        if not isinstance(root, HomePage):
            root = HomePage.objects.first()
        if root is None:
            raise ExportError("The site has no front page (HomePage) to import under.")
        return root

    # -- tiers, newsletters, users -------------------------------------------------------

    def import_tiers(self):
        for product in self.export.products.values():
            if product.get("type") == "free":
                continue  # Ghost's free tier is every signed-in member: Access.MEMBERS
            name = (product.get("name") or "Tier")[:80]
            slug = slugify(product.get("slug") or name)[:80] or f"tier-{product['id'][:8]}"
            tier = self.target_of(Kind.TIER, product["id"], Tier)
            outcome = "updated" if tier else "imported"
            if tier is None:
                tier = (
                    Tier.objects.filter(slug=slug).first()
                    or Tier.objects.filter(name__iexact=name).first()
                )
                if tier is not None:
                    outcome = "updated"
            if tier is None:
                tier = Tier(
                    name=name,
                    slug=slug,
                    description=_plain(product.get("description"), 500),
                    monthly_amount=product.get("monthly_price") or None,
                    yearly_amount=product.get("yearly_price") or None,
                    currency=(product.get("currency") or "usd").upper()[:3],
                    # Created inactive: an editor checks its prices before offering it.
                    active=False,
                )
                tier.save()
            elif self.unchanged(Kind.TIER, product):
                self.tier_ids[product["id"]] = tier.pk
                self.report.count("tier", "unchanged")
                continue
            self.tier_ids[product["id"]] = tier.pk
            updated_at = parse_time(product.get("updated_at"))
            self.remember(Kind.TIER, product["id"], tier, updated_at=updated_at)
            self.report.count("tier", outcome)

    def import_newsletters(self):
        self.signup_newsletters = []
        for row in self.export.table("newsletters"):
            if not row.get("id"):
                continue
            newsletter = self.target_of(Kind.NEWSLETTER, row["id"], Newsletter)
            slug = slugify(row.get("slug") or row.get("name") or "")[:120] or row["id"]
            if newsletter is None:
                newsletter = Newsletter.objects.filter(slug=slug).first()
            outcome = "updated" if newsletter else "imported"
            if newsletter is not None and self.unchanged(Kind.NEWSLETTER, row):
                self.report.count("newsletter", "unchanged")
            else:
                newsletter = newsletter or Newsletter(slug=slug)
                newsletter.name = (row.get("name") or slug)[:120]
                newsletter.description = _plain(row.get("description"), 600)
                newsletter.is_active = row.get("status", "active") == "active"
                newsletter.sort_order = row.get("sort_order") or 0
                newsletter.save()
                self.remember(
                    Kind.NEWSLETTER,
                    row["id"],
                    newsletter,
                    updated_at=parse_time(row.get("updated_at")),
                )
                self.report.count("newsletter", outcome)
            self.newsletter_ids[row["id"]] = newsletter.pk
            if row.get("subscribe_on_signup", True) and newsletter.is_active:
                self.signup_newsletters.append(newsletter)

    def import_users(self):
        for user in self.export.users.values():
            author = self.target_of(Kind.USER, user["id"], Author)
            slug = slugify(user.get("slug") or user.get("name") or "")[:120] or user["id"]
            if author is None:
                author = Author.objects.filter(slug=slug).first()
            outcome = "updated" if author else "imported"
            if author is not None and self.unchanged(Kind.USER, user):
                self.author_ids[user["id"]] = author.pk
                self.report.count("author", "unchanged")
                continue
            author = author or Author(slug=slug, live=True)
            author.name = (user.get("name") or slug)[:120]
            author.bio = _plain(user.get("bio"), 600)
            if user.get("profile_image"):
                author.photo_id = self.images.image_id(user["profile_image"], title=author.name)
            author.save()
            self.author_ids[user["id"]] = author.pk
            links = [
                (label, url)
                for label, url in (
                    (label, link(user.get(column))) for column, label, link in PROFILE_LINKS
                )
                if url
            ]
            AuthorLink.objects.filter(author=author).delete()
            AuthorLink.objects.bulk_create(
                AuthorLink(author=author, label=label, url=url[:200], sort_order=i)
                for i, (label, url) in enumerate(links)
            )
            self.remember(
                Kind.USER,
                user["id"],
                author,
                updated_at=parse_time(user.get("updated_at")),
                extra={"location": user.get("location") or "", "old_slug": user.get("slug")},
            )
            self.report.count("author", outcome)

    # -- tags and sections ---------------------------------------------------------------

    def section_slug_for(self, tag):
        """The slug of the section a primary tag files its posts under."""
        if tag is not None:
            mapped = self.options.section_map.get(tag["slug"])
            if mapped:
                return mapped
            if self.options.create_sections and tag.get("visibility", "public") == "public":
                return tag["slug"]
        return self.options.default_section

    def section(self, slug, *, title=None):
        if slug in self.sections:
            return self.sections[slug]
        section = SectionPage.objects.child_of(self.home).filter(slug=slug).first()
        if section is None:
            section = SectionPage(title=title or slug.replace("-", " ").title(), slug=slug)
            self.home.add_child(instance=section)
            section.save_revision().publish()
            self.report.count("section", "imported")
        self.sections[slug] = section
        return section

    def import_tags(self):
        primary_tags = {
            self.primary_tag_id(post) for post in self.export.posts if self.primary_tag_id(post)
        }
        existing = {tag.name: tag for tag in Tag.objects.all()}
        for tag in self.export.tags.values():
            if not tag.get("slug"):
                continue
            section_slug = self.section_slug_for(tag)
            outcome = "updated" if self.record(Kind.TAG, tag["id"]) else "imported"
            if tag["id"] in primary_tags and section_slug != self.options.default_section:
                section = self.section(section_slug, title=tag.get("name"))
                self.tag_sections[tag["id"]] = section
                self.remember(Kind.TAG, tag["id"], section)
                self.report.count("tag", outcome)
                continue
            name = (tag.get("name") or tag["slug"])[:100]
            if tag.get("visibility") == "internal" and not name.startswith("#"):
                name = "#" + name
            taggit_tag = existing.get(name)
            if taggit_tag is None:
                slug = tag["slug"]
                if Tag.objects.filter(slug=slug).exists():
                    slug = f"{slug}-{tag['id'][-6:]}"
                taggit_tag = Tag.objects.create(name=name, slug=slug[:100])
                existing[name] = taggit_tag
            self.taggit[tag["id"]] = taggit_tag
            self.remember(Kind.TAG, tag["id"], taggit_tag)
            self.report.count("tag", outcome)

    def primary_tag_id(self, post):
        """Ghost's primary tag: the post's first public tag."""
        for tag_id in self.export.post_tags.get(post["id"], ()):
            tag = self.export.tags.get(tag_id)
            if tag and tag.get("visibility", "public") == "public":
                return tag_id
        return None

    # -- posts and pages -----------------------------------------------------------------

    @staticmethod
    def is_page(post):
        return post.get("type") == "page" or post.get("page") is True

    def old_path(self, post):
        if self.is_page(post):
            return f"/{post['slug']}/"
        return redirects.permalink(self.export.settings.get("permalinks"), post, self)

    def parent_for(self, post):
        if self.is_page(post):
            return self.home
        tag_id = self.primary_tag_id(post)
        if tag_id in self.tag_sections:
            return self.tag_sections[tag_id]
        return self.section(self.options.default_section)

    def import_posts(self):
        email_only = [
            post
            for post in self.export.posts
            if post.get("status") == "sent" or post.get("email_only")
        ]
        skipped = {post["id"] for post in email_only}
        posts = [post for post in self.export.posts if post["id"] not in skipped]
        for post in email_only:
            # An email-only post: Ghost never published it on the site.
            self.report.skip("post", post["slug"], "sent as an email only, never on the site")
        existing_ids = {
            record.object_id: ghost_id
            for (kind, ghost_id), record in self.records.items()
            if kind in (Kind.POST, Kind.PAGE)
        }
        found = {
            page.pk: page
            for model in (ArticlePage, InfoPage)
            for page in model.objects.filter(pk__in=list(existing_ids))
        }
        # Pass 1: every post's page, so links between posts resolve whatever the order.
        changed = []
        for post in posts:
            kind = Kind.PAGE if self.is_page(post) else Kind.POST
            record = self.record(kind, post["id"])
            page = found.get(record.object_id) if record else None
            parent = self.parent_for(post)
            if page is None:
                page = self.new_page(post, parent)
            elif not page.path.startswith(parent.path) or page.depth != parent.depth + 1:
                page.move(parent, pos="last-child")
                page.refresh_from_db()
            self.pages[post["id"]] = page
            self.new_urls[self.old_path(post)] = self.url_of(page)
            self.page_at[self.url_of(page)] = page.pk
            if page.pk in found and self.unchanged(kind, post):
                self.report.count("page" if kind == Kind.PAGE else "post", "unchanged")
            else:
                changed.append((post, kind, "updated" if page.pk in found else "imported"))
        # Pass 2: fill in and save what changed.
        total = len(changed)
        for done, (post, kind, outcome) in enumerate(changed, start=1):
            self.fill(post, kind, self.pages[post["id"]])
            self.report.count("page" if kind == Kind.PAGE else "post", outcome)
            self.progress(done, total)

    def url_of(self, page):
        """The page's path on the site (the home page's own path taken off)."""
        return page.url_path[len(self.home.url_path) - 1 :]

    def new_page(self, post, parent):
        model = InfoPage if self.is_page(post) else ArticlePage
        slug = slugify(post["slug"], allow_unicode=True)[:255] or post["id"]
        if parent.pk == self.home.pk and slug in RESERVED_SLUGS:
            slug = f"{slug}-page"
        if parent.pk not in self.taken_slugs:
            self.taken_slugs[parent.pk] = set(
                Page.objects.child_of(parent).values_list("slug", flat=True)
            )
        taken = self.taken_slugs[parent.pk]
        base, n = slug, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        page = model(title=(post.get("title") or slug)[:255], slug=slug, live=False)
        self.append_child(parent, page)
        taken.add(slug)
        return page

    @staticmethod
    def append_child(parent, page):
        """``parent.add_child(instance=page)`` for a page already checked (its slug is free),
        finding the last child through the path index: treebeard's and Wagtail's checks read
        the children with ``LIKE 'path%'``, which SQLite answers by reading every page, so an
        archive of thousands of posts would slow down with each one."""
        depth = parent.depth + 1
        last_path = (
            Page.objects.filter(path__gt=parent.path, path__lt=parent.path + "~", depth=depth)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        page.depth = depth
        if last_path is None:
            page.path = Page._get_path(parent.path, depth, 1)
        else:
            page.path = Page(path=last_path)._inc_path()
        page.numchild = 0
        page.locale_id = parent.locale_id
        page.draft_title = page.title
        page.save(clean=False)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
        parent.numchild += 1

    def resolve_url(self, url):
        """A link or image URL of the old site as the new site has it."""
        url = (url or "").strip()
        path = url.removeprefix("__GHOST_URL__")
        for host in self.options.site_hosts:
            for scheme in ("https://", "http://"):
                if path.lower().startswith(scheme + host):
                    path = path[len(scheme + host) :] or "/"
        if path.startswith("/content/"):
            return "/content/" + (content_path(path) or path[len("/content/") :])
        if path.startswith("/"):
            bare, _, rest = path.partition("#")
            bare = bare if bare.endswith("/") or "?" in bare else bare + "/"
            if bare in self.new_urls:
                return self.new_urls[bare] + (f"#{rest}" if rest else "")
            return path
        return url

    def find_page(self, url):
        """The id of the imported post or page ``url`` links to (old or new address), or None."""
        path = self.resolve_url(url).split("#")[0].split("?")[0]
        return self.page_at.get(path if path.endswith("/") else path + "/")

    def convert(self, post):
        """The post's body converted from Lexical, else mobiledoc, else its HTML. A body that
        cannot be read (malformed JSON) falls back to the HTML, and is reported."""
        hooks = {"resolve_url": self.resolve_url, "find_page": self.find_page}
        for column, convert in (
            ("lexical", lexical.convert_lexical),
            ("mobiledoc", lexical.convert_mobiledoc),
        ):
            source = post.get(column)
            if source and isinstance(source, str | dict):
                try:
                    return convert(source, **hooks)
                except (ValueError, TypeError, KeyError, AttributeError, IndexError):
                    self.report.note(
                        f"{post['slug']}: its {column} could not be read; the HTML was"
                    )
                    break
        html = post.get("html")
        return lexical.convert_html(html if isinstance(html, str) else "", **hooks)

    def fill(self, post, kind, page):
        """Set every field of ``page`` from ``post``, and save it with a revision."""
        name = post["slug"]
        page.title = (post.get("title") or name)[:255]
        standfirst, cut = truncate_words(post.get("custom_excerpt"), STANDFIRST_LIMIT)
        if cut:
            self.report.note(f"{name}: the custom excerpt was cut to {STANDFIRST_LIMIT} characters")
        page.standfirst = standfirst
        image_url = post.get("feature_image")
        page.lead_image_id = (
            self.images.image_id(image_url, title=_plain(post.get("feature_image_alt"), 255))
            if image_url
            else None
        )
        page.lead_image_caption = _plain(post.get("feature_image_caption"), 300)
        page.seo_title = _plain(post.get("meta_title"), 255)
        page.search_description = _plain(post.get("meta_description"), 1000)

        conversion = self.convert(post)
        self.report.unconverted.update(conversion.unconverted)
        image_ids = {
            ref.key: self.images.image_id(ref.src, title=ref.alt or ref.caption)
            for ref in conversion.images
        }
        page.body = conversion.body(image_ids)

        extra = self.social(post, page)
        published_at = parse_time(post.get("published_at"))
        status = post.get("status")
        go_live_at = None
        if status == "published":
            page.live = True
            page.first_published_at = page.last_published_at = published_at
            page.go_live_at = None
        elif status == "scheduled" and published_at:
            page.live = False
            page.first_published_at = published_at
            page.go_live_at = go_live_at = published_at
        else:
            if status != "draft":
                self.report.note(f"{name}: Ghost status {status!r} imported as a draft")
            page.live = False
            page.go_live_at = None
        if isinstance(page, ArticlePage):
            self.fill_article(post, page)
        elif (post.get("visibility") or "public") != "public":
            self.report.note(f"{name}: a page for {post['visibility']} only is public here")
        page.has_unpublished_changes = not page.live
        # Checked as it was filled (lengths cut, slug made unique when the page was made).
        page.save(clean=False)
        self.save_revision(page, go_live_at=go_live_at)
        if page.live and self.options.narrate and isinstance(page, ArticlePage):
            article_id = page.pk
            transaction.on_commit(
                lambda: self.narration_request(article_id=article_id), robust=True
            )
        updated_at = parse_time(post.get("updated_at"))
        self.remember(kind, post["id"], page, updated_at=updated_at, extra=extra)

    @staticmethod
    def save_revision(page, *, go_live_at):
        """What ``page.save_revision()`` records, without saving the page a second time (and
        indexing it again): the revision, and the page pointing at it (live at it when live)."""
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            approved_go_live_at=go_live_at,
            content=page.serializable_data(),
            object_str=str(page)[:255],
        )
        fields = {
            "latest_revision": revision,
            "latest_revision_created_at": revision.created_at,
            "draft_title": page.title,
            "has_unpublished_changes": not page.live,
        }
        if page.live:
            fields["live_revision"] = revision
        Page.objects.filter(pk=page.pk).update(**fields)
        for name, value in fields.items():
            setattr(page, name, value)
        return revision

    @staticmethod
    def narration_request(*, article_id):
        from narration import services as narration_services

        narration_services.narration_request(article_id=article_id)

    def fill_article(self, post, page):
        page.updated_at = parse_time(post.get("updated_at"))
        visibility = post.get("visibility") or "public"
        page.access = VISIBILITY.get(visibility, Access.PAID)
        if visibility not in VISIBILITY:
            self.report.note(f"{post['slug']}: visibility {visibility!r} imported as paid members")
        tier_ids = [
            self.tier_ids[product]
            for product in self.export.post_tiers.get(post["id"], ())
            if product in self.tier_ids
        ]
        if page.access == Access.TIERS and not tier_ids:
            page.access = Access.PAID
        page.access_tiers.set(tier_ids if page.access == Access.TIERS else [])
        page.tags.set(
            [
                self.taggit[tag_id]
                for tag_id in self.export.post_tags.get(post["id"], ())
                if tag_id in self.taggit
            ]
        )
        authors = [
            self.author_ids[user]
            for user in self.export.post_authors.get(post["id"], ())
            if user in self.author_ids
        ]
        if not authors and post.get("author_id") in self.author_ids:  # Ghost before posts_authors
            authors = [self.author_ids[post["author_id"]]]
        page.article_authors = [
            ArticleAuthor(author_id=author_id, sort_order=i)
            for i, author_id in enumerate(dict.fromkeys(authors))
        ]
        if "featured" in self.social_fields[ArticlePage]:
            page.featured = bool(post.get("featured"))

    def social(self, post, page):
        """Set the social meta fields the page type has; the rest go to the record's extra."""
        fields = self.social_fields[type(page)]
        extra = {}
        for name in SOCIAL_TEXT_FIELDS:
            value = (post.get(name) or "").strip()
            if name in fields:
                setattr(page, name, value[: page._meta.get_field(name).max_length or None])
            elif value:
                extra[name] = value
        for name in SOCIAL_IMAGE_FIELDS:
            url = post.get(name) or ""
            if name in fields:
                setattr(page, f"{name}_id", self.images.image_id(url) if url else None)
            elif url:
                extra[name] = url
        if "featured" not in fields and post.get("featured"):
            extra["featured"] = True
        if post.get("email_subject"):
            extra["email_subject"] = post["email_subject"]
        return extra

    # -- members -------------------------------------------------------------------------

    def import_members(self):
        try:
            text = Path(self.options.members_csv).read_text(encoding="utf-8-sig")
            rows = ghost_csv.parse(text)
        except (OSError, UnicodeDecodeError, ghost_csv.BadFile) as error:
            raise ExportError(f"The members CSV cannot be read: {error}") from None
        for line, row in rows:
            try:
                _, created = member_services.member_import_row(
                    row=row,
                    newsletters_wanted=self.signup_newsletters,
                    consent_text="Subscribed on the Ghost site (imported).",
                    imported_by="the Ghost import",
                )
            except member_services.RowRefused as error:
                self.report.skip("member", f"line {line}", str(error))
                continue
            self.report.count("member", "imported" if created else "updated")


def parse_section_map(text):
    """``"opinion=comment,tech=science"`` → {"opinion": "comment", "tech": "science"}."""
    mapping = {}
    for pair in (text or "").split(","):
        if not pair.strip():
            continue
        tag, sep, section = pair.partition("=")
        if not sep or not re.fullmatch(r"[-\w]+", tag.strip()) or not slugify(section.strip()):
            raise ValueError(f"{pair.strip()!r} is not tag-slug=section-slug")
        mapping[tag.strip()] = slugify(section.strip())
    return mapping
