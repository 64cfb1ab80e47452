"""How many form fields a request may carry, counted before anything parses them.

Django refuses more than ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` fields when it parses a query string
or a form body (``TooManyFieldsSent``, a 400). Wagtail's page editor posts five or more fields
per StreamField block, so a long article needs more than Django's default of 1,000, and
Wagtail's project template raises the setting to 10,000 for every request. Here the setting is
the admin's (10,000: Django enforces it as always), and ``FieldLimitMiddleware`` holds every
other request to ``MASTHEAD_PUBLIC_MAX_NUMBER_FIELDS`` (Django's 1,000): the admin's limit is
only for signed-in users with admin access, inside the admin.

``body_field_count`` counts without parsing (one ``bytes.count`` over the body Django reads anyway),
so a view with a small form can refuse a long one for less than the parse would cost (the
newsletter sign-up does).
"""

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http.multipartparser import parse_header_parameters
from django.urls import reverse

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _query_fields(query):
    # What parse_qsl counts against its max_num_fields: one more than the separators.
    return 1 + query.count(b"&" if isinstance(query, bytes) else "&") if query else 0


def body_field_count(request):
    """The number of fields in ``request``'s form body (0 if it is not a form).

    URL-encoded: as Django counts them. Multipart: every part, files included (public forms
    take no files), which is never fewer than Django counts."""
    content_type, options = parse_header_parameters(request.META.get("CONTENT_TYPE", ""))
    if request.method != "POST" or content_type not in FORM_TYPES:
        return 0  # Django parses only a POST's form body
    body = request.body  # refused past DATA_UPLOAD_MAX_MEMORY_SIZE, as parsing would be
    if content_type == "multipart/form-data":
        boundary = options.get("boundary", "")
        if not boundary:
            return 0  # Django's parser refuses it
        # Each part opens with the delimiter, and the closing delimiter contains it once more.
        return max(body.count(b"--" + boundary.encode("ascii", "replace")) - 1, 0)
    return _query_fields(body)


def query_field_count(request):
    return _query_fields(request.META.get("QUERY_STRING", ""))


class FieldLimitMiddleware:
    """After authentication (the admin's users are known), before anything reads the fields."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self._is_admin(request):
            return self.get_response(request)  # Django's own limit (and uploads) as they are
        limit = settings.MASTHEAD_PUBLIC_MAX_NUMBER_FIELDS
        if query_field_count(request) > limit or body_field_count(request) > limit:
            # Django's own exception: a 400, logged on django.security as its parser would.
            raise TooManyFieldsSent(
                "The number of GET/POST parameters exceeded MASTHEAD_PUBLIC_MAX_NUMBER_FIELDS."
            )
        return self.get_response(request)

    def _is_admin(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        if not request.path_info.startswith(self.admin_prefix):
            return False
        user = request.user
        return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")
