"""Reads for members: who a session's member is, and what the account page and the data
download show."""

import base64
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from articles.access import Reader
from newsletters.models import ConsentRecord, Subscriber, Subscription
from payments import selectors as payments
from payments.backends.base import ACTIVE, PAST_DUE, TRIALING
from payments.models import Donation, Tier
from payments.money import format_money

from . import ghost_csv
from .models import Member, MemberEvent, Membership, PodcastFeed


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
# A redeemed gift's membership: no provider subscription, paid for that tier until it ends.
GIFT = "gift"
GIFT_PREFIX = "gift:"  # its subscription_id: "gift:<the gift's id>"


def _grace():
    return timedelta(days=settings.MASTHEAD_MEMBERS_GRACE_DAYS)


def membership_has_access(membership, now=None):
    """Whether a membership opens paid articles now: active or trialing (a cancellation at
    period end keeps it until then), past_due for the grace period from when it fell due, a
    gift until its months end."""
    now = now or timezone.now()
    if membership.status == GIFT:
        return membership.current_period_end is not None and membership.current_period_end > now
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


def access_tier_ids(member, now=None):
    """The tiers ``member`` reads now: their paying memberships' and, when comped, their
    comp's tier (a comp naming none opens every tier)."""
    tier_ids = paid_tier_ids(member, now)
    if member.status == Member.Status.COMPED:
        if member.comp_tier_id is None:
            return tier_ids | frozenset(Tier.objects.values_list("pk", flat=True))
        return tier_ids | {member.comp_tier_id}
    return tier_ids


def member_reader(member, now=None):
    """What ``member`` may read now (``articles.access.Reader``): their requests' reader, and
    what their newsletter subscriber is told (``services.subscriber_access_sync``)."""
    if not member.has_paid_access:
        return Reader(kind="free", member_id=member.pk)
    return Reader(kind="paid", tier_ids=access_tier_ids(member, now), member_id=member.pk)


PODCAST_FEED_SALT = "masthead.members.podcast_feed"


