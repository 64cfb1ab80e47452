"""The "Newsletter issues" admin: compose (snippet), preview, test, send, schedule, progress."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.snippets.views.snippets import SnippetViewSet

from editorial.create_once import SnippetCreateView
from newsletters.selectors import deliverable_subscriptions

from . import services
from .models import Issue
from .selectors import issue_progress


class ProgressColumn(Column):
    def get_value(self, instance):
        if instance.status in (Issue.Status.DRAFT, Issue.Status.SCHEDULED):
            return ""
        p = issue_progress(instance)
        return f"{p['sent']} sent · {p['failed']} failed · {p['remaining']} remaining"


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(label="Send at", widget=AdminDateTimeInput)


def _issue_for(request, pk, permission="change"):
    if not request.user.has_perm(f"mailing.{permission}_issue"):
        raise PermissionDenied
    return get_object_or_404(Issue.objects.select_related("newsletter"), pk=pk)


def _back(issue):
    return redirect("wagtailsnippets_mailing_issue:inspect", issue.pk)


@require_POST
def send_test_view(request, pk):
    """ "Send a test to me": the draft as it is now, to the signed-in user's address."""
    issue = _issue_for(request, pk)
    if not request.user.email:
        messages.error(request, "Your account has no email address.")
        return _back(issue)
    try:
        services.issue_send_test(
            issue=issue, email_address=request.user.email, first_name=request.user.first_name
        )
    except services.SendError as error:
        messages.error(request, f"The test could not be sent: {error}")
    else:
        messages.success(request, f"Test sent to {request.user.email}.")
    return _back(issue)


def send_now_view(request, pk):
    issue = _issue_for(request, pk)
    if request.method == "POST" and issue.is_editable:
        services.issue_start(issue_id=issue.pk)
        messages.success(request, f"Sending “{issue}” to {issue.newsletter}.")
        return _back(issue)
    return _confirm(request, issue, action="send", form=None)


def schedule_view(request, pk):
    issue = _issue_for(request, pk)
    form = ScheduleForm(request.POST or None, initial={"when": issue.scheduled_for})
    if request.method == "POST" and form.is_valid():
        try:
            services.issue_schedule(issue=issue, when=form.cleaned_data["when"])
        except ValidationError as error:
            form.add_error("when", error)
        else:
            messages.success(
                request, f"Scheduled for {timezone.localtime(issue.scheduled_for):%d %b %Y %H:%M}."
            )
            return _back(issue)
    return _confirm(request, issue, action="schedule", form=form)


@require_POST
def unschedule_view(request, pk):
    issue = _issue_for(request, pk)
    if services.issue_unschedule(issue=issue):
        messages.success(request, "No longer scheduled: the issue is a draft again.")
    return _back(issue)


def _confirm(request, issue, *, action, form):
    return TemplateResponse(
        request,
        "mailing/admin/confirm.html",
        {
            "issue": issue,
            "action": action,
            "form": form,
            "recipients": deliverable_subscriptions(issue.newsletter).count(),
            "page_title": f"{'Send' if action == 'send' else 'Schedule'} “{issue}”",
        },
    )


class IssueInspectView(InspectView):
    """Fields, delivery progress and the actions (test, send, schedule)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            issue=self.object,
            progress=issue_progress(self.object),
            action_urls=issue_action_urls(self.object),
            preview_url=reverse("mailing:issue_web", args=[self.object.pk]),
        )
        return context


class IssueViewSet(SnippetViewSet):
    model = Issue
    # One object per create form, however autosave and Publish interleave.
    add_view_class = SnippetCreateView
    icon = "mail"
    menu_label = "Newsletter issues"
    add_to_admin_menu = True
    menu_order = 220
    list_display = [
        "subject",
        "newsletter",
        "status",
        DateColumn("scheduled_for", label="Scheduled for"),
        ProgressColumn("progress", label="Progress"),
    ]
    list_filter = ["newsletter", "status"]
    search_fields = ["subject"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_class = IssueInspectView
    inspect_template_name = "mailing/admin/inspect.html"
    inspect_view_fields = [
        "newsletter",
        "subject",
        "status",
        "scheduled_for",
        "started_at",
        "finished_at",
        "recipient_count",
    ]

    def get_queryset(self, request):
        return Issue.objects.select_related("newsletter")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("send-test/<int:pk>/", send_test_view, name="send_test"),
            path("send/<int:pk>/", send_now_view, name="send"),
            path("schedule/<int:pk>/", schedule_view, name="schedule"),
            path("unschedule/<int:pk>/", unschedule_view, name="unschedule"),
        ]


def issue_action_urls(issue):
    name = "wagtailsnippets_mailing_issue"
    return {
        action: reverse(f"{name}:{action}", args=[issue.pk])
        for action in ("send_test", "send", "schedule", "unschedule")
    }
