"""`manage.py load_demo`: load The Halvesk Ledger, an original, fictional demo newsroom.

It sets the newsroom's name, tagline and logo; replaces Wagtail's welcome page with a front page
that the default site points at; and adds the sections, the authors and the articles (from
demo.content), each with an abstract illustration drawn by demo.images. Articles are dated over
the past four weeks, relative to now, so the demo always looks current.

Everything happens in one transaction, so a failed or interrupted run leaves nothing behind
(the image files it had written are deleted too). If a front page already exists, the command
does nothing, so running it again is safe.
"""

import io
import logging
import time
import zlib
from contextlib import contextmanager
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.models import Page, PageLogEntry, Revision, Site

from articles.models import ArticleAuthor, ArticlePage, HomePage, InfoPage, SectionPage
from authors.models import Author, AuthorLink
from core.models import NewsroomSettings
from demo import content, images, markup
from demo.membership import load_membership
from demo.news_feed import load_news_feed
from demo.newsletters import load_newsletters
from picks.models import EDITORS_PICKS, CuratedItem, CuratedList

SITE_HOSTNAME, SITE_PORT = "127.0.0.1", 8000
# Authors "joined" before the oldest article, so their profiles predate their bylines.
AUTHORS_SINCE = timedelta(days=45)
# Wagtail stores uploads under original_images/; every demo file name starts with "demo-".
ORIGINALS, FILE_PREFIX = "original_images", "demo-"


class Command(BaseCommand):
    help = "Load the fictional demo newsroom (The Halvesk Ledger). Does nothing if already loaded."

    def handle(self, *args, verbosity, **options):
        started = time.monotonic()
        try:
            with quiet_wagtail_logs(enabled=verbosity < 2), transaction.atomic():
                # Each part loads only what is missing, so a second run adds nothing and a
                # newer version of the demo can add its new parts to an existing database.
                parts = []
                if HomePage.objects.exists():
                    self.stdout.write("Demo articles already loaded (a front page exists).")
                else:
                    parts.append(load())
                now = timezone.now()
                if added := load_news_feed(now=now):
                    parts.append(f"{added} News Feed items")
                if added := curate_editors_picks():
                    parts.append(f"{added} Editors' Picks")
                if added := load_newsletters():
                    parts.append(f"{added} newsletters")
                if added := load_membership():
                    parts.append(f"{added} tiers, members and calls to support")
                if load_about():
                    parts.append("the About page")
                if not parts:
                    self.stdout.write("Demo newsroom already loaded; nothing to add.")
                    return
                summary = "; ".join(parts)
        except BaseException:
            delete_orphan_files()
            raise
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Loaded {summary} in {elapsed:.1f}s."))


@contextmanager
def quiet_wagtail_logs(*, enabled):
    """Hide Wagtail's INFO line per page created/edited/published (-v 2 shows them)."""
    logger = logging.getLogger("wagtail")
    level = logger.level
    if enabled:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def curate_editors_picks(count=5):
    """Fill an empty Editors' Picks list with the demo's longest reads; returns how many."""
    picks = CuratedList.objects.get(slug=EDITORS_PICKS)
    if picks.items.exists():
        return 0
    longest = ArticlePage.objects.live().order_by("-word_count", "pk")[:count]
    for order, article in enumerate(longest):
        CuratedItem.objects.create(curated_list=picks, article=article, sort_order=order)
    return len(longest)


def load():
    """Create the whole demo newsroom; returns a one-line summary."""
    now = timezone.now()
    setup_newsroom()
    home = create_home()
    sections = {data.slug: create_section(home, data) for data in content.SECTIONS}
    authors = {
        data.slug: create_author(data, index, now) for index, data in enumerate(content.AUTHORS)
    }
    articles = create_articles(sections, authors, now)
    return (
        f"{content.NEWSROOM.name}: {len(sections)} sections, {len(authors)} authors, "
        f"{len(articles)} articles, {Image.objects.count()} images"
    )


# Images


def save_image(title, png, filename):
    """A Wagtail image; one already saved under the same title is reused, not duplicated."""
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    image = Image(title=title, file=ImageFile(io.BytesIO(png), name=filename))
    image.save()
    return image


def delete_orphan_files():
    """After a rolled-back run: delete the demo's image files that no image row refers to."""
    storage = Image._meta.get_field("file").storage
    try:
        _, names = storage.listdir(ORIGINALS)
    except FileNotFoundError:
        return
    referenced = set(Image.objects.values_list("file", flat=True))
    for name in names:
        path = f"{ORIGINALS}/{name}"
        if name.startswith(FILE_PREFIX) and path not in referenced:
            storage.delete(path)


def seed(text):
    """A stable seed from a slug (hash() is salted per process; crc32 is not)."""
    return zlib.crc32(text.encode())


# Newsroom, front page, sections


def setup_newsroom():
    newsroom = NewsroomSettings.load()
    newsroom.name = content.NEWSROOM.name
    newsroom.tagline = content.NEWSROOM.tagline
    newsroom.logo = save_image(
        f"{content.NEWSROOM.name} logo",
        images.logo(content.NEWSROOM.monogram),
        f"{FILE_PREFIX}logo.png",
    )
    newsroom.support_url = content.NEWSROOM.support_url
    newsroom.podcast_email = content.NEWSROOM.podcast_email
    newsroom.artwork_background = images.PAPER  # the logo's own light tone
    newsroom.save()


