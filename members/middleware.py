"""Which page variant a member's request is, and the signed cookie that tells the page cache.

For a request with a session whose member is signed in (and no staff user in the same
session: an editor's pages show "Edit post"), the variant is the member's kind of reader,
"free", or "paid" with their sorted tier ids ("paid.2-5"): every page is the same for every
reader of one variant, so the page cache may store and answer it per variant
(pagecache/variants.py). The variant is noted on the request for the page cache and for
fragments, and the cookie is (re)issued when it is missing, names another variant or is half
spent; it never outlives the moment the member's access may change. Signing out, or any
request of a session without a member, takes it back.

While the cookie is in the first half of its life, the reader it names (its variant, and the
member's id as its subject) is the request's reader (``reader_for``), and neither the session
nor the member nor their memberships are read: it says what the database said moments ago, as
the page cache trusts it for the whole of its life, unless the member changed since
(``reader_changed``, on every save or deletion of a member or membership: one read of the page
cache's tag store). Later, and whenever the request signs in or out, loads the member (the
account pages) or asks for it (``sessions.recheck_reader``: back from Checkout), the reader is
read from the database."""

from datetime import datetime

from django.contrib.auth import SESSION_KEY as STAFF_SESSION_KEY
from django.contrib.auth.models import AnonymousUser

from articles.access import Reader, reader_for
from pagecache import variants
from pagecache.headers import has_session

from .selectors import paid_access_changes_at
from .sessions import SESSION_KEY, signed_in_member

_UNSET = object()


def reader_variant(reader):
    if reader.kind == "paid":
        tiers = "-".join(str(tier) for tier in sorted(reader.tier_ids))
        return f"paid.{tiers}" if tiers else "paid"
    return reader.kind


def reader_of_variant(variant, member_id):
    kind, _, tiers = variant.partition(".")
    tier_ids = frozenset(int(tier) for tier in tiers.split("-") if tier.isdigit())
    return Reader(kind=kind, tier_ids=tier_ids, member_id=member_id)


def _reader_name(member_id):
    """The member's name for ``variants.reader_changed``: their id, never their address."""
    return f"member-{member_id}"


def reader_changed(member_id):
    """What the member may read changed (membership, status, deletion): the next request of
    any of their browsers reads it from the database (the page cache may still answer their
    pages of the old variant until its cookie expires: pagecache/variants.py)."""
    variants.reader_changed(_reader_name(member_id))


def _member_id(request):
    """The session's member id, if it holds a member and no staff user; else None."""
    session = request.session
    if STAFF_SESSION_KEY in session:
        return None
    member_id = session.get(SESSION_KEY)
    return member_id if isinstance(member_id, int) else None


def _derived_variant(request):
    """The variant the database gives the request's reader, or None for no member or an
    editor's session."""
    request._masthead_reader = None
    if signed_in_member(request) is None or _member_id(request) is None:
        return None
    return reader_variant(reader_for(request))


class MemberVariantMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        variant, trusted = None, False
        session = has_session(request)  # without one, anonymous: nothing read
        if session:
            variant = variants.cookie_variant(request)
            subject = variants.cookie_subject(request) or ""
            if (
                variant is not None
                and subject.isdigit()
                and not variants.needs_issue(request, variant)
                and not variants.changed_since(_reader_name(subject), request)
            ):
                # The cookie is bound to this session's key and was issued for it holding
                # this member and no staff user; signing in or out (either kind) gives the
                # session a new key. So the session need not be read at all.
                request._masthead_reader = reader_of_variant(variant, int(subject))
                request.user = AnonymousUser()
                trusted = True
            elif _member_id(request) is not None:
                variant = _derived_variant(request)
            else:
                variant = None
            if variant is not None:
                variants.note(request, variant)
        derived_for = request.__dict__.get("_masthead_member", _UNSET)
        response = self.get_response(request)
        member = request.__dict__.get("_masthead_member", _UNSET)
        if member is not derived_for or getattr(request, "_masthead_recheck", False):
            variant = _derived_variant(request)  # signed in or out, or the member was read
            session, trusted = True, False
        if variant is not None and variants.needs_issue(request, variant):
            if trusted:  # half spent by now: issued from the database's answer, never its own
                variant = _derived_variant(request)
            member = signed_in_member(request)
            if variant is not None:
                ends = paid_access_changes_at(member) if variant != "free" else None
                variants.issue(
                    response, request, variant, expires_at=_timestamp(ends), subject=str(member.pk)
                )
                return response
        if variant is None and session:
            variants.clear(response, request)
        return response


def _timestamp(moment: datetime | None):
    return None if moment is None else moment.timestamp()
