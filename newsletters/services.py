"""Writes for newsletters: sign-up, confirmation, unsubscribing, preferences and imports.

Sign-up (``subscription_request``) answers every caller the same way whatever happened — new,
pending, already subscribed, rate-limited or suppressed — so the form never reveals who is on a
list. Only a confirmation email is ever sent to an address that has not confirmed, at most one
per address per CONFIRMATION_INTERVAL and only after the commit.
"""

import hashlib
import hmac
import logging
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from core import ratelimit

from . import emails
from .models import (
    ConsentRecord,
    Subscriber,
    Subscription,
    Suppression,
)
from .selectors import is_suppressed, offered_to_subscriber, suppressions
from .signals import subscriber_confirmed

logger = logging.getLogger(__name__)

CONFIRMATION_INTERVAL = timedelta(hours=24)
CONSENT_RECORD_INTERVAL = timedelta(hours=24)

CONSENT_WORDING = (
    "By signing up you agree to receive {newsletters} by email. "
    "You can unsubscribe at any time with the link in every email."
)


class Outcome(StrEnum):
    """What a sign-up did (for logs and tests; the reader always sees the same reply)."""

    CONFIRMATION_QUEUED = "confirmation queued"
    CONFIRMATION_RECENT = "confirmation sent recently"
    NOTHING_TO_CONFIRM = "already subscribed"
    RATE_LIMITED = "rate limited"
    SUPPRESSED = "suppressed"
    NO_NEWSLETTER = "no active newsletter"


def standard_consent_text(newsletter):
    return CONSENT_WORDING.format(newsletters=newsletter.display_name)


def _keyed_hash(value):
    key = f"masthead.newsletters:{settings.SECRET_KEY}".encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def stored_ip(ip):
    """What a consent record keeps of ``ip`` (MASTHEAD_NEWSLETTER_STORE_IP)."""
    mode = settings.MASTHEAD_NEWSLETTER_STORE_IP
    if not ip or mode == "none":
        return ""
    return ip if mode == "full" else _keyed_hash(ip)


def signup_allowed_from_ip(*, ip, email, now=None):
    """True if ``ip`` may ask for ``email`` now, recording the attempt (``core/ratelimit.py``).

    An IP may ask for MASTHEAD_NEWSLETTER_IP_LIMIT distinct addresses per hour; asking again
    for one of them costs nothing. Counted under a lock, so concurrent requests cannot all slip
    through.
    """
    return ratelimit.attempt_allowed(
        scope="newsletter sign-up: addresses per client",
        key=ip,
        item=email.lower(),
        limit=settings.MASTHEAD_NEWSLETTER_IP_LIMIT,
        now=now,
    )


def _subscriber_for(email, *, first_name=""):
    subscriber = Subscriber.objects.filter(email__iexact=email).first()
    if subscriber is not None:
        return subscriber
    subscriber = Subscriber(email=email, first_name=first_name[:80])
    subscriber.full_clean(validate_unique=False)  # a race is caught below
    try:
        with transaction.atomic():
            subscriber.save()
    except IntegrityError:  # created by a concurrent request
        subscriber = Subscriber.objects.get(email__iexact=email)
    return subscriber


def _subscription_for(subscriber, newsletter, *, lock=False):
    subscription, created = Subscription.objects.get_or_create(
        subscriber=subscriber, newsletter=newsletter
    )
    if lock and not created:
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    return subscription


def _asked_by_form_recently(subscription, *, now=None):
    """Whether a sign-up form asked for ``subscription`` in the last CONSENT_RECORD_INTERVAL
    and that request is still unconfirmed. A pending address asked for again and again (by
    anyone: the form is public) keeps one record a day; once confirmed, the next request is a
    new consent and gets its own."""
    since = (now or timezone.now()) - CONSENT_RECORD_INTERVAL
    return subscription.consent_records.filter(
        method=ConsentRecord.Method.FORM, confirmed_at__isnull=True, created_at__gte=since
    ).exists()


