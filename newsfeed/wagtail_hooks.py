from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, DateColumn, LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from editorial.create_once import SnippetCreateView

from .models import NewsFeedItem


class NewsFeedItemViewSet(SnippetViewSet):
    model = NewsFeedItem
    # One object per create form, however autosave and Publish interleave.
    add_view_class = SnippetCreateView
    icon = "time"
    menu_label = "News Feed"
    add_to_admin_menu = True
    menu_order = 190
    list_display = [
        "headline",
        DateColumn("first_published_at", label="Time", sort_key="first_published_at"),
        LiveStatusTagColumn(),
        BooleanColumn("is_breaking", label="Breaking"),
        BooleanColumn("is_pinned", label="Pinned"),
    ]
    list_filter = ["live", "is_breaking", "is_pinned"]
    search_fields = ["headline", "summary"]


register_snippet(NewsFeedItemViewSet)


@hooks.register("construct_snippet_action_menu")
def publish_is_the_main_button(menu_items, request, context):
    """News Feed items go out in seconds: "Publish" is the main button, "Save draft" the menu."""
    if context.get("model") is NewsFeedItem:
        menu_items.sort(key=lambda item: item.name != "action-publish")
