from django.db.models import Q
from django.utils import timezone

from articles.selectors import card_queryset, published_articles

from .models import CuratedItem


def curated_articles(*, slug, limit=None, now=None):
    """The live, unexpired articles of a curated list, in the editors' order (two queries)."""
    now = now or timezone.now()
    items = (
        CuratedItem.objects.filter(curated_list__slug=slug)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .order_by("sort_order", "pk")
        .values_list("article_id", flat=True)
    )
    article_ids = list(dict.fromkeys(items))  # an article listed twice shows once
    articles = card_queryset(published_articles().filter(pk__in=article_ids)).in_bulk()
    chosen = [articles[pk] for pk in article_ids if pk in articles]
    return chosen[:limit] if limit else chosen
