"""The audio of an article for members: never in public media, never in the public podcast,
heard through a view that asks whether the reader may read the article."""

import io

import podcastparser
import pytest
from django.core.files.storage import default_storage
from wagtail import hooks

from articles.access import READER_HOOK, Access, Reader
from narration.models import Narration
from narration.tests.test_audio_visibility import fetch, public_files_with
from narration.tests.test_narration import body, republish
from testkit import builders

pytestmark = pytest.mark.django_db

FREE = Reader(kind="free", member_id=1)
PAID = Reader(kind="paid", member_id=2)
GATED = "Only members hear that the dam has cracks."


@pytest.fixture
def media_served(settings):
    settings.ROOT_URLCONF = "narration.tests.media_urls"


@pytest.fixture
def public_narrated(
    narration_on, media_served, section, author, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        return builders.make_article(
            section, authors=[author], title="Dam report", body=body("The water rose.", GATED)
        )


def podcast_titles(client):
    response = client.get("/podcast.xml")
    assert response.status_code == 200
    return [
        episode["title"]
        for episode in podcastparser.parse("/podcast.xml", io.BytesIO(response.content))["episodes"]
    ]


def members_url(article):
    return f"/podcast/{article.pk}/audio.mp3"


def test_giving_an_article_to_paying_members_takes_its_audio_out_of_public_reach(
    client, public_narrated, django_capture_on_commit_callbacks
):
    narration = Narration.objects.get(article=public_narrated)
    old_url, old_name = narration.audio.url, narration.audio.name
    content = fetch(client, old_url)[1]
    assert podcast_titles(client) == ["Dam report"]

    republish(public_narrated, django_capture_on_commit_callbacks, access=Access.PAID)
    narration.refresh_from_db()
    assert narration.audio.name == "" and narration.withheld_audio
    assert fetch(client, old_url)[0] == 404 and not default_storage.exists(old_name)
    assert public_files_with(content) == []
    assert podcast_titles(client) == []
    assert client.get(f"/podcast/{public_narrated.pk}/transcript.txt").status_code == 404

    # Anonymous and free readers: a 403 and no player, only a note; paying members hear it.
    assert fetch(client, members_url(public_narrated))[0] == 403
    page = client.get(public_narrated.url).content.decode()
    assert "Members can listen to this article." in page and "audio.mp3" not in page
    with hooks.register_temporarily(READER_HOOK, lambda request: FREE):
        assert fetch(client, members_url(public_narrated))[0] == 403
    with hooks.register_temporarily(READER_HOOK, lambda request: PAID):
        response = client.get(members_url(public_narrated))
        assert response.status_code == 200 and response["Content-Type"] == "audio/mpeg"
        assert b"".join(response.streaming_content) == content
        assert response["Cache-Control"] == "private, no-store"
        ranged = client.get(members_url(public_narrated), HTTP_RANGE="bytes=0-99")
        assert ranged.status_code == 206 and b"".join(ranged.streaming_content) == content[:100]
        page = client.get(public_narrated.url).content.decode()
        assert f'src="{members_url(public_narrated)}"' in page

    # Public again: back in public media under a new name, and in the podcast.
    republish(public_narrated, django_capture_on_commit_callbacks, access=Access.PUBLIC)
    narration.refresh_from_db()
    assert narration.audio.name and narration.audio.url != old_url
    assert podcast_titles(client) == ["Dam report"]
    assert fetch(client, members_url(public_narrated))[0] == 404


def test_a_section_for_members_takes_the_audio_of_the_articles_that_follow_it(
    client, public_narrated, django_capture_on_commit_callbacks
):
    section = public_narrated.get_parent().specific
    section.default_access = Access.MEMBERS
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision().publish()
    assert Narration.objects.get(article=public_narrated).audio.name == ""
    assert podcast_titles(client) == []
    assert fetch(client, members_url(public_narrated))[0] == 403
    with hooks.register_temporarily(READER_HOOK, lambda request: FREE):
        assert fetch(client, members_url(public_narrated))[0] == 200


def test_no_members_audio_for_unknown_unpublished_or_unnarrated_articles(
    client, narration_on, section, author
):
    draft = builders.make_article(section, authors=[author], publish=False)
    for article_id in (draft.pk, 999999, 2**63):
        assert client.get(f"/podcast/{article_id}/audio.mp3").status_code == 404
