from django.conf import settings
from django.shortcuts import get_object_or_404, render

from articles.selectors import article_list_for_author, attach_sections
from core import seo
from core.models import NewsroomSettings
from core.pagination import paginate
from pagecache import depends_on, public
from pagecache import tags as cache_tags

from . import cache
from .models import Author


def author_detail(request, slug):
    author = get_object_or_404(Author.objects.published().select_related("photo"), slug=slug)
    page = paginate(
        request, article_list_for_author(author=author), per_page=settings.MASTHEAD_PAGE_SIZE
    )
    page.object_list = attach_sections(page.object_list)
    depends_on(
        request, cache_tags.SITE, cache.author(author.pk), *cache_tags.pages(page.object_list)
    )
    links = list(author.links.all())
    context = {"author": author, "articles": page, "links": links}
    context.update(
        seo.author_page_context(
            author=author,
            links=links,
            newsroom=NewsroomSettings.load(request_or_site=request),
            request=request,
        )
    )
    return public(render(request, "pages/author.html", context))
