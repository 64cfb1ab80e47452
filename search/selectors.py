from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from articles.models import ArticlePage
from articles.selectors import published_articles, with_access

if TYPE_CHECKING:
    from wagtail.search.backends.base import BaseSearchResults


def search_articles(*, terms: Sequence[str]) -> BaseSearchResults:
    """Published articles containing every one of ``terms``, best match first.

    Wagtail's search backends cannot filter on the subquery that ``published_articles()``
    uses, so the search runs over articles whose ids are in it: the same published rule, in
    the same SQL statement. Each comes with its section's default level (``with_access``), so
    its excerpt knows without a query how much of the body it may quote.
    """
    published = ArticlePage.objects.filter(pk__in=published_articles().values("pk"))
    return with_access(published).search(" ".join(terms), operator="and")
