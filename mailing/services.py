"""Writes: scheduling and starting an issue, delivering its batches, suppressing addresses.

Every function here is safe to run twice or concurrently: starting is a conditional status
change with the recipient rows in the same transaction, a batch is claimed by a conditional
UPDATE (plus ``SELECT … FOR UPDATE SKIP LOCKED`` where the database has it), and a delivery is
marked sent only by the worker whose claim still holds it.
"""

import uuid
from datetime import timedelta
from itertools import islice

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Exists, F, Min, OuterRef, Q
from django.db.models.functions import Lower
from django.utils import timezone

from newsletters.models import Subscriber, Subscription
from newsletters.selectors import address_suppressed, deliverable_subscriptions, in_audience
from newsletters.services import suppression_add

from . import rendering
from .backends import get_backend
from .backends.base import ABANDONED, SENT, TEMPORARY
from .models import Delivery, Issue

MAX_ATTEMPTS = 3
BACKOFF = [timedelta(seconds=60), timedelta(minutes=5)]  # after the 1st and 2nd failure
INSERT_CHUNK = 2000


class SendError(Exception):
    pass


def _conf(name):
    return settings.MASTHEAD_MAILING[name]


def issue_send_test(*, issue, email_address, first_name=""):
    """Send the current draft to one staff address, with sample links (no delivery recorded),
    as paying readers get it (the preview shows the other variant)."""
    sender = rendering.Sender.for_issue(issue, variants=rendering.issue_render_variants(issue))
    message = sender.message_build(
        key=None,
        email_address=email_address,
        first_name=first_name,
        subscriber_id=None,
        personal=False,
        paid=True,
    )
    [outcome] = get_backend().send_messages([message], commit=set)
    if outcome.status != SENT:
        raise SendError(outcome.error or outcome.status)


@transaction.atomic
def issue_schedule(*, issue, when):
    if not issue.is_editable:
        raise ValidationError("This issue is already being sent.")
    if when <= timezone.now():
        raise ValidationError("Choose a time in the future.")
    issue.status, issue.scheduled_for = Issue.Status.SCHEDULED, when
    issue.save(update_fields=["status", "scheduled_for"])
    return issue


@transaction.atomic
def issue_unschedule(*, issue):
    updated = Issue.objects.filter(pk=issue.pk, status=Issue.Status.SCHEDULED).update(
        status=Issue.Status.DRAFT, scheduled_for=None
    )
    return bool(updated)


def issue_start(*, issue_id):
    """Fix the recipient list and start sending; does nothing if the issue already started.

    The issue's status change, its rendered email and every Delivery row are one transaction,
    so a crash leaves either nothing or a complete list. People who subscribe later are not
    on it; the delivery task is queued after the commit. Each variant (free, and paying for an
    issue with a paid section) is rendered here once; a batch picks one per reader.
    """
    with transaction.atomic():
        issue = Issue.objects.select_for_update().select_related("newsletter").get(pk=issue_id)
        if not issue.is_editable:
            return issue
        variants = rendering.issue_render_variants(issue)
        recipients = (
            deliverable_subscriptions(issue.newsletter)
            .order_by("subscriber_id")
            .values_list("subscriber_id", "subscriber__email", "subscriber__first_name")
            .iterator(chunk_size=INSERT_CHUNK)
        )
        while chunk := list(islice(recipients, INSERT_CHUNK)):
            Delivery.objects.bulk_create(
                [
                    Delivery(issue=issue, subscriber_id=pk, email=address, first_name=name)
                    for pk, address, name in chunk
                ],
                ignore_conflicts=True,
            )
        now = timezone.now()
        issue.status = Issue.Status.SENDING
        issue.started_at = issue.heartbeat_at = now
        issue.recipient_count = issue.deliveries.count()
        issue.rendered_html, issue.rendered_text = variants.free.html, variants.free.text
        if variants.paid is not variants.free:
            issue.rendered_paid_html = variants.paid.html
            issue.rendered_paid_text = variants.paid.text
        issue.save(
            update_fields=[
                "status",
                "started_at",
                "heartbeat_at",
                "recipient_count",
                "rendered_html",
                "rendered_text",
                "rendered_paid_html",
                "rendered_paid_text",
            ]
        )
        transaction.on_commit(lambda: _enqueue(issue.pk))
    return issue


