"""Writes for members: sign-in by emailed link or code, email change, account and erasure.

``sign_in_request`` answers every caller alike: known, unknown, rate-limited or suppressed
addresses get the same page, and only the owner of the address learns more (from the email).
Links and codes are stored as keyed hashes, work once for MASTHEAD_MEMBER_SIGNIN_MINUTES, and
MASTHEAD_MEMBER_CODE_ATTEMPTS wrong codes burn them. Emails leave after the commit, sent from
the commit hook itself rather than a queued task: a task's arguments are stored in the
database, and the link and code must never be.
"""

import calendar
import hashlib
import hmac
import logging
import secrets
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from core import bulk, ratelimit
from newsletters import emails as addresses
from newsletters import services as newsletters
from newsletters.models import Subscriber
from newsletters.selectors import is_suppressed
from payments import services as payments
from payments.backends import get_backend
from payments.backends.base import ACTIVE, CANCELED, PAST_DUE, TRIALING, NotFound, PaymentsError
from payments.models import Tier
from payments.selectors import tier_for_provider

from . import emails, ghost_csv, tasks
from .models import Label, Member, MemberEvent, MemberImport, Membership, PodcastFeed, SignInRequest
from .selectors import (
    GIFT,
    GIFT_PREFIX,
    member_reader,
    membership_has_access,
    paid_only_by_gifts,
    paid_until,
    unlinked_subscriber,
)

logger = logging.getLogger(__name__)

EMAIL_CHANGE_VALIDITY = timedelta(hours=24)
CODE_DIGITS = 6


class Outcome(StrEnum):
    """What a sign-in request did (for logs and tests; the reader always sees the same page)."""

    SENT = "email sent"
    RATE_LIMITED = "rate limited"
    SUPPRESSED = "suppressed"


class SignInError(Exception):
    """The link or code is wrong, used, burnt or expired (the reader is told just that)."""


class EmailTaken(Exception):
    """The new address already belongs to another member or newsletter subscriber."""


def _keyed_hash(value):
    key = f"masthead.members:{settings.SECRET_KEY}".encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def _code_hash(token_hash, code):
    return _keyed_hash(f"code\n{token_hash}\n{code}")


def _validity():
    return timedelta(minutes=settings.MASTHEAD_MEMBER_SIGNIN_MINUTES)


def _allowed(*, ip, email):
    """Both limits, the client's (distinct addresses) and the address's (emails)."""
    return ratelimit.attempt_allowed(
        scope="member sign-in: addresses per client",
        key=ip,
        item=email.lower(),
        limit=settings.MASTHEAD_MEMBER_IP_LIMIT,
    ) and ratelimit.attempt_allowed(
        scope="member sign-in: emails per address",
        key=email.lower(),
        limit=settings.MASTHEAD_MEMBER_EMAIL_LIMIT,
    )


def _new_request(*, purpose, email, member, next_path="", validity):
    token = secrets.token_urlsafe(32)
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    token_hash = _keyed_hash(f"token\n{token}")
    SignInRequest.objects.create(
        purpose=purpose,
        email=email,
        member=member,
        token_hash=token_hash,
        code_hash=_code_hash(token_hash, code) if purpose == SignInRequest.Purpose.SIGN_IN else "",
        next_path=next_path[:500],
        expires_at=timezone.now() + validity,
    )
    return token, code


def sign_in_request(*, email, ip="", next_path="", base_url):
    """A reader asks to sign in as ``email`` (ValidationError if it is no address). Returns an
    ``Outcome``; after the commit, the link (on ``base_url``) and code go to the address: to sign
    in, or for an unknown address to create the free account. ``next_path``: a local path to
    return to, and for a new member the page they signed up from."""
    email = addresses.normalise(email)
    if not _allowed(ip=ip, email=email):
        logger.info("Member sign-in refused: rate limit reached")
        return Outcome.RATE_LIMITED
    member = Member.objects.with_email(email).first()
    if member is None and is_suppressed(email):
        # A bounced or complaining address that holds no account gets nothing more from us.
        return Outcome.SUPPRESSED
    if member is not None:
        email = member.email  # as the member's own address is written
    with transaction.atomic():
        token, code = _new_request(
            purpose=SignInRequest.Purpose.SIGN_IN,
            email=email,
            member=member,
            next_path=next_path,
            validity=_validity(),
        )
        link = base_url.rstrip("/") + reverse("members:sign_in_link", kwargs={"token": token})
        transaction.on_commit(
            lambda: emails.sign_in_send(
                email=email,
                link=link,
                code=code,
                new_member=member is None,
                minutes=settings.MASTHEAD_MEMBER_SIGNIN_MINUTES,
            ),
            robust=True,  # a mail server down leaves the answer the same; it is logged
        )
    return Outcome.SENT


