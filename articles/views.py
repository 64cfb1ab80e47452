from django.conf import settings
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from core.pagination import paginate
from pagecache import depends_on, public
from pagecache import tags as cache_tags

from . import cache
from .selectors import article_list, attach_sections, published_corrections


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page = paginate(request, article_list(tag=tag), per_page=settings.MASTHEAD_PAGE_SIZE)
    page.object_list = attach_sections(page.object_list)
    depends_on(request, cache_tags.SITE, cache.tag(tag.pk), *cache_tags.pages(page.object_list))
    return public(render(request, "pages/tag.html", {"tag": tag, "articles": page}))


def corrections(request):
    """Every correction the newsroom has made, newest first, each linked to its article."""
    page = paginate(request, published_corrections(), per_page=settings.MASTHEAD_PAGE_SIZE)
    articles = [correction.page for correction in page.object_list]
    # Any article published (a new correction is published with its article) or its headline.
    depends_on(request, cache_tags.SITE, cache.ARTICLES, *cache_tags.pages(articles))
    return public(render(request, "pages/corrections.html", {"corrections": page}))
