"""Deliveries: retried with backoff, given up, turned off by 410, sent once however often the
task runs, and never to a private address where that is refused."""

from datetime import timedelta

import pytest
from django.utils import timezone

from webhooks import periodic, services, tasks
from webhooks.models import Webhook, WebhookDelivery

Status = WebhookDelivery.Status


@pytest.fixture
def trigger(django_capture_on_commit_callbacks):
    def trigger(event="member.added", current=None):
        with django_capture_on_commit_callbacks(execute=True):
            ids = services.event_trigger(
                event=event,
                resource=event.split(".")[0],
                current=current or {"email": "reader@example.org"},
                previous={},
            )
        return ids

    return trigger


def make_due(delivery):
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def test_a_failed_delivery_is_retried_after_a_minute_then_delivered(
    receiver, make_webhook, trigger
):
    make_webhook("member.added")
    receiver.statuses = [500]
    before = timezone.now()
    (delivery_id,) = trigger()

    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert delivery.status == Status.FAILED
    assert delivery.attempts == 1
    assert delivery.response_status == 500
    assert delivery.next_attempt_at >= before + timedelta(seconds=60)

    periodic.deliveries_retry_due()  # not due yet
    assert len(receiver.requests) == 1

    make_due(delivery)
    periodic.deliveries_retry_due()
    delivery.refresh_from_db()
    assert delivery.status == Status.DELIVERED
    assert delivery.attempts == 2
    assert '"received"' in delivery.response_body
    first, second = receiver.requests
    assert first["body"] == second["body"]


def test_the_waits_between_attempts_grow(receiver, make_webhook, trigger, settings):
    make_webhook("member.added")
    receiver.statuses = [503, 503, 503]
    (delivery_id,) = trigger()
    waits = []
    for _ in range(3):
        delivery = WebhookDelivery.objects.get(pk=delivery_id)
        waits.append(delivery.next_attempt_at - delivery.updated_at)
        if len(waits) < 3:
            make_due(delivery)
            periodic.deliveries_retry_due()

    assert [round(wait.total_seconds() / 60) for wait in waits] == [1, 5, 30]


def test_a_delivery_is_given_up_after_the_last_attempt(receiver, make_webhook, trigger, settings):
    settings.MASTHEAD_WEBHOOKS = {**settings.MASTHEAD_WEBHOOKS, "MAX_ATTEMPTS": 2}
    webhook = make_webhook("member.added")
    receiver.statuses = [500, 500, 500]
    (delivery_id,) = trigger()
    make_due(WebhookDelivery.objects.get(pk=delivery_id))
    periodic.deliveries_retry_due()

    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert delivery.status == Status.GAVE_UP
    assert delivery.attempts == 2
    make_due(delivery)
    periodic.deliveries_retry_due()
    assert len(receiver.requests) == 2
    webhook.refresh_from_db()
    assert webhook.last_status == "500"


def test_410_gone_turns_the_webhook_off(receiver, make_webhook, trigger):
    webhook = make_webhook("member.added")
    receiver.statuses = [410]
    (delivery_id,) = trigger()

    webhook.refresh_from_db()
    assert not webhook.active
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert delivery.status == Status.GAVE_UP
    assert "410" in delivery.error
    trigger()
    assert len(receiver.requests) == 1


def test_running_the_task_twice_sends_once(receiver, make_webhook, trigger):
    make_webhook("member.added")
    (delivery_id,) = trigger()  # the task ran once, after the commit
    tasks.delivery_send.call(delivery_id=delivery_id)
    services.delivery_attempt(delivery_id=delivery_id)

    assert len(receiver.requests) == 1
    assert WebhookDelivery.objects.get(pk=delivery_id).attempts == 1


def test_a_claimed_delivery_is_not_sent_again_while_its_claim_lasts(receiver, make_webhook):
    webhook = make_webhook("member.added")
    delivery = WebhookDelivery.objects.create(webhook=webhook, event="member.added", payload={})
    # Another worker claimed it and is still sending: its claim runs into the future.
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        attempts=1, next_attempt_at=timezone.now() + timedelta(minutes=1)
    )
    assert services.delivery_attempt(delivery_id=delivery.pk) is None
    assert receiver.requests == []


def test_a_target_that_does_not_answer_is_a_failed_attempt(make_webhook, trigger, db):
    from testkit.servers import free_port

    Webhook.objects.create(
        name="Nobody", event="member.added", target_url=f"http://127.0.0.1:{free_port()}/"
    )
    (delivery_id,) = trigger()
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert delivery.status == Status.FAILED
    assert delivery.response_status is None
    assert "Request failed" in delivery.error


def test_a_private_address_is_refused_where_private_targets_are_not_allowed(
    receiver, make_webhook, trigger, settings
):
    make_webhook("member.added")
    settings.MASTHEAD_WEBHOOKS = {**settings.MASTHEAD_WEBHOOKS, "ALLOW_PRIVATE_TARGETS": False}
    (delivery_id,) = trigger()

    assert receiver.requests == []
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert delivery.status == Status.FAILED
    assert "private or local address" in delivery.error


def test_a_redirect_is_not_followed(receiver, make_webhook, trigger):
    make_webhook("member.added")
    receiver.statuses = [302]
    (delivery_id,) = trigger()

    assert len(receiver.requests) == 1
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert delivery.status == Status.FAILED
    assert "redirects are not followed" in delivery.error


def test_the_body_is_ghosts_event_and_resource(receiver, make_webhook, trigger):
    make_webhook("member.added")
    trigger(current={"email": "reader@example.org"})

    assert receiver.bodies() == [
        {
            "event": "member.added",
            "member": {"current": {"email": "reader@example.org"}, "previous": {}},
        }
    ]
    assert receiver.requests[0]["headers"]["User-Agent"].startswith("Masthead/")


def test_finished_deliveries_leave_the_log_after_keep_days(make_webhook, settings):
    webhook = make_webhook("member.added")
    old = timezone.now() - timedelta(days=settings.MASTHEAD_WEBHOOKS["KEEP_DAYS"] + 1)
    made = {
        status: WebhookDelivery.objects.create(
            webhook=webhook, event="member.added", payload={}, status=status
        )
        for status in Status
    }
    WebhookDelivery.objects.update(updated_at=old)
    recent = WebhookDelivery.objects.create(
        webhook=webhook, event="member.added", payload={}, status=Status.DELIVERED
    )

    assert services.deliveries_prune() == 2
    left = set(WebhookDelivery.objects.values_list("pk", flat=True))
    assert left == {made[Status.PENDING].pk, made[Status.FAILED].pk, recent.pk}
