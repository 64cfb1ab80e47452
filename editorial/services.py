"""Scheduled publishing and expiry, carried out by the worker's clock (periodic.py).

Wagtail stores an editor's "go live at" on the approved revision (``approved_go_live_at``) and
"expire at" on the page. Wagtail's ``publish_scheduled`` command acts on both but expects cron;
here the worker calls ``scheduled_publish_due`` every few seconds instead. Each revision or
page is claimed with a conditional UPDATE before it is acted on, so two workers running at the
same moment publish it once.
"""

import logging

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

logger = logging.getLogger(__name__)


def _draftable_models():
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def scheduled_publish_due():
    """Publish every revision whose time has come and unpublish what has expired.

    Returns ``(published, expired)`` counts. One failure is logged and skipped; the rest go on.
    """
    # Wagtail compares "go live at" with the real clock when it publishes, so this does too.
    now = timezone.now()
    published = expired = 0
    for revision_id, go_live_at in (
        Revision.objects.filter(approved_go_live_at__lte=now)
        .order_by("approved_go_live_at")
        .values_list("pk", "approved_go_live_at")
    ):
        try:
            published += _publish_revision(revision_id, go_live_at)
        except Exception:
            logger.exception("Scheduled publish of revision %s failed", revision_id)
    for model in _draftable_models():
        for pk in model.objects.filter(live=True, expire_at__lte=now).values_list("pk", flat=True):
            try:
                expired += _expire(model, pk, now)
            except Exception:
                logger.exception("Scheduled unpublish of %s %s failed", model.__name__, pk)
    return published, expired


@transaction.atomic
def _publish_revision(revision_id, go_live_at):
    claimed = Revision.objects.filter(pk=revision_id, approved_go_live_at=go_live_at).update(
        approved_go_live_at=None
    )
    if not claimed:
        return 0  # another worker took it, or an editor cancelled the schedule
    revision = Revision.objects.get(pk=revision_id)
    # Its go-live time has passed, so Wagtail publishes it now rather than scheduling it again.
    revision.publish(log_action="wagtail.publish.scheduled")
    return 1


@transaction.atomic
def _expire(model, pk, now):
    claimed = model.objects.filter(pk=pk, live=True, expire_at__lte=now).update(expired=True)
    if not claimed:
        return 0
    obj = model.objects.get(pk=pk)
    if isinstance(obj, Page):
        obj = obj.specific
    obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
    return 1