def confirmation_claim(subscriber, *, now=None):
    """Reserve the right to email ``subscriber`` a confirmation now; False if one went out in
    the last CONFIRMATION_INTERVAL. One conditional UPDATE, so of any number of concurrent
    requests exactly one wins (PostgreSQL re-checks the WHERE after waiting for the row lock)."""
    now = now or timezone.now()
    claimed = (
        Subscriber.objects.filter(pk=subscriber.pk)
        .filter(
            Q(last_confirmation_sent_at__isnull=True)
            | Q(last_confirmation_sent_at__lte=now - CONFIRMATION_INTERVAL)
        )
        .update(last_confirmation_sent_at=now)
    )
    return claimed == 1


def subscription_request(
    *, email, first_name="", newsletters, source_url="", ip="", user_agent="", consent_text=None
):
    """A reader asks for ``newsletters``: pending subscriptions, consent records, and (after the
    commit) one confirmation email unless one was sent in the last 24 hours.

    ``email`` is validated here too (ValidationError). ``consent_text`` overrides the standard
    wording (``standard_consent_text``) for every newsletter. Returns an ``Outcome``.
    """
    email = emails.normalise(email)
    newsletters = [n for n in newsletters if n.is_active]
    if not newsletters:
        return Outcome.NO_NEWSLETTER
    if not signup_allowed_from_ip(ip=ip, email=email):
        logger.info("Newsletter sign-up refused: IP limit reached")
        return Outcome.RATE_LIMITED
    if is_suppressed(email):
        return Outcome.SUPPRESSED
    with transaction.atomic():
        subscriber = _subscriber_for(email, first_name=first_name)
        pending = []
        for newsletter in newsletters:
            # Locked, so that concurrent requests for it decide one after the other.
            subscription = _subscription_for(subscriber, newsletter, lock=True)
            if subscription.status == Subscription.Status.SUBSCRIBED:
                continue
            if subscription.status == Subscription.Status.UNSUBSCRIBED:
                subscription.status = Subscription.Status.PENDING
                subscription.save(update_fields=["status"])
            pending.append(subscription)
            if _asked_by_form_recently(subscription):
                continue  # that request's record stands until it is confirmed
            ConsentRecord.objects.create(
                subscription=subscription,
                newsletter=newsletter,
                method=ConsentRecord.Method.FORM,
                source_url=source_url[:500],
                consent_text=consent_text or standard_consent_text(newsletter),
                ip_address=stored_ip(ip),
                user_agent=user_agent[:300],
            )
        if not pending:
            return Outcome.NOTHING_TO_CONFIRM
        if not confirmation_claim(subscriber):
            return Outcome.CONFIRMATION_RECENT
        _queue_confirmation(subscriber)
        return Outcome.CONFIRMATION_QUEUED


def _queue_confirmation(subscriber):
    from .tasks import confirmation_send

    transaction.on_commit(lambda: confirmation_send.enqueue(subscriber_id=subscriber.pk))


def pending_subscriptions(subscriber):
    return (
        subscriber.subscriptions.filter(
            status=Subscription.Status.PENDING, newsletter__is_active=True
        )
        .select_related("newsletter")
        .order_by("newsletter__sort_order", "newsletter__name")
    )


@transaction.atomic
def subscription_confirm(*, subscriber, now=None):
    """Confirm every pending subscription of ``subscriber`` (the reader POSTed from the link).

    Idempotent: confirming again changes nothing. Returns the subscriptions confirmed now."""
    now = now or timezone.now()
    confirmed = list(pending_subscriptions(subscriber).select_for_update())
    for subscription in confirmed:
        subscription.status = Subscription.Status.SUBSCRIBED
        subscription.confirmed_at = now
        subscription.unsubscribed_at = None
        subscription.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
    ConsentRecord.objects.filter(subscription__in=confirmed, confirmed_at__isnull=True).update(
        confirmed_at=now
    )
    if confirmed:
        subscriber_confirmed.send(sender=Subscriber, subscriber=subscriber)
    return confirmed


