from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from articles.models import ArticlePage

from . import artwork, views
from .models import LexiconEntry


@hooks.register("register_image_operations")
def podcast_image_operations():
    """The podcast's artwork as Apple requires it (``artwork.py``)."""
    return [("podcastart", artwork.ShowArtOperation), ("rgb", artwork.RGBOperation)]


@hooks.register("register_admin_urls")
def narration_admin_urls():
    urls = [
        path("", views.index, name="index"),
        path("guide/", views.guide, name="guide"),
        path("<int:article_id>/regenerate/", views.regenerate, name="regenerate"),
    ]
    return [path("narration/", include((urls, "narration_admin")))]


class NarrationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.VIEW)


@hooks.register("register_admin_menu_item")
def narration_menu_item():
    return NarrationMenuItem(
        "Narration", reverse("narration_admin:index"), icon_name="media", order=195
    )


@hooks.register("register_page_header_buttons")
def narration_header_button(page, user, view_name, next_url=None):
    """ "Narration" in an article's header menu: its status, error and "Regenerate"."""
    if not user.has_perm(views.VIEW):
        return
    if isinstance(page.specific_deferred, ArticlePage) or page.specific_class is ArticlePage:
        yield PageMenuItem(
            "Narration",
            f"{reverse('narration_admin:index')}?article={page.pk}",
            icon_name="media",
            priority=68,
            page=page,
        )


class LexiconEntryViewSet(SnippetViewSet):
    model = LexiconEntry
    icon = "openquote"
    menu_label = "Pronunciations"
    list_display = ["word", "say_as"]
    search_fields = ["word"]


register_snippet(LexiconEntryViewSet)