def _podcast_signature(lookup, secret):
    digest = salted_hmac(PODCAST_FEED_SALT, lookup, secret=secret, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def podcast_feed_token(feed):
    """The secret part of ``feed``'s address: its lookup and that lookup's HMAC (256 bits)."""
    return f"{feed.lookup}.{_podcast_signature(feed.lookup, settings.SECRET_KEY)}"


def podcast_feed_for_token(token):
    """The feed (with its member) whose address holds ``token``, or None. A token signed with
    a key in ``SECRET_KEY_FALLBACKS`` still opens it, so rotating the key moves members to
    the new address (their account page shows it) without cutting off the old one at once."""
    lookup, _, signature = token.partition(".")
    if not lookup or not signature or len(lookup) > 32:
        return None
    if not any(
        constant_time_compare(signature, _podcast_signature(lookup, secret))
        for secret in (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS)
    ):
        return None
    return PodcastFeed.objects.select_related("member").filter(lookup=lookup).first()


@dataclass(frozen=True)
class MembershipLine:
    """One of a member's memberships as the account page says it."""

    tier_name: str
    price: str  # "€5 a month"
    state: str  # "renews", "ends", "payment_failed", "gift"
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
        if membership.status == GIFT:
            state, until = "gift", membership.current_period_end
        elif membership.status == PAST_DUE:
            state, until = "payment_failed", membership.past_due_since + _grace()
        elif membership.cancel_at_period_end:
            state, until = "ends", membership.current_period_end
        else:
            state, until = "renews", membership.current_period_end
        per = {"month": "a month", "year": "a year"}.get(membership.cadence, "")
        price = format_money(membership.amount, membership.currency) if per else ""
        lines.append(
            MembershipLine(
                tier_name=membership.tier.name if membership.tier else "Membership",
                price=f"{price} {per}".strip(),
                state=state,
                until=until,
            )
        )
    return lines


@dataclass(frozen=True)
class TimelineLine:
    """One line of a member's timeline in the admin, newest first."""

    when: datetime
    kind: str  # a MemberEvent.Kind, or "signed_up" / "donation"
    label: str
    detail: str = ""
    source: str = ""


def member_timeline(member):
    """What happened to ``member``: their sign-up (and the page they came from), each event
    services recorded, and their donations (by address or provider customer)."""
    lines = [
        TimelineLine(
            when=member.created_at,
            kind="signed_up",
            label="Signed up",
            source=member.signup_source,
        )
    ]
    lines += [
        TimelineLine(
            when=event.created_at,
            kind=event.kind,
            label=event.get_kind_display(),
            detail=event.detail,
            source=event.source,
        )
        for event in MemberEvent.objects.filter(member=member)
    ]
    donations = Q(email__iexact=member.email)
    if member.stripe_customer_id:
        donations |= Q(customer_id=member.stripe_customer_id)
    lines += [
        TimelineLine(
            when=donation.paid_at or donation.created_at,
            kind="donation",
            label="Donated",
            detail=f"{donation.amount_display} ({donation.get_status_display()})",
        )
        for donation in Donation.objects.filter(donations)
    ]
    return sorted(lines, key=lambda line: line.when, reverse=True)


def member_tier_names(member, now=None):
    """The names of the tiers ``member`` reads now (their comp's, or their memberships')."""
    if member.status == Member.Status.COMPED:
        return [member.comp_tier.name] if member.comp_tier else []
    return sorted(
        {m.tier.name for m in member.memberships.all() if m.tier and membership_has_access(m, now)}
    )


def members_export_rows(queryset):
    """Ghost CSV rows (``ghost_csv.COLUMNS``) of the members in ``queryset``, read in chunks."""
    now = timezone.now()
    members = queryset.select_related("comp_tier").prefetch_related(
        "labels", "memberships__tier", "subscriber__subscriptions"
    )
    for member in members.iterator(chunk_size=2000):
        subscribed = member.subscriber is not None and any(
            s.status == Subscription.Status.SUBSCRIBED
            for s in member.subscriber.subscriptions.all()
        )
        yield {
            "id": member.pk,
            "email": member.email,
            "name": member.name,
            "note": member.note,
            "subscribed_to_emails": "true" if subscribed else "false",
            "complimentary_plan": "true" if member.status == Member.Status.COMPED else "false",
            "stripe_customer_id": member.stripe_customer_id,
            "created_at": ghost_csv.iso(member.created_at),
            "deleted_at": "",
            "labels": ",".join(label.name for label in member.labels.all()),
            "tiers": ",".join(member_tier_names(member, now)),
        }


# The dashboard (Members → Dashboard): counts over the whole list, none of a reader's details.

DASHBOARD_DAYS = 30
# What makes a member a paying one: a subscription paid or on trial, or a gift redeemed.
PAID_STARTS = (MemberEvent.Kind.PAID, MemberEvent.Kind.TRIAL, MemberEvent.Kind.GIFT)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    text: str = ""  # the value as said ("€1,250.00"), when not the plain number


@dataclass(frozen=True)
class Dashboard:
    by_status: list  # [Bar]
    mrr: list  # [Bar] per currency, in minor units
    new_paid: list  # [Bar] per day, oldest first
    churn_cancelled: int
    churn_paid_at_start: int
    churn_rate: float | None
    signups_by_page: list  # [Bar]
    conversions_by_page: list  # [Bar]


def _monthly(membership):
    return membership.amount // 12 if membership.cadence == "year" else membership.amount


def members_dashboard(now=None, top=10):
    """Members by status, MRR per currency (each membership with access now at its monthly
    equivalent: a year's price ÷ 12), new paid members per day and churn over the last
    DASHBOARD_DAYS days (memberships that ended or were cancelled ÷ members paying at the
    start), and the pages members signed up and began paying from."""
    now = now or timezone.now()
    since = now - timedelta(days=DASHBOARD_DAYS)
    counts = dict(Member.objects.values_list("status").annotate(n=Count("pk")))
    by_status = [Bar(label, counts.get(value, 0)) for value, label in Member.Status.choices]

    mrr: dict[str, int] = {}
    for membership in Membership.objects.filter(status__in=(*LIVE_STATUSES, PAST_DUE)):
        if membership.amount and membership_has_access(membership, now):
            mrr[membership.currency] = mrr.get(membership.currency, 0) + _monthly(membership)
    mrr_bars = [
        Bar(currency.upper(), amount, format_money(amount, currency))
        for currency, amount in sorted(mrr.items())
    ]

    started = (
        MemberEvent.objects.filter(kind__in=PAID_STARTS, created_at__gte=since)
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(n=Count("member", distinct=True))
    )
    per_day = {row["day"]: row["n"] for row in started}
    days = [timezone.localdate(now - timedelta(days=n)) for n in range(DASHBOARD_DAYS - 1, -1, -1)]
    new_paid = [Bar(f"{day:%-d %b}", per_day.get(day, 0)) for day in days]

    left = (
        MemberEvent.objects.filter(
            kind__in=(MemberEvent.Kind.CANCELLED, MemberEvent.Kind.ENDED), created_at__gte=since
        )
        .values("member")
        .distinct()
        .count()
    )
    joined = sum(bar.value for bar in new_paid)
    paying_now = counts.get(Member.Status.PAID, 0)
    at_start = max(paying_now - joined + left, 0)

    def by_page(rows):
        return [Bar(row["page"], row["n"]) for row in rows[:top]]

    signups = (
        Member.objects.exclude(signup_source__in=("", "newsletter", "import"))
        .values(page=F("signup_source"))
        .annotate(n=Count("pk"))
        .order_by("-n", "page")
    )
    conversions = (
        MemberEvent.objects.filter(kind__in=(MemberEvent.Kind.PAID, MemberEvent.Kind.TRIAL))
        .exclude(source="")
        .values(page=F("source"))
        .annotate(n=Count("member", distinct=True))
        .order_by("-n", "page")
    )
    return Dashboard(
        by_status=by_status,
        mrr=mrr_bars,
        new_paid=new_paid,
        churn_cancelled=left,
        churn_paid_at_start=at_start,
        churn_rate=(left / at_start) if at_start else None,
        signups_by_page=by_page(list(signups)),
        conversions_by_page=by_page(list(conversions)),
    )


def paid_until(member, tier, now=None):
    """The latest end of ``member``'s paid time on ``tier`` still running (a renewing
    subscription's current period, a cancelled one's end, an earlier gift's), else None."""
    now = now or timezone.now()
    ends = [
        m.current_period_end
        for m in member.memberships.filter(tier=tier)
        if m.current_period_end is not None and membership_has_access(m, now)
    ]
    return max(ends, default=None)


def paid_only_by_gifts(member, now=None):
    """Whether the member's paid time is all gifts' (nothing the provider goes on charging)."""
    live = [m for m in member.memberships.all() if membership_has_access(m, now)]
    return bool(live) and all(m.status == GIFT for m in live)


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
