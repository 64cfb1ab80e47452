from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404


def paginate(request, object_list, *, per_page):
    """The requested page of a listing.

    A missing or non-numeric ``?page=`` shows the first page; a number past the end is a 404,
    so a stale link never shows a 500 or silently repeats another page.
    """
    paginator = Paginator(object_list, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage as exc:
        raise Http404("No such page") from exc
