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
