"""The "Newsletters" admin menu: lists, subscribers, consent records, suppressions, import."""

from django.urls import path
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, DateColumn
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from core.spreadsheets import FormulaSafeExportMixin

from . import admin_views
from .models import ConsentRecord, Newsletter, Subscription, Suppression


class RecordPermissionPolicy(ModelPermissionPolicy):
    """Staff may read (and delete) but never write these rows: subscriptions change only by
    the reader's own links or an import, and consent records are evidence."""

    def __init__(self, model, *, allow_delete):
        super().__init__(model)
        self.denied = {"add", "change"} if allow_delete else {"add", "change", "delete"}

    def user_has_permission(self, user, action):
        return action not in self.denied and super().user_has_permission(user, action)


# Registered before the viewsets below create their default policies.
register_permission_policy(Subscription, RecordPermissionPolicy(Subscription, allow_delete=True))
register_permission_policy(ConsentRecord, RecordPermissionPolicy(ConsentRecord, allow_delete=False))


class ExportIndexView(FormulaSafeExportMixin, IndexView):
    """Lists whose CSV exports carry readers' own text (addresses, names, user agents)."""


class NewsletterViewSet(SnippetViewSet):
    model = Newsletter
    icon = "mail"
    menu_label = "Lists"
    list_display = ["name", "host", "cadence", BooleanColumn("is_active", label="Active")]
    list_filter = ["is_active"]
    search_fields = ["name", "host"]


class SubscriptionViewSet(SnippetViewSet):
    """One row per address and list, filterable by list and status, exportable as CSV."""

    model = Subscription
    icon = "user"
    menu_label = "Subscribers"
    index_view_class = ExportIndexView
    list_display = [
        "subscriber",
        "newsletter",
        "status",
        DateColumn("created_at", label="Asked"),
        DateColumn("confirmed_at", label="Confirmed"),
    ]
    list_filter = ["newsletter", "status"]
    search_fields = ["subscriber__email"]
    search_backend_name = None
    list_export = [
        "subscriber.email",
        "subscriber.first_name",
        "newsletter.name",
        "status",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    export_headings = {
        "subscriber.email": "Email",
        "subscriber.first_name": "First name",
        "newsletter.name": "Newsletter",
    }
    export_filename = "subscribers"
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Subscription.objects.select_related("subscriber", "newsletter")


class ConsentRecordViewSet(SnippetViewSet):
    model = ConsentRecord
    icon = "doc-full"
    menu_label = "Consent records"
    index_view_class = ExportIndexView
    list_display = [
        "email",
        "newsletter",
        "method",
        DateColumn("created_at", label="Asked"),
        DateColumn("confirmed_at", label="Confirmed"),
    ]
    list_filter = ["newsletter", "method"]
    search_fields = ["subscription__subscriber__email"]
    search_backend_name = None
    list_export = [
        "email",
        "newsletter.name",
        "method",
        "created_at",
        "source_url",
        "consent_text",
        "ip_address",
        "user_agent",
        "confirmed_at",
    ]
    export_headings = {"email": "Email", "newsletter.name": "Newsletter"}
    export_filename = "consent-records"
    inspect_view_enabled = True

    def get_queryset(self, request):
        return ConsentRecord.objects.select_related("subscription__subscriber", "newsletter")


class SuppressionViewSet(SnippetViewSet):
    model = Suppression
    icon = "cross"
    menu_label = "Suppression list"
    index_view_class = ExportIndexView
    list_display = ["email", "reason", "detail", DateColumn("created_at", label="Added")]
    list_filter = ["reason"]
    search_fields = ["email"]
    search_backend_name = None
    list_export = ["email", "reason", "detail", "created_at"]
    export_filename = "suppressions"


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("newsletters.add_subscription")


class SubscriberImportViewSet(ViewSet):
    name = "newsletters_import"
    icon = "upload"
    menu_label = "Import subscribers"
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        return [path("", admin_views.subscribers_import_view, name="index")]


class NewslettersGroup(SnippetViewSetGroup):
    menu_label = "Newsletters"
    menu_icon = "mail"
    menu_order = 210
    items = (
        NewsletterViewSet,
        SubscriptionViewSet,
        ConsentRecordViewSet,
        SuppressionViewSet,
        SubscriberImportViewSet,
    )


register_snippet(NewslettersGroup)
