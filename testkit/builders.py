"""Builders for test data, shared by every app's tests (one place, no factory library)."""

import io
import itertools

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Page, Site

_counter = itertools.count(1)


def make_image(*, title="Test image", size=(1600, 900), color=(40, 90, 160)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, "PNG")
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=f"img{next(_counter)}.png")
    )


def make_author(*, name=None, live=True, **fields):
    from authors.models import Author

    n = next(_counter)
    name = name or f"Author {n}"
    return Author.objects.create(
        name=name, slug=fields.pop("slug", f"author-{n}"), live=live, role="Reporter", **fields
    )


def ensure_page_root():
    """The page tree root (and default locale) that migrations make; a transactional test that
    ran earlier may have flushed them."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))


def make_home():
    """A HomePage as the default site's root, replacing Wagtail's welcome page."""
    from articles.models import HomePage

    ensure_page_root()
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Front page", slug=f"home-{next(_counter)}"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": home, "site_name": "Test"},
    )
    return home


def make_section(home, *, title="World"):
    from articles.models import SectionPage

    n = next(_counter)
    section = home.add_child(instance=SectionPage(title=title, slug=f"{title.lower()}-{n}"))
    section.save_revision().publish()
    return section


def words(n, word="word"):
    return " ".join([word] * n)


def make_article(
    section,
    *,
    authors,
    title="A headline",
    standfirst="A standfirst.",
    body=(),
    tags=(),
    lead_image=None,
    caption="",
    credit="",
    publish=True,
    published_at=None,
    **fields,
):
    from articles.models import ArticleAuthor, ArticlePage

    n = next(_counter)
    article = ArticlePage(
        title=title,
        slug=f"article-{n}",
        standfirst=standfirst,
        body=list(body),
        lead_image=lead_image,
        lead_image_caption=caption,
        lead_image_credit=credit,
        live=False,
        **fields,
    )
    article.article_authors = [
        ArticleAuthor(author=author, sort_order=i) for i, author in enumerate(authors)
    ]
    article.tags.add(*tags)
    section.add_child(instance=article)
    if publish:
        article.save_revision().publish()
        if published_at is not None:
            ArticlePage.objects.filter(pk=article.pk).update(
                first_published_at=published_at, last_published_at=published_at
            )
        article.refresh_from_db()
    return article


def add_credit(article, author):
    """Add an author at the end of an article's byline (saved with its next revision)."""
    from articles.models import ArticleAuthor

    credits = article.article_authors
    credits.add(ArticleAuthor(author=author, sort_order=len(credits.all())))
