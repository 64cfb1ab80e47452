"""Public pages, feeds and APIs never show staff accounts: bylines are Author profiles.

A staff user with a distinctive username, email and name owns and publishes an article,
corrects it, posts a News Feed item about it and gets it narrated; then every public URL,
and every same-site link found on them, is fetched anonymously.
"""

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from articles.models import ArticleCorrection
from narration.models import Narration
from newsfeed.services import news_item_publish
from testkit import builders

pytestmark = pytest.mark.django_db

USERNAME = "kp_login_7731"
EMAIL = "kp@internal.example"
SECRETS = [USERNAME, EMAIL, "kp@internal", "Zorian", "Quillfeather"]

SEEDS = [
    "/",
    "/rss/",
    "/news-feed/",
    "/news-feed/rss/",
    "/news-feed/updates.json",
    "/sitemap.xml",
    "/news-sitemap.xml",
    "/robots.txt",
    "/podcast.xml",
    "/corrections/",
    "/newsletters/",
]
NOT_PUBLIC = ("/admin/", "/documents/", "/media/", "/static/", "/anymail/")
LINK = re.compile(r"""(?:href|src)=["']([^"']+)["']|<(?:loc|link|guid)>([^<]+)</""")


@pytest.fixture
def published_by_staff(section, author, django_user_model):
    user = django_user_model.objects.create_user(
        USERNAME, EMAIL, "pw", first_name="Zorian", last_name="Quillfeather", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    article = builders.make_article(
        section,
        authors=[author],
        title="Dam repairs finish early",
        standfirst="Engineers reopen the spillway.",
        body=[("paragraph", "<p>The reservoir is full again.</p>")],
        tags=["Infrastructure"],
        publish=False,
    )
    article.owner = user
    article.corrections.add(ArticleCorrection(note="The dam is 40 m tall, not 400 m."))
    article.save()
    article.save_revision(user=user).publish(user=user)
    article.refresh_from_db()
    news_item_publish(
        headline="Spillway open", summary="Water flows again.", article=article, user=user
    )
    Narration.objects.create(
        article=article,
        status=Narration.Status.DONE,
        text_hash="same",
        audio_hash="same",
        audio=ContentFile(b"ID3" + b"\0" * 64, name="dam.mp3"),
        audio_bytes=67,
        duration_seconds=12.0,
        finished_at=timezone.now(),
    )
    return article


def links(body):
    for match in LINK.finditer(body):
        url = (match.group(1) or match.group(2)).strip().replace("&amp;", "&")
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith(NOT_PUBLIC):
            yield path


def test_no_public_page_shows_a_staff_account(client, published_by_staff, author):
    article = published_by_staff
    assert article.owner.username == USERNAME
    assert article.live_revision.user.username == USERNAME
    section = article.get_parent().specific
    seeds = [
        *SEEDS,
        section.url,
        article.url,
        f"/author/{author.slug}/",
        f"/author/{author.slug}/rss/",
        "/tag/infrastructure/",
        "/tag/infrastructure/rss/",
        f"/rss/section/{section.slug}/",
        "/search/?q=dam",
    ]
    queue, seen, fetched = deque(seeds), set(seeds), {}
    while queue and len(fetched) < 300:
        path = queue.popleft()
        response = client.get(path)
        fetched[path] = response.status_code
        if response.status_code != 200 or response.streaming:
            continue
        body = response.content.decode("utf-8", errors="replace")
        headers = "\n".join(f"{name}: {value}" for name, value in response.items())
        for secret in SECRETS:
            assert secret.lower() not in body.lower(), f"{secret!r} shown at {path}"
            assert secret.lower() not in headers.lower(), f"{secret!r} in headers of {path}"
        for link in links(body):
            if link not in seen:
                seen.add(link)
                queue.append(link)

    # The crawl reached every kind of public page, and they all answered.
    for path in seeds:
        assert fetched[path] == 200, (path, fetched[path])
    assert any(path.startswith("/news-feed/") and path[11:-1].isdigit() for path in fetched)
    assert "/sitemap-pages.xml" in fetched and "/sitemap-authors.xml" in fetched
    assert "Dam repairs finish early" in client.get("/search/?q=dam").content.decode()
    assert "Dam repairs finish early" in client.get("/podcast.xml").content.decode()
    assert "40 m tall" in client.get("/corrections/").content.decode()
    failures = {path: status for path, status in fetched.items() if status >= 500}
    assert not failures
