"""Structured data (schema.org JSON-LD) and share images, built from plain values, so templates
stay dumb.

- Articles: ``NewsArticle`` with its image in 16:9, 4:3 and 1:1 (Google's recommendation for
  article rich results), the bylines as ``Person``s and the publisher.
- The front page: the ``WebSite`` (with the site search as a ``SearchAction``) and the newsroom
  as a ``NewsMediaOrganization`` (logo, social profiles as ``sameAs``).
- Author pages: a ``ProfilePage`` whose main entity is the author as a ``Person``.

The publisher logo is the newsroom's whole logo on a 512x512 square (``pad``,
``core/image_operations.py``), so it is always at least the 112x112 pixels Google asks for;
the front and author pages' share card is the logo or the author's photo, whole, on 1200x630.
"""

from django.utils import timezone

from .absolute_urls import absolute_url

# 16:9, also the article's og:image and the feeds' enclosures.
SHARE_IMAGE_SPEC = "fill-1200x675|format-jpeg"
# The article image in JSON-LD, widest first; read in one query with the share image.
ARTICLE_IMAGE_SPECS = (
    SHARE_IMAGE_SPEC,
    "fill-1200x900|format-jpeg",  # 4:3
    "fill-1200x1200|format-jpeg",  # 1:1
)
LOGO_SPEC = "pad-512x512|format-png"
# The large-image card of pages that have no article image: front page and author pages.
CARD_SPEC = "pad-1200x630|format-jpeg"
PERSON_IMAGE_SPEC = "fill-800x800|format-jpeg"
# What the author page reads of an author's photo, in one query; the first is the one the page
# shows (templates/pages/author.html).
AUTHOR_PHOTO_SPECS = ("fill-160x160|format-webp", PERSON_IMAGE_SPEC, CARD_SPEC)


def _iso(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _web_addresses(urls):
    return [url for url in urls if url.startswith(("https://", "http://"))]


def image_object(request, rendition):
    return {
        "@type": "ImageObject",
        "url": absolute_url(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
    }


def _site_id(request, name):
    return f"{absolute_url(request, '/')}#{name}"


def logo_renditions(newsroom, *specs):
    """{spec: rendition} of the newsroom's logo, in one query; empty without a logo."""
    return newsroom.logo.get_renditions(*specs) if newsroom.logo_id else {}


def organization(*, newsroom, request, logo=None):
    """The newsroom; ``logo`` is its ``LOGO_SPEC`` rendition (read here if not given)."""
    if logo is None and newsroom.logo_id:
        logo = logo_renditions(newsroom, LOGO_SPEC)[LOGO_SPEC]
    data = {
        "@type": "NewsMediaOrganization",
        "@id": _site_id(request, "organization"),
        "name": newsroom.name,
        "url": absolute_url(request, "/"),
    }
    if logo is not None:
        data["logo"] = image_object(request, logo)
    if same_as := _web_addresses(newsroom.same_as):
        data["sameAs"] = same_as
    return data


# Where a gated article's text is on its page for readers with access: Google's markup for
# paywalled content names it, so a page that shows more to readers than to crawlers is not
# taken for cloaking.
PAYWALLED_SELECTOR = ".paywalled-content"


def news_article(
    *,
    article,
    canonical_url,
    authors,
    section,
    tags,
    images,
    publisher,
    request,
    accessible_for_free=True,
):
    """``images``: the article image's renditions (``ARTICLE_IMAGE_SPECS``), widest first.
    ``accessible_for_free``: False for an article only members may read whole."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": _iso(article.first_published_at),
        "dateModified": _iso(article.last_published_at or article.first_published_at),
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                **(
                    {"url": absolute_url(request, author.get_absolute_url())} if author.live else {}
                ),
            }
            for author in authors
        ],
        "publisher": publisher,
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical_url},
        "keywords": [tag.name for tag in tags],
        "wordCount": article.word_count,
    }
    if article.summary:
        data["description"] = article.summary
    if not accessible_for_free:
        data["isAccessibleForFree"] = False
        data["hasPart"] = {
            "@type": "WebPageElement",
            "isAccessibleForFree": False,
            "cssSelector": PAYWALLED_SELECTOR,
        }
    if images:
        data["image"] = [image_object(request, rendition) for rendition in images]
    if section is not None:
        data["articleSection"] = section.title
    return data


def website(*, newsroom, request, logo=None):
    """The front page's graph: the site, searchable at /search/?q=, and its newsroom."""
    from django.urls import reverse

    search = absolute_url(request, reverse("search:results"))
    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "WebSite",
                "@id": _site_id(request, "website"),
                "url": absolute_url(request, "/"),
                "name": newsroom.name,
                **({"description": newsroom.tagline} if newsroom.tagline else {}),
                "inLanguage": "en",
                "publisher": {"@id": _site_id(request, "organization")},
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": {
                        "@type": "EntryPoint",
                        "urlTemplate": f"{search}?q={{search_term_string}}",
                    },
                    "query-input": "required name=search_term_string",
                },
            },
            organization(newsroom=newsroom, request=request, logo=logo),
        ],
    }


def profile_page(*, author, links, photo, canonical_url, request):
    """An author page: ``photo`` is the ``PERSON_IMAGE_SPEC`` rendition of their photo."""
    person = {
        "@type": "Person",
        "@id": f"{canonical_url}#person",
        "name": author.name,
        "url": canonical_url,
        "worksFor": {"@id": _site_id(request, "organization")},
    }
    if author.role:
        person["jobTitle"] = author.role
    if author.bio:
        person["description"] = author.bio
    if photo is not None:
        person["image"] = image_object(request, photo)
    if same_as := _web_addresses(link.url for link in links):
        person["sameAs"] = same_as
    data = {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": canonical_url,
        "mainEntity": person,
    }
    if author.first_published_at:
        data["dateCreated"] = _iso(author.first_published_at)
        data["dateModified"] = _iso(author.last_published_at or author.first_published_at)
    return data


def _card(request, rendition):
    return {"share_image": rendition, "share_image_url": absolute_url(request, rendition.url)}


def front_page_context(*, newsroom, request):
    """The front page's JSON-LD and share card (the newsroom's logo, whole)."""
    logos = logo_renditions(newsroom, LOGO_SPEC, CARD_SPEC)
    context = {
        "structured_data": website(newsroom=newsroom, request=request, logo=logos.get(LOGO_SPEC))
    }
    if logos:
        context.update(_card(request, logos[CARD_SPEC]))
    return context


def author_page_context(*, author, links, newsroom, request):
    """An author page's JSON-LD and share card: their photo, whole, else the newsroom's logo.
    The photo's renditions, the one the page shows among them, are read in one query (none
    once Wagtail's rendition cache has them)."""
    canonical_url = absolute_url(request, author.get_absolute_url())
    photos = author.photo.get_renditions(*AUTHOR_PHOTO_SPECS) if author.photo_id else {}
    context = {
        "structured_data": profile_page(
            author=author,
            links=links,
            photo=photos.get(PERSON_IMAGE_SPEC),
            canonical_url=canonical_url,
            request=request,
        )
    }
    if photos:
        context.update(_card(request, photos[CARD_SPEC]))
    elif logos := logo_renditions(newsroom, CARD_SPEC):
        context.update(_card(request, logos[CARD_SPEC]))
    return context
