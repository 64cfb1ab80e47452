from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CuratedList


class CuratedListViewSet(SnippetViewSet):
    model = CuratedList
    icon = "list-ol"
    menu_label = "Curated lists"
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "slug"]


register_snippet(CuratedListViewSet)