def _live_requests(now):
    return SignInRequest.objects.filter(used_at__isnull=True, expires_at__gt=now)


def sign_in_request_for_token(token, *, purpose=SignInRequest.Purpose.SIGN_IN):
    """The live request of ``token`` (for the confirm page), or None."""
    if not isinstance(token, str) or not token or len(token) > 100:
        return None
    return (
        _live_requests(timezone.now())
        .filter(purpose=purpose, token_hash=_keyed_hash(f"token\n{token}"))
        .first()
    )


def _use(request, now):
    """Claim ``request`` once: one conditional UPDATE, so two presses sign in once."""
    return (
        SignInRequest.objects.filter(
            pk=request.pk, used_at__isnull=True, expires_at__gt=now
        ).update(used_at=now)
        == 1
    )


@transaction.atomic
def sign_in_verify_token(*, token):
    """``(member, next_path)``: who ``token`` (the emailed link) signs in, created if the
    address had none, and where they were going. SignInError if it is not a live link."""
    now = timezone.now()
    request = sign_in_request_for_token(token)
    if request is None or not _use(request, now):
        raise SignInError("link")
    return _signed_in(request, now), request.next_path


def sign_in_verify_code(*, email, code):
    """``(member, next_path)`` that ``code``, typed for ``email``, signs in. A wrong code
    counts against every live request of the address; MASTHEAD_MEMBER_CODE_ATTEMPTS of them
    burn it."""
    now = timezone.now()
    code = (code or "").strip().replace(" ", "")
    with transaction.atomic():
        live = list(
            _live_requests(now)
            .filter(purpose=SignInRequest.Purpose.SIGN_IN, email__iexact=email or "")
            .select_for_update()
        )
        for request in live:
            if (
                code.isdigit()
                and hmac.compare_digest(request.code_hash, _code_hash(request.token_hash, code))
                and _use(request, now)
            ):
                return _signed_in(request, now), request.next_path
        ids = [request.pk for request in live]
        SignInRequest.objects.filter(pk__in=ids).update(wrong_codes=F("wrong_codes") + 1)
        SignInRequest.objects.filter(
            pk__in=ids, wrong_codes__gte=settings.MASTHEAD_MEMBER_CODE_ATTEMPTS
        ).update(used_at=now)
    raise SignInError("code")


def _signed_in(request, now):
    member = request.member or member_ensure(email=request.email, signup_source=request.next_path)
    member.last_signed_in_at = now
    member.save(update_fields=["last_signed_in_at"])
    event_record(member=member, kind=MemberEvent.Kind.SIGNED_IN, created_at=now)
    return member


def event_record(*, member, kind, detail="", source="", created_at=None):
    """Add a line to ``member``'s timeline (the one place events are written)."""
    return MemberEvent.objects.create(
        member=member,
        kind=kind,
        detail=str(detail)[:500],
        source=str(source)[:500],
        created_at=created_at or timezone.now(),
    )


def member_ensure(*, email, name="", signup_source=""):
    """The member of ``email`` (a proved address), created free and linked to the address's
    newsletter subscriber if missing. Safe to race."""
    email = addresses.normalise(email)
    member = Member.objects.with_email(email).first()
    if member is not None:
        return member
    subscriber = unlinked_subscriber(email)
    member = Member(
        email=email,
        name=name or (subscriber.first_name if subscriber else ""),
        subscriber=subscriber,
        signup_source=signup_source[:500],
    )
    member.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:  # created by a concurrent request
        member = Member.objects.with_email(email).get()
    return member


def member_for_subscriber(*, subscriber):
    """Make ``subscriber``, who has just proved their address, a member (newsletters'
    ``subscriber_confirmed``)."""
    member = Member.objects.with_email(subscriber.email).first()
    if member is None:
        return member_ensure(email=subscriber.email, signup_source="newsletter")
    if member.subscriber_id is None:
        member.subscriber = subscriber
        member.save(update_fields=["subscriber"])
        subscriber_access_sync(member=member)
    return member


