"""The audio of an article for members (``/podcast/<article id>/audio.mp3``), heard only by
readers who may read the article.

Its file waits in private storage (``services.private_storage``, served by no web server) like
the audio of an unpublished article, so no public URL of it exists to guess or to share. This
view answers while the article is published, public but for members (``Access``, its own or
its section's), and its audio says its current text: 200 with the MP3 for a reader who may
read it (``articles.access``), 403 for any other, 404 when there is no such audio. The answer
is never public, so neither Masthead's page cache nor a CDN keeps it. Byte ranges are
answered as ``/media/`` answers them (``core/media.py``), so players and podcast apps can seek.

``episode_audio`` is the same answer for a reader found some other way than the request's
session: a member's private podcast feed (``members``) names its reader by the token in its URL.
"""

from django.http import FileResponse, Http404, HttpResponseForbidden

from articles.access import Access, reader_for
from core import media

from .selectors import members_episode
from .services import private_storage
from .transcripts import MAX_ID


def episode_audio(request, *, article_id, reader):
    """The members' audio of article ``article_id`` for ``reader`` (200/206, 403 or 404)."""
    article = members_episode(article_id=article_id) if article_id <= MAX_ID else None
    if article is None or article.effective_access() == Access.PUBLIC:
        raise Http404("No such audio")
    if not article.readable_by(reader):
        return HttpResponseForbidden("This audio is for members.", content_type="text/plain")
    storage, name = private_storage(), article.narration.withheld_audio
    try:
        storage.path(name)
    except NotImplementedError:  # not a folder (a private bucket): the whole file
        return FileResponse(storage.open(name), content_type="audio/mpeg")
    return media.serve(request, name, document_root=storage.location)


def members_audio(request, article_id):
    return episode_audio(request, article_id=article_id, reader=reader_for(request))
