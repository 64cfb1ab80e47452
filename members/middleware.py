"""Which page variant a member's request is, and the signed cookie that tells the page cache.

For a request with a session whose member is signed in (and no staff user in the same
session: an editor's pages show "Edit post"), the variant is the member's kind of reader,
"free", or "paid" with their sorted tier ids ("paid.2-5"): every page is the same for every
reader of one variant, so the page cache may store and answer it per variant
(pagecache/variants.py). The variant is noted on the request for the page cache and for
fragments, and the cookie is (re)issued when it is missing, names another variant or is half
spent; it never outlives the moment the member's access may change. Signing out, or any
request of a session without a member, takes it back.
"""

from datetime import datetime

from django.contrib.auth import SESSION_KEY as STAFF_SESSION_KEY

from articles.access import reader_for
from pagecache import variants
from pagecache.headers import has_session

from .selectors import paid_access_changes_at
from .sessions import signed_in_member


def reader_variant(reader):
    if reader.kind == "paid":
        tiers = "-".join(str(tier) for tier in sorted(reader.tier_ids))
        return f"paid.{tiers}" if tiers else "paid"
    return reader.kind


def _variant(request):
    """(member, variant) of a request, or (None, None) for one no variant is safe for."""
    member = signed_in_member(request)
    if member is None or STAFF_SESSION_KEY in request.session:
        return None, None
    return member, reader_variant(reader_for(request))


class MemberVariantMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        member = variant = None
        session = has_session(request)  # without one, anonymous: nothing read
        if session:
            member, variant = _variant(request)
            if variant is not None:
                variants.note(request, variant)
        response = self.get_response(request)
        if signed_in_member(request) is not member:  # signed in or out by this request
            request._masthead_reader = None
            member, variant = _variant(request)
        if variant is None:
            if session:
                variants.clear(response, request)
        elif variants.needs_issue(request, variant):
            ends = paid_access_changes_at(member) if variant.startswith("paid") else None
            variants.issue(response, request, variant, expires_at=_timestamp(ends))
        return response


def _timestamp(moment: datetime | None):
    return None if moment is None else moment.timestamp()
