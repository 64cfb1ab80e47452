"""The members admin's own views: comp a member to a tier or take the comp back, cancel a
member's subscription (at the provider, at period end), after a confirmation step each (only
staff with ``members.manage_membership``: Administrators); the Ghost members CSV import and
export (``members.import_member``)."""

import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from newsletters.models import Newsletter
from payments.backends.base import PaymentsError
from payments.models import Tier

from . import ghost_csv, services
from .filters import MemberFilterSet
from .models import Member, MemberImport, Membership
from .selectors import members_dashboard, members_export_rows, membership_has_access

logger = logging.getLogger(__name__)

MANAGE = "members.manage_membership"
IMPORT = "members.import_member"


def _member_for(request, pk):
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied
    return get_object_or_404(Member, pk=pk)


def _back(member):
    return redirect(reverse("wagtailsnippets_members_member:inspect", args=[member.pk]))


class CompForm(forms.Form):
    tier = forms.ModelChoiceField(
        queryset=Tier.objects.all(),
        required=False,
        empty_label="Every tier",
        help_text="The tier whose articles the member reads without paying.",
    )


def _confirm(request, member, *, title, text, button, form=None, serious=False):
    return TemplateResponse(
        request,
        "members/admin/confirm.html",
        {
            "member": member,
            "page_title": title,
            "text": text,
            "button": button,
            "form": form,
            "serious": serious,
            "back_url": reverse("wagtailsnippets_members_member:inspect", args=[member.pk]),
        },
    )


def comp_view(request, pk):
    member = _member_for(request, pk)
    if member.status == Member.Status.PAID:
        messages.error(request, f"{member} pays already: there is nothing to comp.")
        return _back(member)
    form = CompForm(request.POST or None, initial={"tier": member.comp_tier})
    if request.method == "POST" and form.is_valid():
        tier = form.cleaned_data["tier"]
        services.member_comp(member=member, tier=tier, by=request.user.get_username())
        messages.success(
            request, f"{member} is a complimentary member of {tier or 'every tier'} now."
        )
        return _back(member)
    return _confirm(
        request,
        member,
        title="Complimentary membership",
        text=f"Give {member} paid access without paying, to one tier or to every tier.",
        button="Comp this member",
        form=form,
    )


def uncomp_view(request, pk):
    member = _member_for(request, pk)
    if request.method == "POST":
        services.member_uncomp(member=member, by=request.user.get_username())
        messages.success(request, f"{member} is no longer a complimentary member.")
        return _back(member)
    return _confirm(
        request,
        member,
        title="Remove the complimentary membership",
        text=f"{member} loses the paid access the comp gave them (a subscription of "
        "their own still counts).",
        button="Remove the comp",
        serious=True,
    )


def cancel_view(request, pk, membership_pk):
    member = _member_for(request, pk)
    membership = get_object_or_404(Membership, pk=membership_pk, member=member)
    if membership.cancel_at_period_end or not membership_has_access(membership):
        messages.error(request, "This subscription is cancelled or over already.")
        return _back(member)
    if request.method == "POST":
        try:
            services.membership_cancel(membership=membership)
        except PaymentsError as error:
            logger.warning("members: cancelling %s failed: %s", membership.subscription_id, error)
            messages.error(
                request, "The payment provider did not answer. Nothing changed; try again."
            )
        else:
            messages.success(
                request, f"{member}'s subscription ends at the end of the period paid for."
            )
        return _back(member)
    until = membership.current_period_end
    return _confirm(
        request,
        member,
        title="Cancel the subscription",
        text=f"{member}'s subscription ({membership.tier or 'membership'}) is cancelled at the "
        "payment provider at the end of the period paid for"
        + (f", {until:%-d %B %Y}" if until else "")
        + ". They keep access until then and are not charged again.",
        button="Cancel the subscription",
        serious=True,
    )


MAX_IMPORT_BYTES = 20 * 1024 * 1024  # about 150,000 members in Ghost's columns
MAX_IMPORT_ROWS = 200_000


