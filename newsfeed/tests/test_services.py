import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from newsfeed.models import NewsFeedItem
from newsfeed.services import news_item_publish, news_item_unpublish


def test_publish_creates_a_live_item_with_a_revision_and_time(db, django_user_model):
    editor = django_user_model.objects.create_user("ed", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    item = news_item_publish(
        headline="Iron Bridge closed", summary="Traffic is diverted.", user=editor
    )
    assert item.live and item.first_published_at is not None
    assert item.live_revision is not None and item.live_revision.user == editor
    assert list(NewsFeedItem.objects.published()) == [item]


def test_publish_validates_before_saving(db):
    with pytest.raises(ValidationError):
        news_item_publish(headline="Too long", summary="x" * 601)
    with pytest.raises(ValidationError):
        news_item_publish(headline="", summary="No headline.")
    assert not NewsFeedItem.objects.exists()


def test_unpublish_takes_the_item_off_the_site(publish):
    item = publish("Roadworks end early")
    item = news_item_unpublish(item=item)
    assert not item.live
    assert not NewsFeedItem.objects.published().exists()


def test_drafts_are_not_published(db):
    NewsFeedItem.objects.create(headline="Draft", summary="Not yet.", live=False)
    assert not NewsFeedItem.objects.published().exists()


def test_every_change_moves_updated_at(publish):
    item = publish("Water cut on the Left Bank")
    first = item.updated_at
    revision = item.save_revision()
    edited = revision.as_object()
    edited.summary = "Water is back."
    edited.save_revision().publish()
    item.refresh_from_db()
    assert item.updated_at > first
    edited_at = item.updated_at
    news_item_unpublish(item=item)
    item.refresh_from_db()
    assert item.updated_at > edited_at


def test_a_user_without_publish_permission_cannot_publish(db, django_user_model):
    reader = django_user_model.objects.create_user("reader", password="pw")
    with pytest.raises(PermissionDenied):
        news_item_publish(headline="Not allowed", summary="Nope.", user=reader)
    assert not NewsFeedItem.objects.exists()  # the whole publish rolled back