def subscriber_access_sync(*, member, now=None):
    """Tell the member's newsletter subscriber what the member may read now (paid newsletters
    and paid sections of issues go by it: ``newsletters.services.subscriber_access_update``).
    Called wherever access may change; ``subscribers_access_reconcile`` catches the rest."""
    if member.subscriber_id is None:
        return
    reader = member_reader(member, now)
    newsletters.subscriber_access_update(
        subscriber=member.subscriber, paid=reader.kind == "paid", tier_ids=reader.tier_ids
    )


def subscribers_access_reconcile(*, now=None):
    """The safety net (the worker's clock): every subscriber whose recorded access differs from
    their member's now is told again, and one whose member is gone (or who has none) is free.
    Returns how many were corrected."""
    corrected = 0
    members = (
        Member.objects.filter(subscriber__isnull=False)
        .filter(
            Q(status__in=[Member.Status.PAID, Member.Status.COMPED])
            | Q(subscriber__access=Subscriber.Access.PAID)
        )
        .select_related("subscriber")
        .prefetch_related("memberships", "subscriber__paid_tiers")
    )
    for member in members.iterator(chunk_size=500):
        subscriber = member.subscriber
        if subscriber is None:
            continue
        reader = member_reader(member, now)
        paid = reader.kind == "paid"
        wanted = (
            Subscriber.Access.PAID if paid else Subscriber.Access.FREE,
            reader.tier_ids if paid else frozenset(),
        )
        recorded = (subscriber.access, frozenset(t.pk for t in subscriber.paid_tiers.all()))
        if recorded != wanted:
            with transaction.atomic():
                subscriber_access_sync(member=member, now=now)
            corrected += 1
    orphans = Subscriber.objects.filter(access=Subscriber.Access.PAID, member__isnull=True)
    for subscriber in orphans:
        newsletters.subscriber_access_update(subscriber=subscriber, paid=False)
        corrected += 1
    return corrected


def member_rename(*, member, name):
    member.name = name.strip()[:120]
    member.full_clean(validate_unique=False, validate_constraints=False)
    member.save(update_fields=["name"])
    return member


@transaction.atomic
def email_change_request(*, member, new_email, base_url):
    """Send a confirmation link to ``new_email`` (after the commit); the address changes only
    when it is opened and confirmed. ValidationError for a bad address; the same answer
    whether the address is free or taken (its owner learns which from the link)."""
    new_email = addresses.normalise(new_email)
    if new_email.lower() == member.email.lower():
        raise ValidationError("That is already your address.", code="same")
    if not _allowed(ip=f"member {member.pk}", email=new_email):
        return Outcome.RATE_LIMITED
    token, _ = _new_request(
        purpose=SignInRequest.Purpose.EMAIL_CHANGE,
        email=new_email,
        member=member,
        validity=EMAIL_CHANGE_VALIDITY,
    )
    link = base_url.rstrip("/") + reverse("members:email_confirm", kwargs={"token": token})
    transaction.on_commit(lambda: emails.email_change_send(email=new_email, link=link), robust=True)
    return Outcome.SENT


@transaction.atomic
def email_change_confirm(*, token):
    """Move the member (and their newsletter subscriber) to the address the link went to.
    SignInError for a dead link, EmailTaken if the address has an account or lists already."""
    now = timezone.now()
    request = sign_in_request_for_token(token, purpose=SignInRequest.Purpose.EMAIL_CHANGE)
    if request is None or request.member is None:
        raise SignInError("link")
    member = request.member
    if Member.objects.with_email(request.email).exclude(pk=member.pk).exists():
        raise EmailTaken(request.email)
    other = Subscriber.objects.filter(email__iexact=request.email).first()
    if other is not None and member.subscriber_id not in (None, other.pk):
        raise EmailTaken(request.email)
    if not _use(request, now):
        raise SignInError("link")
    if member.subscriber is not None:
        newsletters.subscriber_email_change(subscriber=member.subscriber, email=request.email)
    elif other is not None and not hasattr(other, "member"):
        member.subscriber = other
    old_email, member.email = member.email, request.email
    try:
        with transaction.atomic():
            member.save(update_fields=["email", "subscriber"])
    except IntegrityError as error:
        raise EmailTaken(request.email) from error
    subscriber_access_sync(member=member)
    event_record(
        member=member,
        kind=MemberEvent.Kind.EMAIL_CHANGED,
        detail=f"{old_email} \N{RIGHTWARDS ARROW} {member.email}",
    )
    # Links sent to the old address no longer sign anyone in.
    member.sign_in_requests.filter(used_at__isnull=True).update(used_at=now)
    return member


