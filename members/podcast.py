"""A paying member's private podcast feed (``/podcast/private/<token>/feed.xml``) and the
audio of its members' episodes (``/podcast/private/<token>/<article id>.mp3``).

Podcast apps send no cookie, so the address itself says whose feed it is: ``token`` is the
feed's lookup and its HMAC (``selectors.podcast_feed_token``). Every request reads the member's
reader afresh (``selectors.member_reader``), so the feed and its audio follow the membership:
a member whose paid access ended still gets a valid feed, with the public episodes only, and
a 403 for members' audio. A valid feed rather than an error, because podcast apps keep a feed
that answers (so rejoining brings the episodes back without subscribing again), while a 403 or
410 shows an error or drops the show, and the apps that poll from servers keep polling anyway.

An unknown or reset token is a 404; one client's misses are rate-limited (``core.ratelimit``),
then answered 429, while feeds that exist keep answering (apps poll many feeds from one
server address). The answers are never stored nor indexed (``narration.feeds.private_response``).
"""

from django.http import HttpResponse, HttpResponseNotFound
from django.urls import reverse
from django.views.decorators.http import require_safe

from core import ratelimit
from core.client_ip import client_ip
from narration.audio import episode_audio
from narration.feeds import PrivatePodcastFeed, private_response

from .selectors import member_reader, podcast_feed_for_token

MISS_SCOPE = "members.podcast_feed_miss"
MISSES_PER_HOUR = 30

private_feed = PrivatePodcastFeed()


def _miss(request):
    allowed = ratelimit.attempt_allowed(
        scope=MISS_SCOPE, key=client_ip(request) or "", limit=MISSES_PER_HOUR
    )
    if allowed:
        response = HttpResponseNotFound("No such feed.", content_type="text/plain")
    else:
        response = HttpResponse("Too many requests.", status=429, content_type="text/plain")
        response["Retry-After"] = "3600"
    return private_response(response)


@require_safe
def feed(request, token):
    found = podcast_feed_for_token(token)
    if found is None:
        return _miss(request)

    def members_audio_path(article):
        return reverse("members_podcast:audio", kwargs={"token": token, "article_id": article.pk})

    return private_feed(
        request, reader=member_reader(found.member), members_audio_path=members_audio_path
    )


@require_safe
def audio(request, token, article_id):
    found = podcast_feed_for_token(token)
    if found is None:
        return _miss(request)
    response = episode_audio(request, article_id=article_id, reader=member_reader(found.member))
    return private_response(response)
