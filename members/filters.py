"""The members list's filters (Members → Members), shared by the list and its CSV export."""

import django_filters
from django import forms
from django.db.models import Q
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import AdminDateInput

from newsletters.models import Newsletter, Subscription
from payments.models import Tier

from .models import Label, Member


class MemberFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=Member.Status.choices, label="Status")
    tier = django_filters.ModelChoiceFilter(
        queryset=Tier.objects.all(), label="Tier", method="filter_tier"
    )
    labels = django_filters.ModelChoiceFilter(queryset=Label.objects.all(), label="Label")
    newsletter = django_filters.ModelChoiceFilter(
        queryset=Newsletter.objects.all(), label="Subscribed to", method="filter_newsletter"
    )
    signed_up_since = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__gte",
        label="Signed up since",
        widget=AdminDateInput,
    )

    class Meta:
        model = Member
        fields = ["status", "tier", "labels", "newsletter", "signed_up_since"]

    def filter_tier(self, queryset, name, value):
        """Members of the tier: by a membership of it, or comped to it (or to every tier)."""
        return queryset.filter(
            Q(memberships__tier=value)
            | Q(status=Member.Status.COMPED, comp_tier=value)
            | Q(status=Member.Status.COMPED, comp_tier__isnull=True)
        ).distinct()

    def filter_newsletter(self, queryset, name, value):
        return queryset.filter(
            subscriber__subscriptions__newsletter=value,
            subscriber__subscriptions__status=Subscription.Status.SUBSCRIBED,
        ).distinct()


class LabelsForm(forms.Form):
    """Labels to put on or take off the members chosen in the list."""

    labels = forms.ModelMultipleChoiceField(
        queryset=Label.objects.all(), widget=forms.CheckboxSelectMultiple
    )