@transaction.atomic
def member_newsletters_update(*, member, newsletters_wanted, source_url="", ip="", user_agent=""):
    """Subscribe the signed-in member to exactly ``newsletters_wanted`` (they proved their
    address by signing in, so at once, with a confirmed consent record)."""
    subscriber = member.subscriber
    if subscriber is None:
        if not newsletters_wanted:
            return
        subscriber = newsletters.subscriber_ensure(email=member.email, first_name=member.name)
        member.subscriber = subscriber
        member.save(update_fields=["subscriber"])
        subscriber_access_sync(member=member)
    newsletters.subscriber_preferences_update(
        subscriber=subscriber,
        newsletters=newsletters_wanted,
        source_url=source_url,
        ip=ip,
        user_agent=user_agent,
    )


@transaction.atomic
def member_delete(*, member):
    """Erase ``member`` (GDPR art. 17): the account, its sign-in requests and its newsletter
    subscriber, whose consent records stay without the address (``subscriber_erase``).
    A paying member cancels first (ValidationError): erasing them would not stop the charges
    (a gift's months charge nobody, and go with the account)."""
    if member.status == Member.Status.PAID and not paid_only_by_gifts(member):
        raise ValidationError("Cancel your paid membership first.", code="paying")
    if member.subscriber is not None:
        newsletters.subscriber_erase(subscriber=member.subscriber)
    member.delete()


# The random part of a private podcast feed's address (its HMAC follows it: 256 more bits).
PODCAST_LOOKUP_BYTES = 16


def _podcast_lookup():
    return secrets.token_urlsafe(PODCAST_LOOKUP_BYTES)


def _paying(member):
    if not member.has_paid_access:
        raise ValidationError("The private podcast feed is for paying members.", code="not_paid")


@transaction.atomic
def podcast_feed_ensure(*, member):
    """``member``'s private podcast feed, made the first time a paying member asks for it
    (ValidationError for a member who does not pay)."""
    _paying(member)
    feed, _ = PodcastFeed.objects.get_or_create(
        member=member, defaults={"lookup": _podcast_lookup()}
    )
    return feed


@transaction.atomic
def podcast_feed_reset(*, member):
    """A new address for ``member``'s private feed: the old one answers 404 from now on."""
    _paying(member)
    feed = PodcastFeed.objects.select_for_update().filter(member=member).first()
    if feed is None:
        return podcast_feed_ensure(member=member)
    feed.lookup = _podcast_lookup()
    feed.full_clean()
    feed.save()
    return feed


class CheckoutRefused(Exception):
    """No Checkout for this choice: an unknown tier or price, or a member who pays already."""


def membership_checkout(*, member, tier, cadence, offer=None, success_url, cancel_url, source=""):
    """A provider's Checkout page for ``member`` to subscribe to ``tier`` at ``cadence`` (its
    price per month or per year), with ``offer``'s coupon or trial if it is an offer on that
    price. The member's provider customer is found or made by their address first, and kept on
    the member. CheckoutRefused for a price the tier has not (yet) got or a paying member;
    PaymentsError when the provider refuses or is down. ``source``: the page the member
    joins from (kept for the dashboard's conversions per article)."""
    if member.status == Member.Status.PAID:
        raise CheckoutRefused("paying already")
    price_id = tier.price_id_for(cadence) if tier.amount_for(cadence) else ""
    if not price_id:
        raise CheckoutRefused("no such price")
    backend = get_backend()
    if member.checkout_source != source[:500]:
        member.checkout_source = source[:500]
        member.save(update_fields=["checkout_source"])
    if not member.stripe_customer_id:
        customer = backend.ensure_customer(
            email=member.email, name=member.name, metadata={"masthead_member": str(member.pk)}
        )
        member.stripe_customer_id = customer.id
        member.save(update_fields=["stripe_customer_id"])
    coupon_id, trial_days = "", tier.trial_days
    if offer is not None and offer.tier_id == tier.pk and offer.cadence == cadence:
        if offer.is_trial:
            trial_days = offer.trial_days or 0
        else:
            coupon_id = offer.coupon_id
    return backend.create_subscription_checkout(
        price_id=price_id,
        success_url=success_url,
        cancel_url=cancel_url,
        customer_id=member.stripe_customer_id,
        coupon_id=coupon_id,
        trial_days=trial_days,
        client_reference_id=str(member.pk),
        metadata={"masthead_kind": "membership", "masthead_tier": tier.slug},
    )