def create_home():
    """The front page, under the tree root, as the default site's root; the welcome page goes."""
    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        # Point the site away first: deleting its root page would delete the site too.
        site.root_page = root
        site.save()
    delete_welcome_pages()
    root.refresh_from_db()
    home = root.add_child(
        instance=HomePage(
            title=content.NEWSROOM.name, slug="home", intro=content.NEWSROOM.home_intro
        )
    )
    home.save_revision().publish()
    site = site or Site(is_default_site=True)
    site.hostname, site.port = SITE_HOSTNAME, SITE_PORT
    site.site_name, site.root_page = content.NEWSROOM.name, home
    site.save()
    return home


def delete_welcome_pages():
    """Wagtail's "Welcome to your new Wagtail site!": plain Pages just below the root.

    Pages that some other (non-default) site uses as its root are left alone.
    """
    base_page = ContentType.objects.get_for_model(Page)
    welcome = Page.objects.filter(depth=2, content_type=base_page).exclude(
        sites_rooted_here__is_default_site=False
    )
    for page in welcome:
        page.delete()


def load_about():
    """The newsroom's About page, a page of its own beside the sections (once)."""
    home = HomePage.objects.first()
    if home is None or InfoPage.objects.filter(slug="about").exists():
        return None
    about = home.add_child(
        instance=InfoPage(
            title=content.ABOUT_TITLE,
            slug="about",
            standfirst=content.ABOUT_STANDFIRST,
            body=[("paragraph", f"<p>{text}</p>") for text in content.ABOUT_BODY],
        )
    )
    about.save_revision().publish()
    return about


def create_section(home, data):
    section = home.add_child(
        instance=SectionPage(title=data.title, slug=data.slug, intro=data.intro)
    )
    section.save_revision().publish()
    return section


# Authors


def create_author(data, index, now):
    photo = save_image(
        f"Portrait: {data.name}",
        images.avatar(seed(data.slug), data.initials, palette=index * 2 + 1),
        f"{FILE_PREFIX}author-{data.slug}.png",
    )
    author = Author(
        name=data.name,
        slug=data.slug,
        role=data.role,
        bio=data.bio,
        photo=photo,
        live=True,
        first_published_at=now - AUTHORS_SINCE,
        last_published_at=now - AUTHORS_SINCE,
    )
    author.links = [
        AuthorLink(label=label, url=url, sort_order=i) for i, (label, url) in enumerate(data.links)
    ]
    author.save()
    return author


# Articles


def create_articles(sections, authors, now):
    """Two passes: all pages first, so teasers can point at any of them; then bodies, publish."""
    pages = {}
    for index, data in enumerate(content.ARTICLES):
        pages[data.slug] = create_article_page(data, index, sections, authors)
    for index, data in enumerate(content.ARTICLES):
        publish_article(pages[data.slug], data, index, pages, now)
    return pages


def create_article_page(data, index, sections, authors):
    style = content_section(data.section).style
    lead_image = save_image(
        f"Illustration: {data.title}",
        images.illustration(seed(data.slug), style, palette=index),
        f"{FILE_PREFIX}{data.slug}.png",
    )
    article = ArticlePage(
        title=data.title,
        slug=data.slug,
        standfirst=data.standfirst,
        lead_image=lead_image,
        lead_image_caption=data.caption,
        lead_image_credit=data.credit,
        access=data.access,
        live=False,
    )
    article.article_authors = [
        ArticleAuthor(author=authors[slug], sort_order=i) for i, slug in enumerate(data.authors)
    ]
    article.tags.add(*data.tags)
    return sections[data.section].add_child(instance=article)


def content_section(slug):
    """The content.Section (not the page) with this slug."""
    return next(section for section in content.SECTIONS if section.slug == slug)


def publish_article(article, data, index, pages, now):
    style = content_section(data.section).style

    def body_image(caption, credit):
        png = images.illustration(seed(caption), style, palette=index + 7)
        image = save_image(f"Illustration: {caption}", png, f"{FILE_PREFIX}{data.slug}-body.png")
        return {"image": image.pk, "caption": caption, "credit": credit}

    article.body = markup.to_stream(
        data.body, teaser_id=lambda slug: pages[slug].pk, image_block=body_image
    )
    revision = article.save_revision()
    revision.publish()
    published_at = publication_time(data.published, now)
    backdate(article, revision, published_at, update_time(published_at, data, now))


def publication_time(published, now):
    """(days ago, "HH:MM") in the newsroom's time zone; never later than 90 minutes ago."""
    days_ago, clock = published
    hour, minute = (int(part) for part in clock.split(":"))
    local = timezone.localtime(now) - timedelta(days=days_ago)
    when = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return min(when, now - timedelta(minutes=90))


def update_time(published_at, data, now):
    if data.updated_after_hours is None:
        return None
    return min(
        published_at + timedelta(hours=data.updated_after_hours), now - timedelta(minutes=10)
    )


def backdate(article, revision, published_at, updated_at):
    """Make the article look published at published_at (and updated at updated_at, if any)."""
    last = updated_at or published_at
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=published_at,
        last_published_at=last,
        latest_revision_created_at=last,
        updated_at=updated_at,
    )
    # The revision too, so the admin's history agrees and a later edit keeps "Updated".
    revision.content.update(
        first_published_at=published_at.isoformat(),
        last_published_at=last.isoformat(),
        updated_at=updated_at.isoformat() if updated_at else None,
    )
    Revision.objects.filter(pk=revision.pk).update(created_at=last, content=revision.content)
    PageLogEntry.objects.filter(page_id=article.pk).update(timestamp=published_at)
