from django.conf import settings
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from core.pagecache import depends_on, public
from core.pagecache import tags as cache_tags
from core.pagination import paginate

from .selectors import article_list, attach_sections


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page = paginate(request, article_list(tag=tag), per_page=settings.MASTHEAD_PAGE_SIZE)
    page.object_list = attach_sections(page.object_list)
    depends_on(
        request, cache_tags.SITE, cache_tags.tag(tag.pk), *cache_tags.pages(page.object_list)
    )
    return public(render(request, "pages/tag.html", {"tag": tag, "articles": page}))
