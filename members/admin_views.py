"""The members admin's own views: comp a member to a tier or take the comp back, cancel a
member's subscription (at the provider, at period end), after a confirmation step each.
Only staff with ``members.manage_membership`` (Administrators) may."""

import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from payments.backends.base import PaymentsError
from payments.models import Tier

from . import services
from .models import Member, Membership
from .selectors import membership_has_access

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
