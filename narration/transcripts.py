"""An episode's transcript (``/podcast/<article id>/transcript.txt``): the words its audio
reads, as plain text, for ``podcast:transcript`` in the podcast feed.

The text is the article as written (headline, standfirst, byline, then the body's paragraphs,
subheadings and quotes: ``text.article_paragraphs``), not as the voice was told to say it
(pronunciation respellings, numbers in words), which is for the synthesiser's ears only. It
answers exactly while the episode is in the feed (``selectors.episodes``: the article published
and public, its public audio saying its current text), and is a 404 otherwise; whatever ends
that refreshes the page cache and the CDN for this URL too (``services._refresh_pages``).
"""

from django.http import Http404, HttpResponse

from pagecache import depends_on, public
from pagecache import tags as cache_tags

from . import cache
from .selectors import episodes
from .text import article_paragraphs

# The largest primary key the databases hold: a longer number is no article (and SQLite
# would fail to compare it).
MAX_ID = 2**63 - 1


def transcript_text(article):
    return "\n\n".join(article_paragraphs(article)) + "\n"


def transcript(request, article_id):
    depends_on(request, cache_tags.page(article_id), cache.PODCAST)
    article = episodes().filter(pk=article_id).first() if article_id <= MAX_ID else None
    if article is None:
        raise Http404("No such episode")
    response = HttpResponse(transcript_text(article), content_type="text/plain; charset=utf-8")
    return public(response)
