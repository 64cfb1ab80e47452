"""Hold admin requests of a session that has not given its code (after django-otp's
OTPMiddleware, which sets ``request.user.otp_device`` from the session).

- A user with a confirmed device whose session is not verified goes to "Enter your code".
- A user without one, in a group named by MASTHEAD_2FA_REQUIRED_GROUPS, goes to set one up.

Outside the admin, a session that owes its code is a reader without an account until it gives
one: no userbar or "Edit post", and private pages ask for a sign-in, so a password alone opens
nothing. Everyone else passes untouched. Signing in and out, and the admin's JavaScript
catalogue and icon sprite (which the code page itself loads), stay open.
"""

from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from pagecache.headers import has_session

from . import selectors

OPEN_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}


def _redirect_keeping_next(request, url_name):
    url = reverse(url_name)
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return redirect(url)


class TwoStepMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        if not request.path_info.startswith(self.admin_prefix):
            # Without a session cookie nobody is signed in: the session is not even read, so
            # public pages stay free of "Vary: Cookie".
            if has_session(request):
                user = request.user
                if user.is_authenticated and not user.is_verified() and user_has_device(user):
                    request.user = AnonymousUser()
            return None
        url_name = request.resolver_match.url_name
        user = request.user
        if url_name in OPEN_VIEWS or not user.is_authenticated or user.is_verified():
            return None
        if user_has_device(user):
            if url_name == "accounts_two_step_verify":
                return None
            return _redirect_keeping_next(request, "accounts_two_step_verify")
        if selectors.two_step_required(user):
            if url_name == "accounts_two_step":
                return None
            return _redirect_keeping_next(request, "accounts_two_step")
        return None
