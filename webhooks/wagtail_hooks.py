"""The admin's Settings → Webhooks (add, change, turn off) and Settings → Webhook deliveries,
the read-only delivery log (filtered per webhook from its list). Only users with the webhook
permissions reach either: superusers, unless a group is given them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import payloads, selectors, services
from .models import Webhook, WebhookDelivery

SERIALIZERS = {
    "post": payloads.post,
    "page": payloads.post,
    "tag": payloads.tag,
    "member": payloads.member,
}


class DeliveriesColumn(Column):
    """Links to the webhook's delivery log and its "Send a test"."""

    def get_value(self, instance):
        log = reverse("webhook_deliveries:index") + f"?webhook={instance.pk}"
        test = reverse("webhooks:send_test", args=[instance.pk])
        return format_html('<a href="{}">Deliveries</a> · <a href="{}">Send a test</a>', log, test)


def send_test_view(request, pk):
    if not request.user.has_perm("webhooks.change_webhook"):
        raise PermissionDenied
    webhook = get_object_or_404(Webhook, pk=pk)
    subject = selectors.test_subject(webhook.event)
    if request.method == "POST":
        resource = webhook.event.split(".")[0]
        current = SERIALIZERS[resource](subject) if subject is not None else {}
        services.test_send(webhook=webhook, current=current)
        messages.success(request, f"A test of {webhook.event} was queued for {webhook.name}.")
        return redirect(reverse("webhook_deliveries:index") + f"?webhook={webhook.pk}")
    about = f"“{subject}”" if subject is not None else "nothing (there is none yet: an empty one)"
    return TemplateResponse(
        request, "webhooks/admin/send_test.html", {"webhook": webhook, "about": about}
    )


class WebhookViewSet(ModelViewSet):
    model = Webhook
    name = "webhooks"
    icon = "link-external"
    menu_label = "Webhooks"
    add_to_settings_menu = True
    form_fields = ["name", "event", "target_url", "secret", "active"]
    list_display = [
        "name",
        "event",
        "target_url",
        BooleanColumn("active"),
        DateColumn("last_triggered_at", label="Last sent"),
        "last_status",
        DeliveriesColumn("deliveries", label="Log"),
    ]
    list_filter = ["event", "active"]
    search_fields = ["name", "target_url"]
    search_backend_name = None
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("send-test/<int:pk>/", send_test_view, name="send_test"),
        ]

    def formfield_for_dbfield(self, db_field, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"  # a bare "example.org/hook" means https
        return super().formfield_for_dbfield(db_field, **kwargs)


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The log is written by the worker alone: staff who may see webhooks may read it."""

    def user_has_permission(self, user, action):
        return action not in {"add", "change", "delete"} and super().user_has_permission(
            user, action
        )


register_permission_policy(WebhookDelivery, ReadOnlyPolicy(WebhookDelivery))


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    name = "webhook_deliveries"
    icon = "list-ul"
    menu_label = "Webhook deliveries"
    add_to_settings_menu = True
    form_fields = ["status"]  # never shown: nobody may add or change a delivery
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "event",
        "webhook",
        "status",
        "attempts",
        "response_status",
        DateColumn("created_at", label="Event at"),
        DateColumn("next_attempt_at", label="Next attempt"),
    ]
    list_filter = ["webhook", "status", "event"]
    inspect_view_fields = [
        "webhook",
        "event",
        "status",
        "attempts",
        "next_attempt_at",
        "response_status",
        "response_body",
        "error",
        "payload",
        "created_at",
        "updated_at",
    ]

    def get_queryset(self, request):
        return WebhookDelivery.objects.select_related("webhook")


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [WebhookViewSet(), WebhookDeliveryViewSet()]
