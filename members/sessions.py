"""The member's session: Django's session under ``member_id``, never ``request.user``.

A member is no User, so nothing here can open the admin. Signing in cycles the session key
(no fixation); signing out forgets the member and cycles it again, leaving anything else the
session holds (a staff user signed in to the admin in the same browser) alone.
"""

from django.conf import settings

from .models import Member
from .selectors import member_by_id

SESSION_KEY = "member_id"


def member_sign_in(request, member):
    request.session.cycle_key()
    request.session[SESSION_KEY] = member.pk
    request._masthead_member = member


def member_sign_out(request):
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()
    request._masthead_member = None


def signed_in_member(request) -> Member | None:
    """The request's member, read once; None without a session cookie (so that an anonymous
    request's session is never touched, and its response never varies by cookie)."""
    if not hasattr(request, "_masthead_member"):
        member = None
        if settings.SESSION_COOKIE_NAME in request.COOKIES and hasattr(request, "session"):
            member = member_by_id(request.session.get(SESSION_KEY))
        request._masthead_member = member
    return request._masthead_member


def recheck_reader(request):
    """Have the member's reader read again from the database at the end of this request (their
    memberships may have just changed), and their page variant's cookie issued anew."""
    request._masthead_recheck = True
