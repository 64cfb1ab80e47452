"""Outgoing webhooks as Ghost sends them: a ``Webhook`` names one event and a target URL, and
every event it hears becomes a ``WebhookDelivery`` row, the delivery log, which the worker
sends (``services.delivery_attempt``) and retries with backoff until it is delivered or given
up."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from . import targets


class Event(models.TextChoices):
    """Ghost's webhook events that Masthead raises (Ghost's ``listen.js`` list, less
    ``site.changed``, ``*.rescheduled`` and tag attach/detach)."""

    POST_ADDED = "post.added", "Post created"
    POST_DELETED = "post.deleted", "Post deleted"
    POST_EDITED = "post.edited", "Post updated"
    POST_PUBLISHED = "post.published", "Post published"
    POST_PUBLISHED_EDITED = "post.published.edited", "Published post updated"
    POST_UNPUBLISHED = "post.unpublished", "Post unpublished"
    POST_SCHEDULED = "post.scheduled", "Post scheduled"
    POST_UNSCHEDULED = "post.unscheduled", "Post unscheduled"
    PAGE_ADDED = "page.added", "Page created"
    PAGE_DELETED = "page.deleted", "Page deleted"
    PAGE_EDITED = "page.edited", "Page updated"
    PAGE_PUBLISHED = "page.published", "Page published"
    PAGE_PUBLISHED_EDITED = "page.published.edited", "Published page updated"
    PAGE_UNPUBLISHED = "page.unpublished", "Page unpublished"
    PAGE_SCHEDULED = "page.scheduled", "Page scheduled"
    PAGE_UNSCHEDULED = "page.unscheduled", "Page unscheduled"
    TAG_ADDED = "tag.added", "Tag created"
    TAG_EDITED = "tag.edited", "Tag updated"
    TAG_DELETED = "tag.deleted", "Tag deleted"
    MEMBER_ADDED = "member.added", "Member added"
    MEMBER_EDITED = "member.edited", "Member updated"
    MEMBER_DELETED = "member.deleted", "Member deleted"


def new_secret():
    return secrets.token_hex(32)


class Webhook(models.Model):
    name = models.CharField(max_length=120)
    event = models.CharField(max_length=40, choices=Event)
    target_url = models.URLField(
        "target URL",
        max_length=2000,
        help_text="Where Masthead POSTs the event's JSON (http or https).",
    )
    secret = models.CharField(
        max_length=200,
        blank=True,
        default=new_secret,
        help_text="Signs each request (the X-Ghost-Signature header, as Ghost signs). "
        "Empty: requests are not signed.",
    )
    active = models.BooleanField(
        default=True,
        help_text="Turned off by Masthead when the target answers 410 Gone.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_triggered_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_status = models.CharField(max_length=200, blank=True, editable=False)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return f"{self.name} ({self.event})"

    def clean(self):
        if not self.target_url:
            return
        try:
            targets.parse(self.target_url)
            if not targets.allow_private():
                targets.resolve(self.target_url)
        except targets.TargetRefused as refused:
            raise ValidationError({"target_url": str(refused)}) from refused


class WebhookDelivery(models.Model):
    """One event sent to one webhook. The payload is fixed when the event happens, so a retry
    sends the same body (signed again with a fresh timestamp)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed, will retry"
        GAVE_UP = "gave_up", "Gave up"

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40, choices=Event)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Due time of the next attempt; while an attempt runs, the end of its claim.
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self):
        return f"{self.event} → {self.webhook.name} ({self.get_status_display()})"
