from django.utils.functional import SimpleLazyObject

from .absolute_urls import absolute_url


def newsroom(request):
    """The newsroom's identity and its section navigation, loaded only if a template uses them."""
    from articles.selectors import nav_sections

    from .models import NewsroomSettings

    return {
        "newsroom": SimpleLazyObject(lambda: NewsroomSettings.load(request_or_site=request)),
        "nav_sections": SimpleLazyObject(lambda: nav_sections(request=request)),
        # The path on the site's own root, whatever host the request named; Wagtail pages
        # override it with their own URL.
        "canonical_url": SimpleLazyObject(lambda: absolute_url(request, request.path)),
    }
