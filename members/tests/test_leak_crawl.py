"""The leak crawl: nothing personal, and no text a reader may not read, in anything a cache keeps.

A small newsroom (public, members-only, paid and tier-only articles; a paid member of one tier
and a free member, with names and addresses found nowhere else) is crawled as an anonymous, a
free and a paid reader, signed in by the emailed link as readers are: every URL reachable from
the front page, the sitemaps, the feeds and the member pages, on the site's own host. Each URL
is read twice, so that the second answer may come from the page cache. Every answer a cache may
keep (its Cache-Control allows storing, or Masthead's page cache stored or answered it) must
hold no member's address or name, no sign-in token or code, no session id, no CSRF token, no
variant cookie, and none of the gated text of an article that reader may not read.
"""

import re
from datetime import timedelta
from urllib.parse import urljoin, urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from articles.access import Access
from articles.models import ArticlePage
from members.models import Member, Membership
from pagecache import variants
from payments.models import Tier
from testkit import builders

from .conftest import link_and_code

pytestmark = pytest.mark.django_db

GATED = {
    Access.MEMBERS: "Quillbrook members-only harbour ledger",
    Access.PAID: "Quillbrook paid-only dredging invoice",
    "gold": "Quillbrook gold-tier pilot roster",
    "silver": "Quillbrook silver-tier tide tables",
}
# Who may read each gated text.
READABLE_BY = {
    "anonymous": set(),
    "free": {Access.MEMBERS},
    "paid": {Access.MEMBERS, Access.PAID, "gold"},
}
PAID = {"email": "ottoline.quernby@example.org", "name": "Ottoline Quernby"}
FREE = {"email": "bartholomew.xylander@example.org", "name": "Bartholomew Xylander"}
START = ["/", "/sitemap.xml", "/news-sitemap.xml", "/rss/", "/account/", "/membership/"]
MAX_URLS = 150
LINK = re.compile(r"""(?:href|src)="([^"#]+)|<(?:loc|link|guid)>([^<]+)<""")
NOT_CRAWLED = ("/admin/", "/static/", "/media/", "/account/sign-out/", "/account/delete/")


def may_be_kept(response):
    """Whether a browser, a CDN or Masthead's page cache may keep this answer."""
    if response.has_header("X-Masthead-Cache"):  # stored (miss) or answered from the store
        return True
    cache_control = response.get("Cache-Control", "")
    return response.status_code in (200, 203, 301, 308, 404) and "no-store" not in cache_control


@pytest.fixture
def newsroom(page_cache, monkeypatch):
    home = builders.make_home()
    section = builders.make_section(home, title="Harbour")
    author = builders.make_author(name="Mira Kos")
    gold = Tier.objects.create(name="Gold", slug="gold", monthly_amount=900)
    silver = Tier.objects.create(name="Silver", slug="silver", monthly_amount=500)
    articles = {}
    for kind, gated in GATED.items():
        article = builders.make_article(
            section,
            authors=[author],
            title=f"Harbour news ({kind})",
            body=[
                ("paragraph", "<p>The harbour opens its books.</p>"),
                ("preview_end", None),
                ("paragraph", f"<p>{gated}</p>"),
            ],
        )
        access = Access.TIERS if kind in ("gold", "silver") else kind
        ArticlePage.objects.filter(pk=article.pk).update(access=access)
        articles[kind] = article
    builders.make_article(section, authors=[author], title="Harbour news for all")
    # Tier-only articles open to one tier each (the chooser of tiers is another app's part).
    tier_of = {articles["gold"].pk: gold.pk, articles["silver"].pk: silver.pk}
    monkeypatch.setattr(
        ArticlePage, "tier_ids", lambda self: frozenset(filter(None, [tier_of.get(self.pk)]))
    )
    paid = Member.objects.create(**PAID, status=Member.Status.PAID)
    Membership.objects.create(
        member=paid,
        subscription_id="sub_leak_crawl",
        tier=gold,
        status="active",
        current_period_end=timezone.now() + timedelta(days=20),
    )
    Member.objects.create(**FREE)
    return articles


