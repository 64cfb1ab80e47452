"""A paying member's private podcast feed, as a podcast app reads it: no cookie, the secret in
the address, every episode the member may hear, and audio that follows their access."""

import io
from urllib.parse import urlsplit

import feedparser
import podcastparser
import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from articles.access import Access
from members import services
from members.models import Member, PodcastFeed
from members.podcast import MISSES_PER_HOUR
from narration.tests.conftest import narration_on, tiny_voice  # noqa: F401 (fixtures)
from narration.tests.test_audio_visibility import fetch
from narration.tests.test_narration import body, republish
from testkit import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def episodes(narration_on, settings, section, author, django_capture_on_commit_callbacks):  # noqa: F811
    """A public narrated article and one for paying members (its audio in private storage)."""
    settings.ROOT_URLCONF = "narration.tests.media_urls"  # /media/ served, as nginx does
    made = {}
    for title in ("Public dam report", "Paid dam report"):
        with django_capture_on_commit_callbacks(execute=True):
            made[title] = builders.make_article(
                section, authors=[author], title=title, body=body("The water rose.")
            )
    republish(made["Paid dam report"], django_capture_on_commit_callbacks, access=Access.PAID)
    return made


@pytest.fixture
def paying(signed_in, member):
    Member.objects.filter(pk=member.pk).update(status=Member.Status.COMPED)
    return signed_in


def feed_url(account_client):
    """The private feed's address as the account page shows it (a path on the test server)."""
    page = account_client.get("/account/").content.decode()
    start = page.index('id="account-podcast-url"')
    value = page[page.index('value="', start) + 7 :]
    return urlsplit(value[: value.index('"')]).path


def parsed(app, url):
    response = app.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"
    assert "Last-Modified" not in response
    return podcastparser.parse(url, io.BytesIO(response.content)), response.content


def enclosures(feed):
    return {episode["title"]: episode["enclosures"][0]["url"] for episode in feed["episodes"]}


def test_a_paying_member_subscribes_and_hears_every_episode_they_may_read(paying, episodes):
    url = feed_url(paying)
    app = Client()  # a podcast app: no cookie
    feed, content = parsed(app, url)
    audio = enclosures(feed)
    assert set(audio) == {"Public dam report", "Paid dam report"}
    assert "/media/" in audio["Public dam report"]
    paid_audio = urlsplit(audio["Paid dam report"]).path
    assert paid_audio.startswith("/podcast/private/") and paid_audio.endswith(".mp3")

    status, sound = fetch(app, paid_audio)
    assert status == 200 and sound.startswith((b"ID3", b"\xff"))
    ranged = app.get(paid_audio, HTTP_RANGE="bytes=0-99")
    assert ranged.status_code == 206 and b"".join(ranged.streaming_content) == sound[:100]
    assert ranged["Cache-Control"] == "private, no-store" and ranged["X-Robots-Tag"] == "noindex"

    # Any feed reader agrees, and directories are asked not to list it.
    other = feedparser.parse(content)
    assert not other.bozo and len(other.entries) == 2
    assert b"<itunes:block>Yes</itunes:block>" in content and b"podcast:guid" not in content
    # The public feed still lists the public episode alone.
    public = podcastparser.parse("/podcast.xml", io.BytesIO(app.get("/podcast.xml").content))
    assert [episode["title"] for episode in public["episodes"]] == ["Public dam report"]


def test_the_address_stays_the_same_until_reset_which_revokes_it_at_once(paying, episodes):
    first = feed_url(paying)
    assert feed_url(paying) == first
    app = Client()
    paid_audio = urlsplit(enclosures(parsed(app, first)[0])["Paid dam report"]).path

    response = paying.post("/account/", {"action": "podcast_reset"})
    assert response.status_code == 303
    assert "new address" in paying.get("/account/").content.decode()
    second = feed_url(paying)
    assert second != first
    assert app.get(first).status_code == 404
    assert app.get(paid_audio).status_code == 404
    assert len(parsed(app, second)[0]["episodes"]) == 2


def test_a_member_who_stops_paying_keeps_a_feed_of_public_episodes(paying, member, episodes):
    url = feed_url(paying)
    app = Client()
    paid_audio = urlsplit(enclosures(parsed(app, url)[0])["Paid dam report"]).path
    Member.objects.filter(pk=member.pk).update(status=Member.Status.FREE)
    assert set(enclosures(parsed(app, url)[0])) == {"Public dam report"}
    assert app.get(paid_audio).status_code == 403
    # And their account page offers no feed, nor a reset.
    page = paying.get("/account/").content.decode()
    assert "account-podcast-url" not in page
    assert paying.post("/account/", {"action": "podcast_reset"}).status_code == 200
    assert PodcastFeed.objects.get(member=member).lookup in url


def test_a_free_member_has_no_feed(signed_in, member):
    assert "account-podcast-url" not in signed_in.get("/account/").content.decode()
    with pytest.raises(ValidationError):
        services.podcast_feed_ensure(member=member)
    assert not PodcastFeed.objects.exists()


def test_unknown_or_forged_addresses_are_404_and_guessing_is_rate_limited(paying, episodes):
    url = feed_url(paying)
    lookup = url.split("/")[3].split(".")[0]
    app = Client()
    forged = [
        "/podcast/private/nothing/feed.xml",
        f"/podcast/private/{lookup}.forged/feed.xml",
        f"/podcast/private/{lookup}/feed.xml",
        f"/podcast/private/{lookup}.x/{episodes['Paid dam report'].pk}.mp3",
    ]
    for address in forged:
        response = app.get(address)
        assert response.status_code == 404
        assert response["Cache-Control"] == "private, no-store"
    for _ in range(MISSES_PER_HOUR - len(forged)):
        assert app.get(forged[0]).status_code == 404
    assert app.get(forged[0]).status_code == 429
    # The member's own feed still answers (podcast apps poll many feeds from one address).
    assert app.get(url).status_code == 200


def test_a_key_rotation_keeps_the_old_address_working(paying, settings, episodes):
    old = feed_url(paying)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-for-this-test-" + "x" * 30
    new = feed_url(paying)
    assert new != old
    app = Client()
    assert app.get(old).status_code == 200 and app.get(new).status_code == 200
    settings.SECRET_KEY_FALLBACKS = []
    assert app.get(old).status_code == 404
