"""Reads for members: who a session's member is, and what the account page and the data
download show."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from newsletters.models import ConsentRecord, Subscriber, Subscription
from payments import selectors as payments
from payments.backends.base import ACTIVE, PAST_DUE, TRIALING
from payments.models import Tier
from payments.money import format_money

from .models import Member


def member_by_id(member_id):
    if not isinstance(member_id, int):
        return None
    return Member.objects.filter(pk=member_id).first()


def member_by_email(email):
    return Member.objects.with_email(email).first()


def unlinked_subscriber(email):
    """The newsletter subscriber of ``email`` that no member has yet, if any."""
    return Subscriber.objects.filter(email__iexact=email, member__isnull=True).first()


def member_subscriptions(member):
    """The member's newsletter subscriptions, with their lists (none without a subscriber)."""
    if member.subscriber_id is None:
        return Subscription.objects.none()
    return Subscription.objects.filter(subscriber_id=member.subscriber_id).select_related(
        "newsletter"
    )


def subscribed_newsletter_ids(member):
    return set(
        member_subscriptions(member)
        .filter(status=Subscription.Status.SUBSCRIBED)
        .values_list("newsletter_id", flat=True)
    )


def _when(value):
    return value.isoformat() if value else None


def member_export(member):
    """Everything held about ``member``, as JSON-ready data (GDPR art. 15 and 20)."""
    subscriptions = list(member_subscriptions(member).order_by("pk"))
    consents = ConsentRecord.objects.filter(subscription__in=subscriptions).select_related(
        "newsletter"
    )
    return {
        "member": {
            "email": member.email,
            "name": member.name,
            "status": member.status,
            "note": member.note,
            "labels": sorted(label.name for label in member.labels.all()),
            "signup_source": member.signup_source,
            "stripe_customer_id": member.stripe_customer_id,
            "created_at": _when(member.created_at),
            "last_signed_in_at": _when(member.last_signed_in_at),
        },
        "memberships": [
            {
                "tier": m.tier.name if m.tier else "",
                "subscription_id": m.subscription_id,
                "status": m.status,
                "cadence": m.cadence,
                "amount": m.amount,
                "currency": m.currency,
                "cancel_at_period_end": m.cancel_at_period_end,
                "current_period_end": _when(m.current_period_end),
                "created_at": _when(m.created_at),
            }
            for m in member.memberships.select_related("tier").order_by("pk")
        ],
        "newsletter_subscriptions": [
            {
                "newsletter": s.newsletter.display_name,
                "status": s.status,
                "created_at": _when(s.created_at),
                "confirmed_at": _when(s.confirmed_at),
                "unsubscribed_at": _when(s.unsubscribed_at),
            }
            for s in subscriptions
        ],
        "consent_records": [
            {
                "newsletter": c.newsletter.display_name,
                "method": c.method,
                "created_at": _when(c.created_at),
                "source_url": c.source_url,
                "consent_text": c.consent_text,
                "ip_address": c.ip_address,
                "user_agent": c.user_agent,
                "confirmed_at": _when(c.confirmed_at),
            }
            for c in consents.order_by("pk")
        ],
    }


@dataclass(frozen=True)
class TierChoice:
    """A tier on /membership/, with the prices a reader may join at."""

    tier: Tier
    prices: list


def membership_choices():
    """The active tiers and their prices, for /membership/ (a tier with no price yet is left
    out: there is nothing to join)."""
    choices = []
    for tier in payments.active_tiers():
        prices = payments.tier_prices(tier)
        if prices:
            choices.append(TierChoice(tier=tier, prices=prices))
    return choices


# The provider's statuses that open paid articles (past_due only for the grace period).
LIVE_STATUSES = (TRIALING, ACTIVE)


def _grace():
    return timedelta(days=settings.MASTHEAD_MEMBERS_GRACE_DAYS)


def membership_has_access(membership, now=None):
    """Whether a membership opens paid articles now: active or trialing (a cancellation at
    period end keeps it until then), past_due for the grace period from when it fell due."""
    now = now or timezone.now()
    if membership.status in LIVE_STATUSES:
        return not (
            membership.cancel_at_period_end
            and membership.current_period_end is not None
            and membership.current_period_end <= now
        )
    if membership.status == PAST_DUE:
        return membership.past_due_since is not None and membership.past_due_since + _grace() > now
    return False


def paid_tier_ids(member, now=None):
    """The tiers whose articles ``member``'s memberships open now."""
    return frozenset(
        m.tier_id
        for m in member.memberships.all()
        if m.tier_id is not None and membership_has_access(m, now)
    )


@dataclass(frozen=True)
class MembershipLine:
    """One of a member's memberships as the account page says it."""

    tier_name: str
    price: str  # "€5 a month"
    state: str  # "renews", "ends", "payment_failed"
    until: datetime | None  # the renewal, the end, or the end of the grace period


def account_memberships(member, now=None):
    """The member's memberships that open paid articles now, for their account page: which
    tier at what price, and whether it renews, ends (cancelled at period end) or waits on a
    failed payment (until the grace period ends)."""
    now = now or timezone.now()
    lines = []
    for membership in member.memberships.select_related("tier"):
        if not membership_has_access(membership, now):
            continue
        if membership.status == PAST_DUE:
            state, until = "payment_failed", membership.past_due_since + _grace()
        elif membership.cancel_at_period_end:
            state, until = "ends", membership.current_period_end
        else:
            state, until = "renews", membership.current_period_end
        per = {"month": "a month", "year": "a year"}.get(membership.cadence, "")
        price = format_money(membership.amount, membership.currency) if membership.amount else ""
        lines.append(
            MembershipLine(
                tier_name=membership.tier.name if membership.tier else "Membership",
                price=f"{price} {per}".strip(),
                state=state,
                until=until,
            )
        )
    return lines


def _access_ends(membership):
    if membership.status == PAST_DUE:
        return membership.past_due_since + _grace()
    # Active or trialing: at the end of the period (a renewal shows up as a new period end).
    return membership.current_period_end


def paid_access_changes_at(member, now=None):
    """The earliest moment the tiers ``member``'s memberships open may change (one of them
    ends or falls due), or None if nothing is due to end (a comp)."""
    now = now or timezone.now()
    ends = [
        end
        for m in member.memberships.all()
        if membership_has_access(m, now) and (end := _access_ends(m)) is not None
    ]
    return min(ends, default=None)