def sign_in(email, ip, django_capture_on_commit_callbacks):
    """A new browser signed in by the emailed link; its client and what must never leak."""
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/sign-in/", {"email": email}, REMOTE_ADDR=ip)
    path, code = link_and_code(mail.outbox[-1])
    assert client.get(path).status_code == 200
    signed_in = client.post(path)
    assert signed_in.status_code == 303 and variants.COOKIE in signed_in.cookies
    return client, [path.rstrip("/").rsplit("/", 1)[-1], code]


def cookie_secrets(client):
    return [morsel.value for morsel in client.cookies.values() if len(morsel.value) >= 16]


def links(response, url):
    if not response.get("Content-Type", "").startswith(("text/html", "application/")):
        return []
    found = []
    for href, loc in LINK.findall(response.content.decode(errors="replace")):
        parts = urlsplit(urljoin("http://testserver" + url, (href or loc).strip()))
        if parts.hostname == "testserver" and not parts.path.startswith(NOT_CRAWLED):
            found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def crawl(client):
    """(url, response) for each URL reached, each read twice; bounded."""
    queue, seen = list(START), set()
    while queue and len(seen) < MAX_URLS:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        for _ in range(2):
            response = client.get(url)
            yield url, response
        queue.extend(links(response, url))


def test_no_personal_data_or_unreadable_text_in_any_cacheable_answer(
    newsroom, django_capture_on_commit_callbacks
):
    paid, paid_secrets = sign_in(PAID["email"], "203.0.113.7", django_capture_on_commit_callbacks)
    free, free_secrets = sign_in(FREE["email"], "203.0.113.8", django_capture_on_commit_callbacks)
    readers = {"anonymous": Client(), "free": free, "paid": paid}
    personal = [*PAID.values(), *FREE.values(), *paid_secrets, *free_secrets]
    kept, stored_for = 0, {}
    for kind, client in readers.items():
        for url, response in crawl(client):
            secrets = [*personal, *cookie_secrets(paid), *cookie_secrets(free)]
            body = response.content.decode(errors="replace")
            assert "Quillbrook" not in body or response.status_code == 200, url
            if not may_be_kept(response):
                continue
            kept += 1
            if response.has_header("X-Masthead-Cache"):
                stored_for.setdefault(kind, set()).add(url)
            where = f"{kind} reader, {url}"
            leaked = [secret for secret in secrets if secret in body]
            assert not leaked, f"{where}: personal data in a cacheable answer: {leaked}"
            assert "csrfmiddlewaretoken" not in body, f"{where}: a CSRF token"
            assert not response.cookies, f"{where}: a cacheable answer sets a cookie"
            for level, text in GATED.items():
                if level not in READABLE_BY[kind]:
                    assert text not in body, f"{where}: the {level} text"
    assert kept > 30
    # Each kind of reader had its pages stored, the paid reader's own paid article among them.
    assert set(stored_for) == set(readers)
    assert newsroom[Access.PAID].url in stored_for["paid"]
    assert newsroom["gold"].url in stored_for["paid"]


def test_every_kind_reads_its_text_from_the_cache(newsroom, django_capture_on_commit_callbacks):
    """The crawl above would pass on a site that showed nobody anything: each reader reads,
    and from the page cache, exactly what their kind may read."""
    paid, _ = sign_in(PAID["email"], "203.0.113.7", django_capture_on_commit_callbacks)
    free, _ = sign_in(FREE["email"], "203.0.113.8", django_capture_on_commit_callbacks)
    for kind, client in {"anonymous": Client(), "free": free, "paid": paid}.items():
        for level, article in newsroom.items():
            first, second = client.get(article.url), client.get(article.url)
            assert first["X-Masthead-Cache"] == "miss", (kind, level)
            assert second["X-Masthead-Cache"] == "hit", (kind, level)
            shown = GATED[level] in second.content.decode()
            assert shown == (level in READABLE_BY[kind]), (kind, level)
            if kind != "anonymous":
                assert second["Cache-Control"] == "private, no-cache"
    assert variants.COOKIE in paid.cookies and variants.COOKIE in free.cookies
