"""Reads: an issue's delivery progress, for the admin listing and inspect view."""

from .models import Delivery


def issue_progress(issue):
    """{"sent", "failed", "skipped", "remaining", "total"} for one issue, in one query."""
    counts = Delivery.objects.filter(issue=issue).progress()
    return {
        "sent": counts["sent"],
        "failed": counts["failed"],
        "skipped": counts["skipped"],
        "remaining": counts["pending"],
        "total": sum(counts.values()),
    }
