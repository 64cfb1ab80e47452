"""Every absolute URL Masthead writes (canonical, og:url, JSON-LD, feeds, sitemaps, robots.txt,
emails) is on the configured site, whatever Host and port the request named
(core/absolute_urls.py). The test settings allow any host, as a loose ALLOWED_HOSTS would."""

import re
import time

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Site

from core.models import NewsroomSettings
from narration.models import Narration
from newsfeed.services import news_item_publish
from newsletters.forms import started_token
from newsletters.models import Newsletter
from testkit import builders

SITE = "https://news.example.org"
FORGED_HOSTS = ["evil.example", "news.example.org:8443", "127.0.0.1:8000"]
# Namespaces and DTDs that feeds and sitemaps name; not links to anywhere of ours.
NAMESPACES = (
    "https://schema.org",
    "http://www.sitemaps.org/",
    "http://www.google.com/schemas/",
    "http://www.w3.org/",
    "http://www.itunes.com/dtds/",
    "http://purl.org/dc/",
    "https://podcastindex.org/namespace/",
)
URL = re.compile(r"""https?://[^\s"'<>\\]+""")


@pytest.fixture
def newsroom(settings, home, section, author):
    settings.WAGTAILADMIN_BASE_URL = SITE  # MASTHEAD_BASE_URL: emails
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "news.example.org", 443
    site.save()
    newsroom = NewsroomSettings.load()
    newsroom.logo = builders.make_image(size=(400, 400))
    newsroom.save()
    article = builders.make_article(
        section,
        authors=[author],
        tags=["Elections"],
        lead_image=builders.make_image(),
        title="The vote is counted",
    )
    Narration.objects.create(
        article=article,
        status=Narration.Status.DONE,
        text_hash="spoken",
        audio_hash="spoken",
        audio=ContentFile(b"ID3 not really audio", name="spoken.mp3"),
        audio_bytes=20,
        duration_seconds=61,
    )
    item = news_item_publish(headline="Polls close", summary="Counting begins.")
    Newsletter.objects.create(name="The Morning", slug="the-morning")
    return {"article": article, "section": section, "author": author, "item": item}


def pages(newsroom):
    article, section, author = newsroom["article"], newsroom["section"], newsroom["author"]
    return [
        "/",
        section.url,
        article.url,
        "/tag/elections/",
        f"/author/{author.slug}/",
        "/news-feed/",
        f"/news-feed/{newsroom['item'].pk}/",
        "/corrections/",
        "/newsletters/",
        "/search/?q=vote",
        "/rss/",
        f"/rss/section/{section.slug}/",
        "/tag/elections/rss/",
        f"/author/{author.slug}/rss/",
        "/news-feed/rss/",
        "/podcast.xml",
        "/sitemap.xml",
        "/sitemap-pages.xml",
        "/sitemap-authors.xml",
        "/sitemap-tags.xml",
        "/news-sitemap.xml",
        "/robots.txt",
    ]


def assert_only_the_site(text, where):
    for host in FORGED_HOSTS:
        assert host not in text, f"{host} in {where}"
    foreign = [url for url in URL.findall(text) if not url.startswith((f"{SITE}/", *NAMESPACES))]
    assert foreign == [], where


@pytest.mark.parametrize("host", FORGED_HOSTS)
def test_pages_feeds_and_sitemaps_link_only_to_the_site(client, newsroom, host):
    for path in pages(newsroom):
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200, path
        text = response.content.decode()
        assert_only_the_site(text, path)
    # The absolute URLs each kind of page must have, all on the site.
    article = client.get(newsroom["article"].url, HTTP_HOST="evil.example").content.decode()
    assert f'<link rel="canonical" href="{SITE}{newsroom["article"].url}">' in article
    assert f'"logo": {{"@type": "ImageObject", "url": "{SITE}/media/' in article
    front = client.get("/", HTTP_HOST="evil.example").content.decode()
    assert f'<meta property="og:url" content="{SITE}/">' in front
    feed = client.get("/tag/elections/rss/", HTTP_HOST="evil.example").content.decode()
    assert f"<link>{SITE}/tag/elections/</link>" in feed
    assert f'href="{SITE}/tag/elections/rss/" rel="self"' in feed
    assert re.search(rf'<enclosure [^>]*url="{SITE}/media/images/', feed)
    podcast = client.get("/podcast.xml", HTTP_HOST="evil.example").content.decode()
    assert re.search(rf'<enclosure [^>]*url="{SITE}/media/narration/', podcast)
    index = client.get("/sitemap.xml", HTTP_HOST="evil.example").content.decode()
    assert f"<loc>{SITE}/sitemap-authors.xml</loc>" in index
    authors = client.get("/sitemap-authors.xml", HTTP_HOST="evil.example").content.decode()
    assert f"<loc>{SITE}/author/{newsroom['author'].slug}/</loc>" in authors
    robots = client.get("/robots.txt", HTTP_HOST="evil.example").content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in robots


def test_a_stored_page_holds_only_the_sites_links(client, newsroom, page_cache):
    url = newsroom["article"].url
    first = client.get(url, HTTP_HOST="evil.example")
    second = client.get(url, HTTP_HOST="evil.example")
    assert second["X-Masthead-Cache"] == "hit"
    for response in (first, second):
        assert_only_the_site(response.content.decode(), url)


def test_emails_link_only_to_the_site(
    client, newsroom, staff_email_user, mailoutbox, django_capture_on_commit_callbacks
):
    signup = {
        "email": "reader@example.org",
        "newsletters": ["the-morning"],
        "homepage": "",
        "started": started_token(at=time.time() - 60),
    }
    with django_capture_on_commit_callbacks(execute=True):  # the confirmation is queued on commit
        client.post("/newsletters/signup/", signup, HTTP_HOST="evil.example")
    client.post("/admin/password_reset/", {"email": "desk@example.org"}, HTTP_HOST="evil.example")
    assert sorted(message.to[0] for message in mailoutbox) == [
        "desk@example.org",
        "reader@example.org",
    ]
    for message in mailoutbox:
        parts = [message.body, *(content for content, _ in message.alternatives)]
        for part in parts:
            assert_only_the_site(part, message.subject)
        assert f"{SITE}/" in message.body


@pytest.fixture
def staff_email_user(django_user_model):
    return django_user_model.objects.create_superuser("desk", "desk@example.org", "pw")
