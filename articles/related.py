"""Related articles shown at the end of an article.

Editors may choose related articles per article (the "Related articles" panel); their choices
come first, in their order. The remaining places are filled automatically from the newest
published articles, scored by

- shared tags (the strongest signal: 3 points each),
- the same section (1 point),
- similar wording of headline and standfirst (up to 4 points: Jaccard overlap of content words),
- nearness in time to the article (up to 1 point, halving every 30 days apart),

never the article itself nor one its body already teases. Everything is read in a fixed number
of queries: light rows of the newest ``CANDIDATES`` articles and their tag ids for scoring, then
full cards (images, bylines) for the winners only.
"""

import re

from .selectors import card_queryset, published_articles, teased_article_ids

CANDIDATES = 200
TAG_WEIGHT, SECTION_WEIGHT, TEXT_WEIGHT, TIME_WEIGHT = 3.0, 1.0, 4.0, 1.0
TIME_HALF_LIFE_DAYS = 30

_WORD = re.compile(r"[^\W\d_]{4,}")
_STOPWORDS = frozenset(
    """
    about after again also amid among been before being between could during from have into
    more most much over said says some than that their them then there these they this those
    under until were what when where which while will with would year years
    """.split()  # noqa: SIM905 - a word list reads better as text
)


def keywords(text):
    return {word for word in _WORD.findall(text.lower()) if word not in _STOPWORDS}


def related_articles(article, *, tags=None, limit=4):
    from .models import ArticleTag  # models imports this module

    excluded = {article.pk, *teased_article_ids(article)}
    chosen_ids = [
        choice.article_id
        for choice in article.related_choices.all()
        if choice.article_id not in excluded
    ]
    chosen_ids = list(dict.fromkeys(chosen_ids))
    related = []
    if chosen_ids:
        chosen = card_queryset(published_articles().filter(pk__in=chosen_ids)).in_bulk()
        related = [chosen[pk] for pk in chosen_ids if pk in chosen][:limit]
    if len(related) >= limit:
        return related

    # Score on light rows (no bodies, images or bylines), then load only the winners as cards.
    candidates = list(
        published_articles()
        .exclude(pk__in=excluded | set(chosen_ids))
        .order_by("-first_published_at", "-pk")
        .values("pk", "path", "title", "standfirst", "first_published_at")[:CANDIDATES]
    )
    tags_of = {}
    for page_id, tag_id in ArticleTag.objects.filter(
        content_object_id__in=[c["pk"] for c in candidates]
    ).values_list("content_object_id", "tag_id"):
        tags_of.setdefault(page_id, set()).add(tag_id)
    own_tags = {tag.pk for tag in (article.tags.all() if tags is None else tags)}
    own_words = keywords(f"{article.title} {article.standfirst}")
    section_path = article.path[: -article.steplen]

    def score(candidate):
        shared_tags = len(own_tags & tags_of.get(candidate["pk"], set()))
        words = keywords(f"{candidate['title']} {candidate['standfirst']}")
        overlap = len(own_words & words) / len(own_words | words) if own_words | words else 0.0
        days_apart = abs((candidate["first_published_at"] - article.first_published_at).days)
        return (
            TAG_WEIGHT * shared_tags
            + SECTION_WEIGHT * (candidate["path"][: -article.steplen] == section_path)
            + TEXT_WEIGHT * overlap
            + TIME_WEIGHT * 0.5 ** (days_apart / TIME_HALF_LIFE_DAYS)
        )

    ranked = sorted(
        candidates, key=lambda c: (score(c), c["first_published_at"], c["pk"]), reverse=True
    )
    winners = [c["pk"] for c in ranked[: limit - len(related)]]
    cards = card_queryset(published_articles().filter(pk__in=winners)).in_bulk()
    return related + [cards[pk] for pk in winners if pk in cards]
