"""After a change, no reader gets the old version of a page from Masthead's cache.

Each test fills the cache with every page that shows the content (and checks they are hits),
makes the change as the admin does, then reads the pages again as a reader.
"""

import pytest
from django.urls import reverse

from newsfeed import services as live_services
from picks.models import EDITORS_PICKS, CuratedItem, CuratedList
from testkit import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_store(every_page_store):
    """Each test here runs on each production store: files (one machine) and Redis."""
    return every_page_store


@pytest.fixture
def world(home, section, author):
    other_section = builders.make_section(home, title="Business")
    other_author = builders.make_author(name="Taras Melnyk")
    article = builders.make_article(
        section, authors=[author], title="Old headline on the dam", tags=["floods"]
    )
    unrelated = builders.make_article(
        other_section, authors=[other_author], title="Grain prices steady", tags=["grain"]
    )
    return {
        "home": home,
        "section": section,
        "other_section": other_section,
        "author": author,
        "article": article,
        "unrelated": unrelated,
    }


def listing_urls(world):
    return [
        "/",
        world["section"].url,
        reverse("tags:detail", kwargs={"slug": "floods"}),
        reverse("authors:detail", kwargs={"slug": world["author"].slug}),
        "/rss/",
        reverse("syndication:section_rss", kwargs={"slug": world["section"].slug}),
        reverse("syndication:author_rss", kwargs={"slug": world["author"].slug}),
        reverse("syndication:tag_rss", kwargs={"slug": "floods"}),
        "/news-sitemap.xml",
    ]


def warm(client, urls):
    for url in urls:
        client.get(url)
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Masthead-Cache"] == "hit", url


def stored_page(store, path):
    return store.local_entries().entries[f"page:http://testserver{path}?"]