def _when(timestamp):
    return datetime.fromtimestamp(timestamp, tz=UTC) if timestamp else None


def _member_for(subscription, member_id):
    members = Member.objects.select_for_update()
    if subscription.customer_id:
        member = members.filter(stripe_customer_id=subscription.customer_id).first()
        if member is not None:
            return member
    if member_id and str(member_id).isdigit():
        member = members.filter(pk=int(member_id)).first()
        if member is not None and not member.stripe_customer_id:
            member.stripe_customer_id = subscription.customer_id
            member.save(update_fields=["stripe_customer_id"])
        return member
    return None


@transaction.atomic
def membership_sync(*, subscription_id, member_id=""):
    """Re-read ``subscription_id`` from the provider and make its ``Membership`` and its
    member's status match: the same answer however often, and in whatever order, the events
    about it come. ``member_id``: Checkout's client_reference_id, for a customer not yet
    kept on a member. Emails (welcome, payment failed, cancellation) leave after the commit,
    once per change. None when no member is the subscription's."""
    try:
        subscription = get_backend().retrieve_subscription(subscription_id)
    except NotFound:  # another account's or mode's: nothing of ours to follow
        logger.warning("members: subscription %s is not at the provider", subscription_id)
        return None
    return membership_follow(subscription=subscription, member_id=member_id)


@transaction.atomic
def membership_follow(*, subscription, member_id=""):
    """Make the ``Membership`` of ``subscription`` (as just read from the provider) and its
    member's status match it (``membership_sync``; the CSV import links with it too)."""
    member = _member_for(subscription, member_id)
    if member is None:
        logger.warning("members: subscription %s is no member's", subscription.id)
        return None
    now = timezone.now()
    membership = (
        Membership.objects.select_for_update().filter(subscription_id=subscription.id).first()
    )
    before = (membership.status, membership.cancel_at_period_end) if membership else ("", False)
    tier_before = membership.tier_id if membership else None
    if membership is None:
        membership = Membership(member=member, subscription_id=subscription.id)
    membership.member = member
    membership.tier = tier_for_provider(
        product_id=subscription.product_id, price_id=subscription.price_id
    )
    membership.price_id = subscription.price_id
    membership.cadence = subscription.interval
    membership.amount = subscription.amount
    membership.currency = subscription.currency
    membership.status = subscription.status
    membership.cancel_at_period_end = subscription.cancel_at_period_end
    membership.current_period_end = _when(subscription.current_period_end)
    if subscription.status != PAST_DUE:
        membership.past_due_since = None
    elif membership.past_due_since is None:
        membership.past_due_since = now
    membership.save()
    _membership_events(member, membership, before=before, tier_before=tier_before, now=now)
    was_paid = member.status == Member.Status.PAID
    member_status_update(member=member, now=now)
    email = member.email
    if member.status == Member.Status.PAID and not was_paid and before[0] == "":
        transaction.on_commit(lambda: emails.welcome_send(email=email), robust=True)
    if subscription.status == PAST_DUE and before[0] != PAST_DUE:
        transaction.on_commit(lambda: emails.payment_failed_send(email=email), robust=True)
    cancelled = subscription.cancel_at_period_end or subscription.status == CANCELED
    if cancelled and not (before[1] or before[0] == CANCELED) and before[0]:
        until = membership.current_period_end if subscription.cancel_at_period_end else None
        transaction.on_commit(
            lambda: emails.cancellation_send(email=email, until=until), robust=True
        )
    return membership


