"""Which ``?page=`` a stored page may have: the page of a listing that was asked for, nothing else.

The cache's key holds the ``?page=`` (``serving.cache_key``), so a page is looked up or stored
with one only if it is a page number as Masthead writes them (``PAGE_NUMBER``), and stored only
if the view showed that page of its listing (``page_shown``, called by ``core/pagination.py``):
a listing is stored once per page it has, and a page that has no pages (an article) never with
a ``?page=``, not once per value a client makes up.
"""

import re

# Nine digits at most: a bigger number is past any last page, and never reaches int().
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


def page_shown(request, number):
    """The view shows page ``number`` of a listing for ``request``."""
    request.listing_page = number


def shows_the_page_asked_for(request):
    """Whether the response shows the ``?page=`` the request asked for, if it asked for one:
    the view paginated a listing and said so with ``page_shown``."""
    asked = request.GET.get("page")
    return asked is None or asked == str(getattr(request, "listing_page", ""))
