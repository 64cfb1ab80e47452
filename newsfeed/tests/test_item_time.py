"""A News Feed item's time ("5:04 PM") is the editor's to set and correct; empty, it is the
moment of publishing (editorial/publication_time.py). In the browser:
e2e/test_admin_published_time.py."""

import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.models import Revision

from editorial.services import scheduled_publish_due
from newsfeed.models import NewsFeedItem

ADD_URL = "/admin/snippets/live/newsfeeditem/add/"
KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")
FIELD_FORMAT = settings.WAGTAIL_DATETIME_FORMAT  # what the admin's date and time picker writes


@pytest.fixture(autouse=True)
def newsroom_time_zone(settings):
    settings.TIME_ZONE = "Europe/Kyiv"


def form(time, **fields):
    return {
        "headline": "Power cut in Old Town",
        "summary": "Crews expect to restore supply by 6 PM.",
        "article": "",
        "first_published_at": "" if time is None else time.astimezone(KYIV).strftime(FIELD_FORMAT),
        "action-publish": "action-publish",
        **fields,
    }


def at_minute(value):
    return timezone.localtime(value, KYIV).replace(second=0, microsecond=0)


def column_times(client):
    return [
        (item["headline"], item["time_display"])
        for item in client.get("/news-feed/updates.json").json()["items"]
    ]


def test_a_time_typed_is_the_time_readers_see(admin_client, client, publish):
    publish("Latest", summary="Just now.")
    earlier = at_minute(timezone.now() - datetime.timedelta(minutes=90))
    response = admin_client.post(ADD_URL, form(earlier))
    assert response.status_code == 302, response.content.decode()[:2000]
    item = NewsFeedItem.objects.get(headline="Power cut in Old Town")
    assert item.live and item.first_published_at == earlier
    client.logout()
    # In its place by time, below the newer item, as "5:04 PM".
    assert column_times(client)[1] == ("Power cut in Old Town", earlier.strftime("%-I:%M %p"))
    assert earlier.strftime("%-I:%M %p") in client.get(f"/news-feed/{item.pk}/").content.decode()


def test_an_empty_time_is_the_moment_of_publishing(admin_client):
    before = timezone.now()
    assert admin_client.post(ADD_URL, form(None)).status_code == 302
    item = NewsFeedItem.objects.get()
    assert before <= item.first_published_at <= timezone.now()


def test_a_published_items_time_is_corrected(admin_client, client):
    assert admin_client.post(ADD_URL, form(None)).status_code == 302
    item = NewsFeedItem.objects.get()
    edit = admin_client.get(f"/admin/snippets/live/newsfeeditem/edit/{item.pk}/").content.decode()
    assert timezone.localtime(item.first_published_at, KYIV).strftime(FIELD_FORMAT) in edit
    corrected = at_minute(item.first_published_at - datetime.timedelta(minutes=17))
    response = admin_client.post(
        f"/admin/snippets/live/newsfeeditem/edit/{item.pk}/", form(corrected)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.first_published_at == corrected and item.live and not item.has_unpublished_changes
    client.logout()
    assert column_times(client) == [("Power cut in Old Town", corrected.strftime("%-I:%M %p"))]


def test_a_future_time_schedules_the_item(admin_client, client):
    later = at_minute(timezone.now() + datetime.timedelta(hours=1))
    assert admin_client.post(ADD_URL, form(later)).status_code == 302
    item = NewsFeedItem.objects.get()
    assert not item.live
    client.logout()
    assert column_times(client) == []

    revision = Revision.objects.get(object_id=str(item.pk), approved_go_live_at=later)
    earlier = later - datetime.timedelta(hours=1, minutes=1)  # an hour has passed
    revision.approved_go_live_at = earlier
    revision.content["go_live_at"] = revision.content["first_published_at"] = earlier.isoformat()
    revision.save()
    assert scheduled_publish_due() == (1, 0)
    item.refresh_from_db()
    assert item.live and item.first_published_at == earlier
    assert column_times(client) == [("Power cut in Old Town", earlier.strftime("%-I:%M %p"))]