def issues_start_due(*, now=None):
    """Start every scheduled issue whose time has come (the periodic job)."""
    now = now or timezone.now()
    due = Issue.objects.filter(status=Issue.Status.SCHEDULED, scheduled_for__lte=now)
    for pk in due.values_list("pk", flat=True):
        issue_start(issue_id=pk)


def _enqueue(issue_id, *, run_after=None):
    from .tasks import issue_deliver

    task = issue_deliver
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # the periodic resume job will come back for it
        task = task.using(run_after=run_after)
    task.enqueue(issue_id)


def _claimable(issue_id, now):
    return Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
    )


def deliveries_claim(*, issue_id, token, size):
    """Claim up to ``size`` pending rows for this worker; returns how many it got.

    The UPDATE repeats the conditions, so of two workers racing for a row only one matches it
    (PostgreSQL re-checks them on the locked row; SQLite runs writes one at a time).
    """
    now = timezone.now()
    with transaction.atomic():
        candidates = _claimable(issue_id, now).order_by("pk")
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        ids = list(candidates.values_list("pk", flat=True)[:size])
        if not ids:
            return 0
        return (
            _claimable(issue_id, now)
            .filter(pk__in=ids)
            .update(claimed_by=token, claimed_until=now + timedelta(seconds=_conf("CLAIM_SECONDS")))
        )


def _skip_unwanted(*, issue, token):
    """Claimed rows whose address was suppressed or whose reader left since the start, or,
    for a paid newsletter, stopped paying (``in_audience``: their subscription stays)."""
    subscribed = Subscription.objects.filter(
        in_audience(issue.newsletter),
        subscriber_id=OuterRef("subscriber_id"),
        newsletter_id=issue.newsletter_id,
        status=Subscription.Status.SUBSCRIBED,
    )
    Delivery.objects.filter(claimed_by=token, status=Delivery.Status.PENDING).filter(
        address_suppressed("email") | ~Exists(subscribed)
    ).update(
        status=Delivery.Status.SKIPPED,
        last_error="Suppressed, unsubscribed or out of its audience before sending",
        claimed_by="",
        claimed_until=None,
    )


def issue_deliver_batch(*, issue_id, backend=None, size=None):
    """Claim one batch of an issue's pending deliveries and send it; returns the rows tried."""
    issue = Issue.objects.select_related("newsletter").get(pk=issue_id)
    if issue.status != Issue.Status.SENDING:
        return 0
    Issue.objects.filter(pk=issue_id).update(heartbeat_at=timezone.now())
    token = uuid.uuid4().hex
    if not deliveries_claim(issue_id=issue_id, token=token, size=size or _conf("BATCH_SIZE")):
        return 0
    _skip_unwanted(issue=issue, token=token)
    rows = list(
        Delivery.objects.filter(claimed_by=token, status=Delivery.Status.PENDING)
        .order_by("pk")
        .values_list("pk", "subscriber_id", "email", "first_name", "subscriber__access", "attempts")
    )
    sender = rendering.Sender.for_issue(issue)
    # Each reader gets the variant of their access now (both were rendered at the start).
    messages = (
        sender.message_build(
            key=pk,
            email_address=address,
            first_name=name,
            subscriber_id=subscriber_id,
            paid=access == Subscriber.Access.PAID,
        )
        for pk, subscriber_id, address, name, access, _ in rows
    )

    # Phase one of the SMTP backend's two-phase send: a group of rows marked sent in one
    # transaction, only those this batch still holds (a webhook may have skipped one since).
    def commit(keys):
        with transaction.atomic():
            held = Delivery.objects.filter(
                pk__in=keys, claimed_by=token, status=Delivery.Status.PENDING
            )
            if connection.features.has_select_for_update:
                held = held.select_for_update()
            ids = set(held.values_list("pk", flat=True))
            Delivery.objects.filter(pk__in=ids).update(
                status=Delivery.Status.SENT, sent_at=timezone.now()
            )
        return ids

    try:
        outcomes = (backend or get_backend()).send_messages(messages, commit=commit)
        _record(outcomes, token=token, attempts={pk: n for pk, *_, n in rows})
    finally:
        # Rows the backend never reached (an unexpected error) go back to the pool now.
        Delivery.objects.filter(claimed_by=token, status=Delivery.Status.PENDING).update(
            claimed_by="", claimed_until=None
        )
        Issue.objects.filter(pk=issue_id).update(heartbeat_at=timezone.now())
    return len(rows)


