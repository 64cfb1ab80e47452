from django.utils.functional import SimpleLazyObject


def newsroom(request):
    """The newsroom's identity and its section navigation, loaded only if a template uses them."""
    from articles.selectors import nav_sections

    from .models import NewsroomSettings

    return {
        "newsroom": SimpleLazyObject(lambda: NewsroomSettings.load(request_or_site=request)),
        "nav_sections": SimpleLazyObject(lambda: nav_sections(request=request)),
        # Pages with a better canonical (Wagtail pages: the site's own host) override this.
        "canonical_url": SimpleLazyObject(lambda: request.build_absolute_uri(request.path)),
    }
