"""The admin's Settings → Webhooks (add, change, turn off) and Settings → Webhook deliveries,
the read-only delivery log (filtered per webhook from its list). Only users with the webhook
permissions reach either: superusers, unless a group is given them."""

from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Webhook, WebhookDelivery


class DeliveriesColumn(Column):
    """A link to the webhook's delivery log."""

    def get_value(self, instance):
        url = reverse("webhook_deliveries:index") + f"?webhook={instance.pk}"
        return format_html('<a href="{}">Deliveries</a>', url)


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