def _record(outcomes, *, token, attempts):
    now = timezone.now()
    mine = Delivery.objects.filter(claimed_by=token)
    sent_ok = [o.key for o in outcomes if o.status == SENT and not o.error]
    if sent_ok:
        mine.filter(pk__in=sent_ok).update(
            attempts=F("attempts") + 1, claimed_by="", claimed_until=None
        )
    for outcome in outcomes:
        if outcome.status == ABANDONED or (outcome.status == SENT and not outcome.error):
            continue
        tries = attempts[outcome.key] + 1
        fields = {"attempts": tries, "last_error": outcome.error, "claimed_by": ""}
        if outcome.status == SENT:  # sent, with a doubt worth keeping
            fields["claimed_until"] = None
        elif outcome.status == TEMPORARY and tries < MAX_ATTEMPTS:
            fields.update(
                status=Delivery.Status.PENDING,
                next_attempt_at=now + BACKOFF[tries - 1],
                claimed_until=None,
                sent_at=None,
            )
        else:  # PERMANENT, or the last temporary failure
            fields.update(status=Delivery.Status.FAILED, claimed_until=None, sent_at=None)
        mine.filter(pk=outcome.key).update(**fields)


def issue_continue(*, issue_id):
    """After a batch: queue the next one, one for when a retry is due, or finish the issue."""
    now = timezone.now()
    if _claimable(issue_id, now).exists():
        _enqueue(issue_id)
        return
    waiting = Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.PENDING)
    if waiting.exists():
        times = waiting.aggregate(
            retry=Min("next_attempt_at", filter=Q(next_attempt_at__gt=now)),
            lease=Min("claimed_until", filter=Q(claimed_until__gte=now)),
        ).values()
        due = min((t for t in times if t), default=now)
        _enqueue(issue_id, run_after=due + timedelta(seconds=1))
        return
    Issue.objects.filter(pk=issue_id, status=Issue.Status.SENDING).update(
        status=Issue.Status.SENT, finished_at=now, heartbeat_at=now
    )


def issues_resume(*, now=None):
    """Queue delivery again for sending issues whose heartbeat went quiet (a dead worker).

    django-tasks' database backend never re-runs a task whose worker died, so the heartbeat
    is the sign of life. The conditional UPDATE lets only one of several clocks re-queue.
    """
    now = now or timezone.now()
    stale = now - timedelta(seconds=_conf("STALE_SECONDS"))
    quiet = Issue.objects.filter(status=Issue.Status.SENDING).filter(
        Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=stale)
    )
    for pk, heartbeat in quiet.values_list("pk", "heartbeat_at"):
        if Issue.objects.filter(pk=pk, heartbeat_at=heartbeat).update(heartbeat_at=now):
            issue_continue(issue_id=pk)


@transaction.atomic
def address_suppress(*, email, reason, detail=""):
    """Never mail ``email`` again: suppressed (``newsletters.services.suppression_add``), and
    its pending deliveries skipped.

    Idempotent: a replayed bounce or complaint finds the suppression and no pending rows.
    Returns True if the address was newly suppressed.
    """
    address = email.strip()
    created = suppression_add(email=address, reason=reason, detail=detail)
    Delivery.objects.annotate(address=Lower("email")).filter(
        address=address.lower(), status=Delivery.Status.PENDING
    ).update(
        status=Delivery.Status.SKIPPED,
        last_error=f"Suppressed: {reason}",
        claimed_by="",
        claimed_until=None,
    )
    return created
