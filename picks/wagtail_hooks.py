from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from articles.models import TOP_STORIES_HOOK

from .models import TOP_STORIES, CuratedList
from .selectors import curated_articles


class CuratedListViewSet(SnippetViewSet):
    model = CuratedList
    icon = "list-ol"
    menu_label = "Curated lists"
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "slug"]


register_snippet(CuratedListViewSet)


@hooks.register(TOP_STORIES_HOOK)
def front_page_top_stories(*, request, limit):
    """The front page leads with the "Top stories" list."""
    return curated_articles(slug=TOP_STORIES, limit=limit, request=request)
