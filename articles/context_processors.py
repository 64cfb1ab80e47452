from django.utils.functional import SimpleLazyObject

from .selectors import nav_sections


def navigation(request):
    """The sections every page's header links to, read only if a template uses them."""
    return {"nav_sections": SimpleLazyObject(lambda: nav_sections(request=request))}