def _membership_events(member, membership, *, before, tier_before, now):
    """The timeline line a membership's change makes (none when nothing changed)."""
    Kind = MemberEvent.Kind
    status, cancelling = membership.status, membership.cancel_at_period_end
    if status != before[0]:
        kind = {TRIALING: Kind.TRIAL, ACTIVE: Kind.PAID, PAST_DUE: Kind.PAST_DUE}.get(
            status, Kind.ENDED
        )
    elif cancelling != before[1]:
        kind = Kind.CANCELLED if cancelling else Kind.RESUMED
    elif tier_before != membership.tier_id:
        kind = Kind.TIER_CHANGED
    else:
        return
    source = member.checkout_source if kind in (Kind.PAID, Kind.TRIAL) else ""
    tier = membership.tier.name if membership.tier else ""
    event_record(member=member, kind=kind, detail=tier, source=source, created_at=now)


def member_status_update(*, member, now=None):
    """Paid while one of the member's memberships opens paid articles, else free; a comped
    member stays comped whatever their subscriptions do."""
    if member.status != Member.Status.COMPED:
        paid = any(membership_has_access(m, now) for m in member.memberships.all())
        status = Member.Status.PAID if paid else Member.Status.FREE
        if member.status != status:
            member.status = status
            member.save(update_fields=["status"])
    # The tiers may change while the status does not (a new tier, a comped member's gift).
    subscriber_access_sync(member=member, now=now)
    return member


def memberships_expire():
    """Members whose grace period or paid time ran out since the last event become free (the
    worker's clock)."""
    for member in Member.objects.filter(status=Member.Status.PAID):
        with transaction.atomic():
            member_status_update(member=Member.objects.select_for_update().get(pk=member.pk))


def membership_event(event):
    """What a payment event means for memberships: the subscription it is about, re-read."""
    obj = event.object
    if event.type == "checkout.session.completed":
        if obj.get("mode") == "subscription" and obj.get("subscription"):
            membership_sync(
                subscription_id=obj["subscription"],
                member_id=obj.get("client_reference_id") or "",
            )
    elif event.type.startswith("customer.subscription."):
        membership_sync(subscription_id=obj["id"])
    elif event.type in ("invoice.paid", "invoice.payment_failed"):
        parent = (obj.get("parent") or {}).get("subscription_details") or {}
        if subscription_id := obj.get("subscription") or parent.get("subscription"):
            membership_sync(subscription_id=subscription_id)


class CompRefused(Exception):
    """No comp: the member pays already (their subscription gives them access)."""


@transaction.atomic
def member_comp(*, member, tier=None, by=""):
    """Give ``member`` paid access without paying, to ``tier`` (None: every tier)."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.status == Member.Status.PAID:
        raise CompRefused(member.email)
    if member.status == Member.Status.COMPED and member.comp_tier_id == (tier and tier.pk):
        return member
    member.status = Member.Status.COMPED
    member.comp_tier = tier
    member.save(update_fields=["status", "comp_tier"])
    event_record(
        member=member,
        kind=MemberEvent.Kind.COMPED,
        detail=tier.name if tier else "Every tier",
        source=f"by {by}" if by else "",
    )
    subscriber_access_sync(member=member)  # their paid newsletters follow
    return member


@transaction.atomic
def member_uncomp(*, member, by=""):
    """Take the comp back: the member is paid again if a subscription says so, else free."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.status != Member.Status.COMPED:
        return member
    member.status = Member.Status.FREE
    member.comp_tier = None
    member.save(update_fields=["status", "comp_tier"])
    event_record(member=member, kind=MemberEvent.Kind.UNCOMPED, source=f"by {by}" if by else "")
    return member_status_update(member=member)


def membership_cancel(*, membership):
    """Cancel ``membership``'s subscription at the end of the period paid for, at the provider,
    and follow what it answers (the member keeps access until then). PaymentsError when the
    provider refuses or is down."""
    subscription = get_backend().cancel_subscription(membership.subscription_id, at_period_end=True)
    return membership_follow(subscription=subscription)


@transaction.atomic
def member_labels_change(*, members, add=(), remove=()):
    """Put the ``add`` labels on every one of ``members`` and take the ``remove`` ones off."""
    for member in members:
        if add:
            member.labels.add(*add)
        if remove:
            member.labels.remove(*remove)


def label_ensure(name):
    """The label called ``name`` (whatever its case), created if there is none."""
    name = name.strip()[:80]
    label = Label.objects.filter(name__iexact=name).first()
    if label is None:
        label, _ = Label.objects.get_or_create(name=name)
    return label


