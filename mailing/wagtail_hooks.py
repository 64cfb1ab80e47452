from django.urls import reverse
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet

from .admin_views import IssueViewSet
from .models import Issue

register_snippet(IssueViewSet)


@hooks.register("register_snippet_listing_buttons")
def issue_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Issue) or not user.has_perm("mailing.change_issue"):
        return []
    name = "wagtailsnippets_mailing_issue"
    buttons = [
        ListingButton(
            "Progress", reverse(f"{name}:inspect", args=[snippet.pk]), icon_name="info-circle"
        )
    ]
    if snippet.is_editable:
        buttons += [
            ListingButton(
                "Send now…", reverse(f"{name}:send", args=[snippet.pk]), icon_name="mail"
            ),
            ListingButton(
                "Schedule…", reverse(f"{name}:schedule", args=[snippet.pk]), icon_name="date"
            ),
        ]
    return buttons