def subscription_unsubscribe(*, subscription, now=None):
    """End one subscription; idempotent (a second call keeps the first time)."""
    Subscription.objects.filter(pk=subscription.pk).exclude(
        status=Subscription.Status.UNSUBSCRIBED
    ).update(status=Subscription.Status.UNSUBSCRIBED, unsubscribed_at=now or timezone.now())
    subscription.refresh_from_db()
    return subscription


def subscriber_unsubscribe_all(*, subscriber, now=None):
    return subscriber.subscriptions.exclude(status=Subscription.Status.UNSUBSCRIBED).update(
        status=Subscription.Status.UNSUBSCRIBED, unsubscribed_at=now or timezone.now()
    )


@transaction.atomic
def subscriber_preferences_update(*, subscriber, newsletters, source_url="", ip="", user_agent=""):
    """Make ``subscriber`` subscribed to exactly ``newsletters`` (active ones).

    The preferences link came in an email to this address, which proves the reader controls
    it, so lists added here are subscribed at once (with a confirmed consent record). Only
    lists offered to the subscriber count (``selectors.offered_to_subscriber``): a paid one
    is neither added for a reader who does not pay nor taken from one who stopped paying."""
    now = timezone.now()
    added = False
    offered = offered_to_subscriber(subscriber)
    wanted = {n.pk: n for n in newsletters if n.is_active and offered(n)}
    for subscription in subscriber.subscriptions.select_related("newsletter"):
        # A paid list the reader no longer pays for was not on their form: it stays as it is.
        leaving = subscription.newsletter_id not in wanted and offered(subscription.newsletter)
        if leaving and subscription.status != Subscription.Status.UNSUBSCRIBED:
            subscription_unsubscribe(subscription=subscription, now=now)
    for newsletter in wanted.values():
        subscription = _subscription_for(subscriber, newsletter)
        if subscription.status == Subscription.Status.SUBSCRIBED:
            continue
        subscription.status = Subscription.Status.SUBSCRIBED
        subscription.confirmed_at = now
        subscription.unsubscribed_at = None
        subscription.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
        ConsentRecord.objects.create(
            subscription=subscription,
            newsletter=newsletter,
            source_url=source_url[:500],
            consent_text=standard_consent_text(newsletter),
            ip_address=stored_ip(ip),
            user_agent=user_agent[:300],
            confirmed_at=now,
        )
        added = True
    if added:
        subscriber_confirmed.send(sender=Subscriber, subscriber=subscriber)


def subscriber_ensure(*, email, first_name=""):
    """The subscriber of ``email`` (validated and normalised), created without any list if there
    is none: for a signed-in member who ticks a newsletter on their account page."""
    return _subscriber_for(emails.normalise(email), first_name=first_name)


class EmailTaken(Exception):
    """Another subscriber already has the address."""


@transaction.atomic
def subscriber_email_change(*, subscriber, email):
    """Move ``subscriber`` (their lists and consent records) to ``email``, whose owner has
    proved it (a member's confirmed email change). EmailTaken if another subscriber has it."""
    email = emails.normalise(email)
    if Subscriber.objects.filter(email__iexact=email).exclude(pk=subscriber.pk).exists():
        raise EmailTaken(email)
    subscriber.email = email
    try:
        with transaction.atomic():
            subscriber.save(update_fields=["email"])
    except IntegrityError as error:  # taken by a concurrent request
        raise EmailTaken(email) from error
    return subscriber


def erased_email_hash(email):
    """What an erased address leaves on its consent records: a keyed hash, so that the newsroom
    can still show, to whoever brings the address, the consent its past mail was sent under."""
    return _keyed_hash(f"erased:{email.lower()}")


