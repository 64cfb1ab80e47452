from django.utils.functional import SimpleLazyObject

from .absolute_urls import absolute_url
from .models import NewsroomSettings


def newsroom(request):
    """The newsroom's identity and the page's canonical URL, loaded only if a template uses them.

    The section navigation is the articles' (``articles.context_processors.navigation``)."""
    return {
        "newsroom": SimpleLazyObject(lambda: NewsroomSettings.load(request_or_site=request)),
        # The path on the site's own root, whatever host the request named; Wagtail pages
        # override it with their own URL.
        "canonical_url": SimpleLazyObject(lambda: absolute_url(request, request.path)),
    }
