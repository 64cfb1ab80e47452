from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.viewsets.pages import PageViewSet

from editorial.create_once import PageCreateView

from .models import ArticlePage


class ArticlePageViewSet(PageViewSet):
    """Wagtail's page views for articles, but one article per create form (create_once.py)."""

    model = ArticlePage
    add_view_class = PageCreateView


@hooks.register("register_admin_viewset")
def register_article_page_viewset():
    return ArticlePageViewSet()


@hooks.register("insert_editor_js")
def access_tiers_js():
    """The tiers checkboxes show only for "Specific tiers" (static/js/admin/access-tiers.js)."""
    return format_html('<script src="{}" defer></script>', static("js/admin/access-tiers.js"))