# The Ghost members CSV import (``ghost_csv``): each row upserted by address in its own
# transaction, so a bad row is reported and the good ones are imported whole.


class RowRefused(Exception):
    """A CSV row not imported, and why (for the import's report)."""


def _row_member(row, *, imported_by):
    try:
        email = addresses.normalise(row.get("email") or "")
    except ValidationError:
        raise RowRefused(f"{row.get('email')!r} is not an email address") from None
    name, note = row.get("name") or "", row.get("note") or ""
    if len(name) > 120:
        raise RowRefused("the name is longer than 120 characters")
    try:
        created_at = ghost_csv.timestamp(row.get("created_at"))
        subscribed = ghost_csv.boolean(
            row.get("subscribed_to_emails"), column="subscribed_to_emails"
        )
        comped = ghost_csv.boolean(row.get("complimentary_plan"), column="complimentary_plan")
    except ValueError as error:
        raise RowRefused(str(error)) from None
    member = Member.objects.with_email(email).select_for_update().first()
    created = member is None
    if created:
        member = Member(
            email=email,
            subscriber=unlinked_subscriber(email),
            signup_source="import",
            created_at=created_at or timezone.now(),
        )
    if name:
        member.name = name
    if note:
        member.note = note
    member.save()
    if created:
        event_record(member=member, kind=MemberEvent.Kind.IMPORTED, detail=f"by {imported_by}")
    return member, created, subscribed, comped


def _row_stripe(member, customer_id):
    """Link ``member`` to the provider's existing customer and follow its subscriptions
    (nothing is created at the provider, nobody charged)."""
    if customer_id.lower() == "auto":  # Ghost's "make one": an import here never does
        return
    if Member.objects.filter(stripe_customer_id=customer_id).exclude(pk=member.pk).exists():
        raise RowRefused(f"Stripe customer {customer_id} is another member's")
    if member.stripe_customer_id and member.stripe_customer_id != customer_id:
        raise RowRefused(f"the member has another Stripe customer, {member.stripe_customer_id}")
    backend = get_backend()
    try:
        backend.retrieve_customer(customer_id)
        subscriptions = backend.customer_subscriptions(customer_id)
    except NotFound:
        raise RowRefused(f"Stripe has no customer {customer_id}") from None
    except PaymentsError as error:
        raise RowRefused(
            f"Stripe did not answer for {customer_id} ({error}); import again"
        ) from None
    if member.stripe_customer_id != customer_id:
        member.stripe_customer_id = customer_id
        member.save(update_fields=["stripe_customer_id"])
    for subscription in subscriptions:
        membership_follow(subscription=subscription)
    member.refresh_from_db(fields=["status"])


def _row_tier(row):
    names = ghost_csv.split_names(row.get("tiers"))
    if not names:
        return None
    tier = Tier.objects.filter(name__iexact=names[0]).first()
    if tier is None:
        raise RowRefused(f"there is no tier called {names[0]!r}")
    return tier


def member_import_row(*, row, newsletters_wanted=(), consent_text="", imported_by=""):
    """Import one Ghost CSV row (a dict): upsert the member by address; subscribe them to
    ``newsletters_wanted`` if ``subscribed_to_emails`` (with a consent record; an import never
    overrides their own unsubscribing); add its labels, made as needed; link its Stripe
    customer and follow that customer's subscriptions; comp it (to the row's tier, if named)
    unless it pays. All or nothing: RowRefused says why not. Returns (member, created)."""
    with transaction.atomic():
        member, created, subscribed, comped = _row_member(row, imported_by=imported_by)
        if customer_id := (row.get("stripe_customer_id") or "").strip():
            _row_stripe(member, customer_id)
        if comped and member.status != Member.Status.PAID:
            member_comp(member=member, tier=_row_tier(row), by=imported_by)
        if labels := ghost_csv.split_names(row.get("labels")):
            member.labels.add(*(label_ensure(name) for name in labels))
        if subscribed and newsletters_wanted:
            for newsletter in newsletters_wanted:
                newsletters.subscribers_import(
                    rows=[(0, member.email, member.name)],
                    newsletter=newsletter,
                    send_confirmation=False,
                    consent_text=consent_text,
                    imported_by=imported_by,
                )
            if member.subscriber_id is None:
                member.subscriber = Subscriber.objects.filter(email__iexact=member.email).first()
                member.save(update_fields=["subscriber"])
    return member, created


