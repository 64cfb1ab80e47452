"""The "Membership" admin menu: tiers and offers (edited here, sent to the provider after each
save), and what the provider told us: donations, membership payments, gift memberships and
webhook events (read-only; a gift's code is nowhere here: only its hash is kept)."""

from django.utils.html import format_html
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Donation, Gift, MembershipPayment, Offer, PaymentEvent, SyncState, Tier
from .money import format_money


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Rows only the provider writes: staff may look, never add or change."""

    def user_has_permission(self, user, action):
        return action not in {"add", "change", "delete"} and super().user_has_permission(
            user, action
        )


register_permission_policy(Donation, ReadOnlyPolicy(Donation))
register_permission_policy(MembershipPayment, ReadOnlyPolicy(MembershipPayment))
register_permission_policy(PaymentEvent, ReadOnlyPolicy(PaymentEvent))
register_permission_policy(Gift, ReadOnlyPolicy(Gift))


class SyncColumn(Column):
    """Whether the provider has the row yet, and why not."""

    def get_value(self, instance):
        label = instance.get_sync_state_display()
        if instance.sync_state == SyncState.FAILED and instance.sync_error:
            return format_html("{}: {}", label, instance.sync_error)
        return label


class PricesColumn(Column):
    def get_value(self, instance):
        prices = [
            f"{format_money(amount, instance.currency)}/{per}"
            for amount, per in (
                (instance.monthly_amount, "month"),
                (instance.yearly_amount, "year"),
            )
            if amount
        ]
        return ", ".join(prices)


class TierViewSet(SnippetViewSet):
    model = Tier
    icon = "pick"
    menu_label = "Tiers"
    list_display = [
        "name",
        PricesColumn("prices", label="Prices"),
        "trial_days",
        BooleanColumn("active", label="Active"),
        SyncColumn("sync_state", label="At the provider"),
    ]
    list_filter = ["active", "sync_state"]
    search_fields = ["name", "slug"]
    search_backend_name = None


class OfferViewSet(SnippetViewSet):
    model = Offer
    icon = "tag"
    menu_label = "Offers"
    list_display = [
        "name",
        "tier",
        "cadence",
        "duration",
        BooleanColumn("active", label="Active"),
        SyncColumn("sync_state", label="At the provider"),
    ]
    list_filter = ["active", "tier", "sync_state"]
    search_fields = ["name", "slug"]
    search_backend_name = None

    def get_queryset(self, request):
        return Offer.objects.select_related("tier")


class DonationViewSet(SnippetViewSet):
    model = Donation
    icon = "success"
    menu_label = "Donations"
    list_display = [
        Column("amount_display", label="Amount"),
        "email",
        "status",
        DateColumn("paid_at", label="Paid"),
    ]
    list_filter = ["status", "currency"]
    search_fields = ["email", "payment_intent_id", "customer_id"]
    search_backend_name = None
    list_export = [
        "paid_at",
        "amount",
        "currency",
        "email",
        "status",
        "amount_refunded",
        "dispute_status",
        "customer_id",
        "payment_intent_id",
    ]
    export_filename = "donations"
    inspect_view_enabled = True


class MembershipPaymentViewSet(SnippetViewSet):
    model = MembershipPayment
    icon = "doc-full"
    menu_label = "Membership payments"
    list_display = [
        Column("amount_display", label="Amount"),
        "email",
        "status",
        DateColumn("paid_at", label="Paid"),
    ]
    list_filter = ["status", "currency"]
    search_fields = ["email", "charge_id", "customer_id"]
    search_backend_name = None
    list_export = [
        "paid_at",
        "amount",
        "currency",
        "email",
        "status",
        "amount_refunded",
        "dispute_status",
        "customer_id",
        "charge_id",
    ]
    export_filename = "membership-payments"
    inspect_view_enabled = True


class GiftViewSet(SnippetViewSet):
    model = Gift
    icon = "pick"
    menu_label = "Gifts"
    list_display = [
        "tier",
        "months",
        Column("amount_display", label="Amount"),
        "buyer_email",
        "recipient_email",
        "status",
        DateColumn("paid_at", label="Paid"),
        DateColumn("redeemed_at", label="Redeemed"),
    ]
    list_filter = ["status", "tier", "months"]
    search_fields = ["buyer_email", "recipient_email", "redeemed_by_email", "payment_intent_id"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields_exclude = ["code_hash"]

    def get_queryset(self, request):
        return Gift.objects.select_related("tier")


class PaymentEventViewSet(SnippetViewSet):
    model = PaymentEvent
    icon = "history"
    menu_label = "Payment events"
    list_display = [
        "type",
        "event_id",
        DateColumn("created", label="Made"),
        DateColumn("processed_at", label="Processed"),
    ]
    list_filter = ["type"]
    search_fields = ["event_id", "type"]
    search_backend_name = None
    inspect_view_enabled = True


class MembershipGroup(SnippetViewSetGroup):
    menu_label = "Membership"
    menu_icon = "group"
    menu_order = 205
    items = (
        TierViewSet,
        OfferViewSet,
        DonationViewSet,
        MembershipPaymentViewSet,
        GiftViewSet,
        PaymentEventViewSet,
    )


register_snippet(MembershipGroup)
