from django.db.models import Q
from django.utils import timezone

from articles.selectors import card_queryset, published_articles
from pagecache import depends_on, expires_by

from . import cache
from .models import CuratedItem


def curated_articles(*, slug, limit=None, now=None, request=None):
    """The live, unexpired articles of a curated list, in the editors' order (two queries).

    With ``request``, the page being rendered is noted to show the list (page cache), and not
    to be kept past the next expiry of one of its items.
    """
    now = now or timezone.now()
    items = list(
        CuratedItem.objects.filter(curated_list__slug=slug)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .order_by("sort_order", "pk")
        .values_list("article_id", "expires_at")
    )
    depends_on(request, cache.curated_list(slug))
    expiries = [expires_at for _, expires_at in items if expires_at is not None]
    expires_by(request, min(expiries, default=None))
    article_ids = list(dict.fromkeys(pk for pk, _ in items))  # an article listed twice shows once
    articles = card_queryset(published_articles().filter(pk__in=article_ids)).in_bulk()
    chosen = [articles[pk] for pk in article_ids if pk in articles]
    return chosen[:limit] if limit else chosen
