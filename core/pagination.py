"""Pages of a listing, each at one URL: ``?page=<n>``, and page 1 without it.

A listing's page is asked for with ``?page=`` in plain decimal (``2``, ``10``; ``1`` is the
first page too). Anything else is a 404: ``01``, ``0``, ``-1``, ``1.0``, ``abc``, an empty
value, ``?page=1&page=2``, and a number past the last page. No redirect: nothing Masthead
writes links there, and a 404 is never stored. So the page cache, whose key holds the
``?page=``, stores a listing once per page it has, not once per value a client makes up; and
a page that has no pages (an article) is not stored with a ``?page=`` at all
(``pagecache/listing.py``).
"""

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404

from pagecache.listing import PAGE_NUMBER, page_shown


def page_number(request):
    """The page of a listing ``request`` asks for, 1 without ``?page=``; a 404 for anything
    that is not one page number. The view must show that page (or answer 404)."""
    asked = request.GET.getlist("page")
    if not asked:
        number = 1
    elif len(asked) == 1 and PAGE_NUMBER.fullmatch(asked[0]):
        number = int(asked[0])
    else:
        raise Http404("No such page")
    page_shown(request, number)
    return number


def paginate(request, object_list, *, per_page):
    """The requested page of a listing (``page_number``); past the last page, a 404."""
    paginator = Paginator(object_list, per_page)
    try:
        return paginator.page(page_number(request))
    except EmptyPage as exc:
        raise Http404("No such page") from exc
