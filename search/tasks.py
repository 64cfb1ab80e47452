from django_tasks import task
from wagtail.search.backends import get_search_backends

from articles.models import ArticlePage


@task()
def author_articles_reindex(author_id):
    """Re-index every article crediting an author, so their current name finds them.

    Reads the articles afresh, so running it twice or late does no harm.
    """
    articles = list(
        ArticlePage.objects.filter(article_authors__author_id=author_id)
        .distinct()
        .prefetch_related("article_authors__author", "tags")
    )
    if articles:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(ArticlePage, articles)