class MemberImportForm(forms.Form):
    csv_file = forms.FileField(
        label="CSV file",
        help_text="A Ghost members export (email, name, note, subscribed_to_emails, "
        "complimentary_plan, stripe_customer_id, created_at, labels, tiers), at most 20 MB.",
    )
    newsletters = forms.ModelMultipleChoiceField(
        queryset=Newsletter.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Newsletters for rows with subscribed_to_emails true",
        help_text="None: the file's newsletter choices are not imported.",
    )
    consent_text = forms.CharField(
        label="How these readers consented to the newsletters",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text='Kept on every consent record, for example "Subscribed on our Ghost site".',
    )
    attestation = forms.BooleanField(
        label="Every subscribed row's person agreed to receive these newsletters, and we can "
        "show when and how.",
        required=False,
    )

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("The file is larger than 20 MB: split it in parts.")
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError("The file is not UTF-8 text.") from error
        try:
            rows = ghost_csv.parse(text)
        except ghost_csv.BadFile as error:
            raise forms.ValidationError(str(error)) from None
        if not rows:
            raise forms.ValidationError("The file has no members.")
        if len(rows) > MAX_IMPORT_ROWS:
            raise forms.ValidationError(f"At most {MAX_IMPORT_ROWS:,} rows: split the file.")
        return text

    def clean(self):
        data = super().clean()
        if data.get("newsletters"):
            if not data.get("consent_text", "").strip():
                self.add_error("consent_text", "Say how these readers consented.")
            if not data.get("attestation"):
                self.add_error("attestation", "Tick this box: only import readers who consented.")
        return data


def _importer(request):
    if not request.user.has_perm(IMPORT):
        raise PermissionDenied


def import_view(request):
    _importer(request)
    form = MemberImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        member_import = services.members_import_queue(
            text=form.cleaned_data["csv_file"],
            filename=request.FILES["csv_file"].name,
            newsletters_wanted=form.cleaned_data["newsletters"],
            consent_text=form.cleaned_data["consent_text"],
            by=request.user.get_username(),
        )
        return redirect(
            reverse("wagtailsnippets_members_member:ghost_import_status", args=[member_import.pk])
        )
    return TemplateResponse(
        request,
        "members/admin/import.html",
        {
            "form": form,
            "page_title": "Import members",
            "imports": MemberImport.objects.defer("csv_text")[:5],
        },
    )


def import_status_view(request, pk):
    _importer(request)
    member_import = get_object_or_404(MemberImport.objects.defer("csv_text"), pk=pk)
    return TemplateResponse(
        request,
        "members/admin/import_status.html",
        {"member_import": member_import, "page_title": "Import members"},
    )


def export_view(request):
    """The members the list's filters (the same query string) choose, as a Ghost CSV file."""
    _importer(request)
    filters = MemberFilterSet(request.GET, queryset=Member.objects.all(), request=request)
    members = filters.qs if filters.is_valid() else Member.objects.none()
    if search := (request.GET.get("q") or "").strip():
        members = members.filter(email__icontains=search) | members.filter(name__icontains=search)
    response = StreamingHttpResponse(
        ghost_csv.lines(members_export_rows(members.order_by("pk"))),
        content_type="text/csv; charset=utf-8",
    )
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="members.{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


def _rows(bars, *, row_height=44):
    """Horizontal bars (a label above each bar, its value after it) as SVG geometry."""
    top = max((bar.value for bar in bars), default=0) or 1
    return {
        "height": row_height * len(bars) or row_height,
        "rows": [
            {
                "bar": bar,
                "y": n * row_height,
                "width": round(80 * bar.value / top, 2),
            }
            for n, bar in enumerate(bars)
        ],
    }


def _columns(bars, *, height=160):
    """Vertical columns, one per day, as SVG geometry: x and widths in per cent of the chart's
    width (so its text keeps its size on a phone), heights in pixels."""
    top = max((bar.value for bar in bars), default=0) or 1
    step = 100 / (len(bars) or 1)
    last = len(bars) - 1
    return {
        "height": height,
        "bar_width": round(step * 0.7, 3),
        "columns": [
            {
                "bar": bar,
                "x": round(n * step, 3),
                "cx": round(n * step + step * 0.35, 3),
                "h": round((height - 20) * bar.value / top, 2),
                "y": round(height - (height - 20) * bar.value / top, 2),
                "tick": "end" if n == last else ("start" if n % 7 == 0 and n < last - 3 else ""),
            }
            for n, bar in enumerate(bars)
        ],
    }


def dashboard_view(request):
    if not request.user.has_perm("members.view_member"):
        raise PermissionDenied
    data = members_dashboard()
    return TemplateResponse(
        request,
        "members/admin/dashboard.html",
        {
            "page_title": "Members dashboard",
            "data": data,
            "by_status": _rows(data.by_status),
            "mrr": _rows(data.mrr),
            "new_paid": _columns(data.new_paid),
            "new_paid_total": sum(bar.value for bar in data.new_paid),
            "signups": _rows(data.signups_by_page),
            "conversions": _rows(data.conversions_by_page),
        },
    )
