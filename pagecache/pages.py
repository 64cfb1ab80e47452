"""Wagtail pages that every reader sees the same: public, cached, refreshed when they change."""

from wagtail.models import PageViewRestriction

from . import memo, tags
from .headers import public


class PublicPageMixin:
    """Serve the page as public (headers.py) and note that it shows the site and itself.

    Wagtail has already refused readers who may not see a restricted page before ``serve``;
    those who may have a session, so their copy is private. Previews are never public.
    """

    def serve(self, request, *args, **kwargs):
        tags.depends_on(request, tags.SITE, tags.page(self.pk))
        return public(super().serve(request, *args, **kwargs))

    def get_view_restrictions(self):
        """Wagtail's, without its two queries while no page at all is private."""
        if not memo.any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