def members_import_run(*, member_import):
    """Run ``member_import`` (a queued MemberImport) row by row, saving its progress as it
    goes; its file's text is dropped once done. Safe to run twice: a finished import stays."""
    claimed = MemberImport.objects.filter(
        pk=member_import.pk, status=MemberImport.Status.QUEUED
    ).update(status=MemberImport.Status.RUNNING)
    if not claimed:
        return member_import
    member_import.refresh_from_db()
    newsletters_wanted = list(member_import.newsletters.all())
    try:
        rows = ghost_csv.parse(member_import.csv_text)
    except ghost_csv.BadFile as error:
        rows, member_import.problems = [], [[1, str(error)]]
    member_import.rows_total = len(rows)
    with bulk.bulk_operation("members import"):
        _members_import_rows(member_import, rows, newsletters_wanted)
    member_import.status = MemberImport.Status.DONE
    member_import.csv_text = ""
    member_import.finished_at = timezone.now()
    member_import.save()
    return member_import


def _members_import_rows(member_import, rows, newsletters_wanted):
    """Each row of the file into a member, counted, with the refused rows as problems."""
    seen = set()
    for number, (line, row) in enumerate(rows, start=1):
        key = (row.get("email") or "").strip().lower()
        if key and key in seen:
            member_import.problems.append([line, f"{row['email']} is on an earlier line too"])
        else:
            seen.add(key)
            try:
                _, created = member_import_row(
                    row=row,
                    newsletters_wanted=newsletters_wanted,
                    consent_text=member_import.consent_text,
                    imported_by=member_import.created_by,
                )
            except RowRefused as refused:
                member_import.problems.append([line, str(refused)])
            else:
                if created:
                    member_import.created_count += 1
                else:
                    member_import.updated_count += 1
        member_import.rows_done = number
        if number % 500 == 0:
            member_import.save()


@transaction.atomic
def members_import_queue(*, text, filename="", newsletters_wanted=(), consent_text="", by=""):
    """Keep an uploaded CSV file and run its import in the background after the commit."""
    member_import = MemberImport.objects.create(
        csv_text=text, filename=filename[:255], consent_text=consent_text, created_by=by
    )
    member_import.newsletters.set(newsletters_wanted)
    transaction.on_commit(lambda: tasks.members_import.enqueue(import_id=member_import.pk))
    return member_import


def add_months(when, months):
    """``when`` ``months`` later, on the same day of the month (or the month's last day:
    31 January and a month is 28 or 29 February)."""
    month = when.month - 1 + months
    year, month = when.year + month // 12, month % 12 + 1
    day = min(when.day, calendar.monthrange(year, month)[1])
    return when.replace(year=year, month=month, day=day)


@transaction.atomic
def gift_redeem(*, member, gift_id):
    """Redeem gift ``gift_id`` (whose code the member's session proved) for ``member``: a
    Membership of the gift's tier with no provider subscription, paid until its months end.
    Months start now, or at the end of the paid time the member has on that tier already (a
    renewing subscription's period, a cancelled one's end, an earlier gift), so no paid day is
    lost; a subscription still renews, which the member may cancel in the portal. The buyer is
    told after the commit. GiftRefused (payments) when it cannot be redeemed (any more)."""
    gift = payments.gift_claim(gift_id=gift_id, email=member.email)
    now = timezone.now()
    start = max(now, paid_until(member, gift.tier, now) or now)
    membership = Membership(
        member=member,
        subscription_id=f"{GIFT_PREFIX}{gift.pk}",
        tier=gift.tier,
        amount=gift.amount,
        currency=gift.currency,
        status=GIFT,
        current_period_end=add_months(start, gift.months),
    )
    membership.full_clean(validate_unique=False)
    membership.save()
    event_record(
        member=member, kind=MemberEvent.Kind.GIFT, detail=f"{gift.tier.name}, {gift.months} months"
    )
    member_status_update(member=member, now=now)
    # The buyer hears of the address they gave, never of the account that redeemed it.
    buyer, recipient, tier_name = gift.buyer_email, gift.recipient_email, gift.tier.name
    transaction.on_commit(
        lambda: emails.gift_redeemed_send(email=buyer, recipient=recipient, tier_name=tier_name),
        robust=True,
    )
    return membership