def text(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode()


def test_publishing_an_edit_refreshes_the_article_and_every_listing(
    client, page_cache, world, django_capture_on_commit_callbacks
):
    article = world["article"]
    untouched = [world["other_section"].url, reverse("tags:detail", kwargs={"slug": "grain"})]
    warm(client, [article.url, *listing_urls(world), *untouched])

    article.title = "New headline on the dam"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    for url in [article.url, *listing_urls(world)]:
        status, body = text(client, url)
        assert status == 200
        assert "New headline on the dam" in body, url
        assert "Old headline" not in body, url
    # Exact: pages that do not show the article stay cached.
    for url in untouched:
        assert client.get(url)["X-Masthead-Cache"] == "hit", url


def test_a_new_article_joins_every_listing_at_once(
    client, page_cache, world, author, django_capture_on_commit_callbacks
):
    warm(client, listing_urls(world))
    with django_capture_on_commit_callbacks(execute=True):
        builders.make_article(
            world["section"], authors=[author], title="Breaking: dam holds", tags=["floods"]
        )
    for url in listing_urls(world):
        assert "Breaking: dam holds" in text(client, url)[1], url


def test_unpublishing_takes_it_off_every_page(
    client, page_cache, world, django_capture_on_commit_callbacks
):
    article = world["article"]
    warm(client, [article.url, *listing_urls(world)])
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert client.get(article.url).status_code == 404
    for url in listing_urls(world):
        _status, body = text(client, url)
        assert "Old headline on the dam" not in body, url


def test_deleting_takes_it_off_every_page(
    client, page_cache, world, django_capture_on_commit_callbacks
):
    article = world["article"]
    url = article.url
    warm(client, [url, *listing_urls(world)])
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert client.get(url).status_code == 404
    for listing in listing_urls(world):
        assert "Old headline on the dam" not in text(client, listing)[1], listing


def test_moving_refreshes_both_sections_and_both_urls(
    client, page_cache, world, django_capture_on_commit_callbacks
):
    article, old_section, new_section = world["article"], world["section"], world["other_section"]
    old_url = article.url
    warm(client, [old_url, old_section.url, new_section.url, "/"])
    with django_capture_on_commit_callbacks(execute=True):
        article.move(new_section, pos="last-child")
    article.refresh_from_db()
    moved = client.get(old_url)  # Wagtail's redirects app sends readers to the new place
    assert (moved.status_code, moved["Location"]) == (301, article.url)
    assert client.get(article.url).status_code == 200
    assert "Old headline on the dam" not in text(client, old_section.url)[1]
    assert "Old headline on the dam" in text(client, new_section.url)[1]
    front = text(client, "/")[1]
    assert article.url in front and old_url not in front


def test_renaming_a_section_refreshes_every_page_navigation(
    client, page_cache, world, django_capture_on_commit_callbacks
):
    section = world["section"]
    warm(client, [world["unrelated"].url, "/"])
    section.title = "Region"
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision().publish()
    assert ">Region</a>" in text(client, world["unrelated"].url)[1]
    assert ">Region</a>" in text(client, "/")[1]


def test_a_news_feed_item_shows_on_every_page_with_the_column(
    client, page_cache, world, django_capture_on_commit_callbacks
):
    article = world["article"]
    warm(client, ["/", article.url, "/news-feed/", "/news-feed/rss/"])
    with django_capture_on_commit_callbacks(execute=True):
        item = live_services.news_item_publish(
            headline="Sirens in the north", summary="Residents are asked to stay indoors."
        )
    for url in ["/", article.url, "/news-feed/", "/news-feed/rss/"]:
        assert "Sirens in the north" in text(client, url)[1], url
    with django_capture_on_commit_callbacks(execute=True):
        live_services.news_item_unpublish(item=item)
    for url in ["/", article.url, "/news-feed/"]:
        assert "Sirens in the north" not in text(client, url)[1], url


def test_editors_picks_refresh_the_front_page_and_article_rails(
    client, page_cache, world, django_capture_on_commit_callbacks
):
    article, unrelated = world["article"], world["unrelated"]
    picks = CuratedList.objects.get(slug=EDITORS_PICKS)
    warm(client, ["/", article.url])
    with django_capture_on_commit_callbacks(execute=True):
        CuratedItem.objects.create(curated_list=picks, article=unrelated, sort_order=0)
    for url in ["/", article.url]:
        body = text(client, url)[1]
        rail = body[body.index("Editors") :]
        assert "Grain prices steady" in rail, url


def test_a_picked_article_that_expires_leaves_the_cache_with_it(client, page_cache, world):
    from datetime import timedelta

    from django.utils import timezone

    picks = CuratedList.objects.get(slug=EDITORS_PICKS)
    expires = timezone.now() + timedelta(minutes=7)
    CuratedItem.objects.create(curated_list=picks, article=world["unrelated"], expires_at=expires)
    client.get("/")
    front = stored_page(page_cache, "/")
    assert front.expires_at <= expires.timestamp()


def test_renaming_an_author_refreshes_bylines_and_their_page(
    client, page_cache, world, author, django_capture_on_commit_callbacks
):
    article = world["article"]
    author_url = reverse("authors:detail", kwargs={"slug": author.slug})
    warm(client, [article.url, "/", author_url])
    author.name = "Olha Bondarenko"
    with django_capture_on_commit_callbacks(execute=True):
        author.save_revision().publish()
    for url in [article.url, "/", author_url]:
        assert "Olha Bondarenko" in text(client, url)[1], url


def test_renaming_a_tag_refreshes_its_articles(
    client, page_cache, world, django_capture_on_commit_callbacks
):
    from taggit.models import Tag

    article = world["article"]
    warm(client, [article.url])
    tag = Tag.objects.get(slug="floods")
    tag.name = "Flooding"
    with django_capture_on_commit_callbacks(execute=True):
        tag.save()
    assert ">Flooding</a>" in text(client, article.url)[1]


def test_a_render_that_started_before_the_commit_is_not_kept(client, page_cache, world):
    """The race: a reader's render reads the old row, the editor's change commits meanwhile."""
    from pagecache import store

    article = world["article"]
    client.get(article.url)
    key = f"page:http://testserver{article.url}?"
    entry = stored_page(store, article.url)
    store._invalidate_now({f"page:{article.pk}"})
    # A stored copy rendered before the invalidation is refused, whichever process stored it.
    store.save(key, entry)
    assert client.get(article.url)["X-Masthead-Cache"] == "miss"


@pytest.fixture
def crowd_the_store(page_cache, settings):
    """Call it to make the pages' store small, so that it must drop entries to take more: a
    file cache culling at random past MAX_ENTRIES, a Redis at its maxmemory evicting the keys
    nearest their expiry first (``volatile-ttl``, one of the policies docs/deployment.md
    allows)."""
    pages = settings.CACHES["pages"]
    server = None

    def crowd():
        nonlocal server
        if pages["BACKEND"].endswith("FileBasedCache"):
            small = {**pages, "OPTIONS": {"MAX_ENTRIES": 60}}
            settings.CACHES = {**settings.CACHES, "pages": small}
        else:
            import redis

            server = redis.Redis.from_url(pages["LOCATION"])
            used = server.info("memory")["used_memory"]
            server.config_set("maxmemory-policy", "volatile-ttl")
            server.config_set("maxmemory", used + 2 * 1024 * 1024)

    yield crowd
    if server is not None:
        server.config_set("maxmemory", 0)
        server.config_set("maxmemory-policy", "noeviction")
        server.flushdb()


def other_page(n):
    """One of the many other pages of a large site, stored as a render of it would be."""
    import os
    import time

    from pagecache import store

    key = f"page:http://testserver/elsewhere/{n}/?"
    now = time.time()
    entry = store.Entry(
        status=200, headers=[], body=os.urandom(8000), etag=f'"{n}"', tags=(f"page:{10**6 + n}",),
        rendered_at=now, expires_at=now + 3600, key=key,
    )  # fmt: skip
    store.save(key, entry, keep_stale=True)


def test_a_story_taken_down_stays_down_however_full_the_store_gets(
    client, page_cache, world, crowd_the_store, django_capture_on_commit_callbacks
):
    """The reproduction of issue 14: ten stories cached, then unpublished; then one client asks
    for made-up pages of every listing while the site's other pages fill the store, which
    drops entries to make room. No story comes back from the cache, at any point."""
    from articles.models import RelatedArticleChoice

    section, author = world["section"], world["author"]
    stories = [world["article"]] + [
        builders.make_article(section, authors=[author], title=f"Story {n}") for n in range(9)
    ]
    # Each story's related articles stay published: its page then shows nothing taken down but
    # itself, as a lone story's would.
    background = [
        builders.make_article(section, authors=[author], title=f"Background {n}") for n in range(4)
    ]
    for story in stories:
        for n, other in enumerate(background):
            RelatedArticleChoice.objects.create(page=story, article=other, sort_order=n)
    urls = [story.url for story in stories]
    warm(client, urls)
    with django_capture_on_commit_callbacks(execute=True):
        for story in stories:
            story.unpublish()

    def assert_taken_down():
        for url in urls:
            response = client.get(url)
            assert (response.status_code, response.get("X-Masthead-Cache")) == (404, None), url

    assert_taken_down()
    crowd_the_store()
    listings = listing_urls(world)[:4]
    for n in range(300):
        client.get(listings[n % len(listings)], {"page": f"junk{n}"})
        other_page(n)
        if n % 10 == 9:
            assert_taken_down()


@pytest.mark.parametrize("restricted", ["article", "section"])
def test_making_a_page_private_takes_it_off_every_public_page(
    client, page_cache, world, django_capture_on_commit_callbacks, restricted
):
    from wagtail.models import PageViewRestriction

    article = world["article"]
    warm(client, [article.url, *listing_urls(world)])
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=world[restricted], restriction_type=PageViewRestriction.LOGIN
        )

    response = client.get(article.url)
    assert response.status_code == 302 and "/login" in response["Location"]
    for url in listing_urls(world):
        if restricted == "section" and url == world["section"].url:
            continue  # the section page itself now asks for a login too
        assert "Old headline on the dam" not in text(client, url)[1], url

    # And back: lifting the restriction shows it everywhere again.
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    for url in [article.url, *listing_urls(world)]:
        assert "Old headline on the dam" in text(client, url)[1], url
