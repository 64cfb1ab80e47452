import pytest

from newsfeed.models import NewsFeedItem
from newsfeed.services import news_item_publish


@pytest.fixture
def publish(db):
    """publish("Headline", at=datetime, ...): a published item, optionally back-dated."""

    def publish(headline, *, summary="One sentence of summary.", at=None, **fields):
        item = news_item_publish(headline=headline, summary=summary, **fields)
        if at is not None:
            NewsFeedItem.objects.filter(pk=item.pk).update(
                first_published_at=at, last_published_at=at
            )
            item.refresh_from_db()
        return item

    return publish
