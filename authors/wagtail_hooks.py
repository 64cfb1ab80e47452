from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from editorial.create_once import SnippetCreateView

from .models import Author


class AuthorViewSet(SnippetViewSet):
    model = Author
    # One object per create form, however autosave and Publish interleave.
    add_view_class = SnippetCreateView
    icon = "user"
    menu_label = "Authors"
    add_to_admin_menu = True
    menu_order = 200
    list_display = ["name", "role", "slug"]
    search_fields = ["name"]


register_snippet(AuthorViewSet)
