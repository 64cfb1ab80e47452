"""Structured data (schema.org JSON-LD) built from plain values, so templates stay dumb."""

from django.utils import timezone

from .absolute_urls import absolute_url

SHARE_IMAGE_SPEC = "fill-1200x675|format-jpeg"
LOGO_SPEC = "height-60|format-png"


def _iso(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def organization(*, newsroom, request):
    data = {"@type": "Organization", "name": newsroom.name, "url": absolute_url(request, "/")}
    if newsroom.logo_id:
        logo = newsroom.logo.get_rendition(LOGO_SPEC)
        data["logo"] = {
            "@type": "ImageObject",
            "url": absolute_url(request, logo.url),
            "width": logo.width,
            "height": logo.height,
        }
    return data


def news_article(*, article, canonical_url, authors, section, tags, image_url, publisher, request):
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
    if image_url:
        data["image"] = [image_url]
    if section is not None:
        data["articleSection"] = section.title
    return data
