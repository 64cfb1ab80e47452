from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.viewsets.pages import PageViewSet

from articles.models import ArticlePage

from .create_once import PageCreateView


class ArticlePageViewSet(PageViewSet):
    """Wagtail's page views for articles, but one article per create form (create_once.py)."""

    model = ArticlePage
    add_view_class = PageCreateView


@hooks.register("register_admin_viewset")
def register_article_page_viewset():
    return ArticlePageViewSet()


@hooks.register("insert_editor_js")
def error_summary_js():
    """Every editor (pages and snippets) lists a failed save's errors where the editor looks."""
    return format_html('<script src="{}" defer></script>', static("js/admin/error-summary.js"))


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
