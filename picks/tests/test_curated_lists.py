import datetime as dt

import pytest
from django.utils import timezone

from picks.models import EDITORS_PICKS, CuratedItem, CuratedList
from picks.selectors import curated_articles
from testkit import builders


@pytest.fixture
def stories(section, author):
    return [builders.make_article(section, authors=[author], title=f"Story {i}") for i in range(4)]


def curate(slug, *entries):
    curated = CuratedList.objects.get(slug=slug)
    for order, (article, expires_at) in enumerate(entries):
        CuratedItem.objects.create(
            curated_list=curated, article=article, sort_order=order, expires_at=expires_at
        )


def test_both_lists_exist_after_migrating(db):
    assert set(CuratedList.objects.values_list("slug", flat=True)) >= {
        "top-stories",
        "editors-picks",
    }


def test_picks_keep_the_editors_order(stories):
    curate(EDITORS_PICKS, (stories[2], None), (stories[0], None), (stories[3], None))
    assert curated_articles(slug=EDITORS_PICKS) == [stories[2], stories[0], stories[3]]


def test_expired_and_unpublished_picks_drop_out(stories):
    now = timezone.now()
    curate(
        EDITORS_PICKS,
        (stories[0], now - dt.timedelta(minutes=1)),
        (stories[1], now + dt.timedelta(hours=1)),
        (stories[2], None),
    )
    stories[2].unpublish()
    assert curated_articles(slug=EDITORS_PICKS) == [stories[1]]
    later = now + dt.timedelta(hours=2)
    assert curated_articles(slug=EDITORS_PICKS, now=later) == []


def test_limit_and_duplicates(stories):
    curate(EDITORS_PICKS, (stories[1], None), (stories[1], None), (stories[0], None))
    assert curated_articles(slug=EDITORS_PICKS) == [stories[1], stories[0]]
    assert curated_articles(slug=EDITORS_PICKS, limit=1) == [stories[1]]


def test_editor_can_edit_a_list_in_the_admin(admin_client, stories):
    curated = CuratedList.objects.get(slug=EDITORS_PICKS)
    response = admin_client.get(f"/admin/snippets/picks/curatedlist/edit/{curated.pk}/")
    assert response.status_code == 200
    assert "Articles, in order" in response.content.decode()