@transaction.atomic
def subscriber_erase(*, subscriber):
    """Erase ``subscriber`` (GDPR art. 17): the address, name, subscriptions and delivery rows
    go; their consent records stay without the address (art. 17(3)(e) and art. 7(1): proof of
    the consent past mail was sent under), keyed by ``erased_email_hash``."""
    ConsentRecord.objects.filter(subscription__subscriber=subscriber).update(
        subscription=None, erased_email_hash=erased_email_hash(subscriber.email)
    )
    subscriber.delete()


class ImportRejected(Exception):
    """Rows of a CSV import that cannot be imported; nothing was imported."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} bad rows")
        self.problems = problems  # [(line number, message)]


@transaction.atomic
def subscribers_import(*, rows, newsletter, send_confirmation, consent_text, imported_by=""):
    """Import ``rows`` ((line, email, first_name) tuples) into ``newsletter``, all or nothing.

    ``send_confirmation``: each new address gets a pending subscription and the confirmation
    email (the usual 24-hour rule applies); otherwise the operator attests the readers already
    consented and they are subscribed at once. Suppressed addresses are skipped. Raises
    ImportRejected listing every bad row. Returns (imported, skipped) counts.
    """
    problems, clean = [], []
    seen = set()
    for line, raw_email, first_name in rows:
        try:
            email = emails.normalise(raw_email)
        except Exception:
            problems.append((line, f"{raw_email!r}: {emails.INVALID_MESSAGE}"))
            continue
        if email.lower() in seen:
            continue
        seen.add(email.lower())
        clean.append((email, (first_name or "").strip()))
    if problems:
        raise ImportRejected(problems)
    now = timezone.now()
    suppressed = suppressions(email for email, _ in clean)
    imported = skipped = 0
    for email, first_name in clean:
        if email.lower() in suppressed:
            skipped += 1
            continue
        subscriber = _subscriber_for(email, first_name=first_name)
        subscription = _subscription_for(subscriber, newsletter)
        if subscription.status != Subscription.Status.PENDING:
            # Already subscribed, or unsubscribed: an import never overrides a reader's choice.
            skipped += 1
            continue
        subscription.status = (
            Subscription.Status.PENDING if send_confirmation else Subscription.Status.SUBSCRIBED
        )
        subscription.confirmed_at = None if send_confirmation else now
        subscription.unsubscribed_at = None
        subscription.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
        ConsentRecord.objects.create(
            subscription=subscription,
            newsletter=newsletter,
            method=ConsentRecord.Method.IMPORT,
            consent_text=consent_text,
            source_url=f"CSV import by {imported_by}"[:500] if imported_by else "CSV import",
            confirmed_at=None if send_confirmation else now,
        )
        if send_confirmation and confirmation_claim(subscriber, now=now):
            _queue_confirmation(subscriber)
        imported += 1
    return imported, skipped


def suppression_add(*, email, reason, detail=""):
    """Never send to ``email`` again (a bounce, a complaint). Idempotent, and safe to race: a
    replayed or concurrent call finds the suppression. True if it is new.

    Run inside a transaction, the caller's work with it is one (``mailing`` skips the
    address's pending deliveries)."""
    address = email.strip()
    if is_suppressed(address):
        return False
    try:
        with transaction.atomic():
            Suppression.objects.create(email=address, reason=reason, detail=detail[:300])
    except IntegrityError:  # suppressed by a concurrent call a moment ago
        return False
    return True


def subscriber_access_update(*, subscriber, paid, tier_ids=()):
    """Record what the address's member may read now: paid (for ``tier_ids``) or free.

    ``members`` calls it whenever a member's access may have changed (a membership re-read,
    the end of a grace period or of paid time, a comp given or taken back) and from its
    periodic reconcile; paid newsletters and paid sections go by it when an issue is sent.
    Idempotent; nothing is unsubscribed: a reader who pays again gets their paid lists again.
    """
    access = Subscriber.Access.PAID if paid else Subscriber.Access.FREE
    Subscriber.objects.filter(pk=subscriber.pk).exclude(access=access).update(access=access)
    subscriber.access = access
    subscriber.paid_tiers.set(sorted(tier_ids) if paid else [])
