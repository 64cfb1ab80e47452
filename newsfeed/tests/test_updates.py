"""/news-feed/updates.json: what open pages poll, built to sit behind a CDN."""

import datetime as dt

from newsfeed.models import NewsFeedItem
from newsfeed.selectors import COLUMN_SIZE
from newsfeed.services import news_item_unpublish
from testkit import builders

URL = "/news-feed/updates.json"


def get(client, **headers):
    return client.get(URL, headers=headers)


def test_lists_the_column_items_with_a_version(client, publish, section, author):
    article = builders.make_article(section, authors=[author], title="Night trains resume")
    item = publish(
        "Trains back on the Left Bank",
        summary="The first night train left at 23:10.",
        article=article,
        is_breaking=True,
        at=dt.datetime(2024, 10, 15, 14, 4, tzinfo=dt.UTC),
    )
    data = get(client).json()
    assert data["version"]
    (entry,) = data["items"]
    assert entry | {"version": None, "html": None} == {
        "id": item.pk,
        "version": None,
        "time": "2024-10-15T17:04:00+03:00",
        "time_display": "5:04 PM",
        "headline": "Trains back on the Left Bank",
        "summary": "The first night train left at 23:10.",
        "url": f"/news-feed/{item.pk}/",
        "article_url": article.url,
        "breaking": True,
        "pinned": False,
        "html": None,
    }
    assert entry["html"].startswith('<li class="news-feed__item news-feed__item--breaking"')
    assert f'data-item-id="{item.pk}"' in entry["html"]


def test_pinned_first_then_newest_and_bounded(client, publish):
    base = dt.datetime(2024, 10, 15, 9, 0, tzinfo=dt.UTC)
    pinned = publish("Pinned", is_pinned=True, at=base)
    for i in range(COLUMN_SIZE + 2):
        publish(f"Update {i}", at=base + dt.timedelta(minutes=i + 1))
    headlines = [entry["headline"] for entry in get(client).json()["items"]]
    assert len(headlines) == COLUMN_SIZE
    assert headlines[:3] == [pinned.headline, f"Update {COLUMN_SIZE + 1}", f"Update {COLUMN_SIZE}"]


def test_headers_for_a_cdn_and_no_cookie(client, publish):
    publish("Storm warning")
    response = get(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "public, max-age=5"
    assert response["CDN-Cache-Control"] == "max-age=5, stale-while-revalidate=10"
    assert response["ETag"] == f'"{response.json()["version"]}"'
    assert not response.cookies and "Set-Cookie" not in str(response.headers)
    # Nothing per reader: one cached copy serves everyone (gzipped or not, as caches do).
    assert response.get("Vary", "Accept-Encoding") == "Accept-Encoding"


def test_if_none_match_gets_304_with_the_same_headers(client, publish, django_assert_num_queries):
    publish("Storm warning")
    etag = get(client)["ETag"]
    with django_assert_num_queries(1):
        response = get(client, if_none_match=etag)
    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=5"
    assert not response.cookies
    assert get(client, if_none_match='"stale"').status_code == 200


def test_publish_edit_unpublish_and_article_unpublish_change_the_etag(
    client, publish, section, author
):
    article = builders.make_article(section, authors=[author])
    item = publish("First", article=article)
    etags = [get(client)["ETag"]]

    publish("Second")
    etags.append(get(client)["ETag"])

    edited = item.save_revision().as_object()
    edited.summary = "Corrected."
    edited.save_revision().publish()
    etags.append(get(client)["ETag"])

    article.unpublish()  # the item's link disappears
    etags.append(get(client)["ETag"])

    news_item_unpublish(item=NewsFeedItem.objects.get(pk=item.pk))
    etags.append(get(client)["ETag"])

    assert len(set(etags)) == len(etags)
    assert [e["headline"] for e in get(client).json()["items"]] == ["Second"]


def test_unchanged_feed_keeps_its_etag(client, publish):
    publish("Quiet")
    assert get(client)["ETag"] == get(client)["ETag"]


def test_a_draft_does_not_change_what_readers_see(client, publish):
    item = publish("Published text")
    etag = get(client)["ETag"]
    draft = item.save_revision().as_object()
    draft.headline = "Unpublished edit"
    draft.save_revision()  # saved as a draft, not published
    response = get(client)
    assert response["ETag"] == etag and "Unpublished edit" not in response.content.decode()


def test_only_get_and_head(client, db):
    assert client.head(URL).status_code == 200
    assert client.post(URL).status_code == 405


def test_empty_feed(client, db):
    assert get(client).json()["items"] == []
