"""Two-step verification in the admin: its URLs, and its entry under Account → More actions."""

from django.urls import path, reverse
from wagtail import hooks

from . import selectors, views


@hooks.register("register_admin_urls")
def two_step_urls():
    return [
        path("account/two-step/", views.TwoStepView.as_view(), name="accounts_two_step"),
        path(
            "account/two-step/disable/",
            views.TwoStepDisableView.as_view(),
            name="accounts_two_step_disable",
        ),
        path(
            "account/two-step/verify/",
            views.TwoStepVerifyView.as_view(),
            name="accounts_two_step_verify",
        ),
    ]


@hooks.register("register_account_menu_item")
def two_step_menu_item(request):
    enabled = selectors.confirmed_device(request.user) is not None
    return {
        "url": reverse("accounts_two_step"),
        "label": "Two-step verification",
        "help_text": (
            "On: signing in asks for a code from your authenticator app."
            if enabled
            else "Off: turn it on to ask for a code from an authenticator app after your password."
        ),
    }
