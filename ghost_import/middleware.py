"""Ghost's regular-expression redirects (``GhostRedirectRule``), tried on a 404 only.

Wagtail's redirect middleware has had its turn (it is below this one), so the plain redirects
win. The rules are read on a 404 (one small query) and compiled once per process; the import
refuses patterns whose matching could run away (``redirects.regex_refusal``) and keeps at most
``redirects.MAX_RULES``, so matching a path is bounded.
"""

import functools
import re

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect

from .models import GhostRedirectRule


@functools.lru_cache(maxsize=512)
def _compiled(pattern):
    return re.compile(pattern)


def _replacement(template):
    # Ghost writes group references as $1; Python's expand wants \1.
    return re.sub(r"\$(\d+)", r"\\g<\1>", template.replace("\\", "\\\\"))


def match(path):
    """(target, permanent) of the first rule matching ``path``, or None."""
    for pattern, replacement, permanent in GhostRedirectRule.objects.values_list(
        "pattern", "replacement", "permanent"
    ):
        found = _compiled(pattern).search(path)
        if found:
            try:
                return found.expand(_replacement(replacement)), permanent
            except (re.error, IndexError):
                continue
    return None


class GhostRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        found = match(request.path)
        if found is None:
            return response
        target, permanent = found
        if target == request.path:
            return response
        return (HttpResponsePermanentRedirect if permanent else HttpResponseRedirect)(target)
