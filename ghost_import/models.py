"""What a Ghost import made of each Ghost object, and the regular-expression redirects it keeps.

``GhostRecord`` maps a Ghost id (24 hex digits) of one kind to the object it became, so that a
second run of ``import_ghost`` updates that object in place and skips it when Ghost's
``updated_at`` has not moved. ``GhostRedirectRule`` holds the rules of Ghost's redirects file
that are real regular expressions (plain paths become Wagtail redirects).
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from .patterns import regex_refusal


class GhostRecord(models.Model):
    class Kind(models.TextChoices):
        POST = "post", "Post"
        PAGE = "page", "Page"
        TAG = "tag", "Tag"
        USER = "user", "Staff user"
        TIER = "tier", "Tier"
        NEWSLETTER = "newsletter", "Newsletter"

    kind = models.CharField(max_length=20, choices=Kind)
    ghost_id = models.CharField(max_length=64)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    source_updated_at = models.DateTimeField(null=True, blank=True)
    # What Ghost had that Masthead has no field for (yet), kept for a later run or by hand.
    extra = models.JSONField(default=dict, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "ghost_id"], name="unique_ghost_id_per_kind")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.kind} {self.ghost_id}"


class GhostRedirectRule(models.Model):
    """One regular-expression rule of a Ghost redirects file, tried on a 404 only."""

    pattern = models.CharField(max_length=300, unique=True)
    replacement = models.CharField(max_length=500)
    permanent = models.BooleanField(default=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{self.pattern} → {self.replacement}"

    def clean(self):
        if reason := regex_refusal(self.pattern):
            raise ValidationError({"pattern": f"Not kept: {reason}."})
