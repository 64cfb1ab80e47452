from django.conf import settings
from django.shortcuts import render

from articles.selectors import attach_sections
from core.pagination import paginate
from pagecache import public

from .excerpts import excerpt
from .query import MAX_QUERY_LENGTH, clean_query, query_terms
from .selectors import search_articles


def search(request):
    query = clean_query(request.GET.get("q", ""))
    terms = query_terms(query)
    results = None
    if terms:
        results = paginate(
            request, search_articles(terms=terms), per_page=settings.MASTHEAD_PAGE_SIZE
        )
        results.object_list = attach_sections(results.object_list)
        for article in results.object_list:
            article.excerpt = excerpt(article=article, terms=terms)
    # Public for browsers and the CDN, briefly; Masthead's own cache keeps no search pages.
    return public(
        render(
            request,
            "pages/search.html",
            {"query": query, "results": results, "max_query_length": MAX_QUERY_LENGTH},
        ),
        max_age=60,
        s_maxage=60,
    )
