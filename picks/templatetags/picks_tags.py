from django import template

from pagecache import depends_on
from pagecache import tags as cache_tags

from ..models import EDITORS_PICKS
from ..selectors import curated_articles

register = template.Library()


@register.inclusion_tag("components/editors_picks.html", takes_context=True)
def editors_picks(context, *, limit, exclude=None):
    """Editors' Picks, at most ``limit`` of them, without ``exclude`` (the article beside them)."""
    request = context.get("request")
    picks = curated_articles(
        slug=EDITORS_PICKS, limit=limit + 1 if exclude else limit, request=request
    )
    picks = [pick for pick in picks if exclude is None or pick.pk != exclude.pk][:limit]
    depends_on(request, *cache_tags.pages(picks))
    return {"request": request, "picks": picks}
