"""Scheduled publishing and expiry, carried out by the worker's clock (periodic.py); the
tokens that make an admin create form create one object.

Wagtail stores an editor's "go live at" on the approved revision (``approved_go_live_at``) and
"expire at" on the page. Wagtail's ``publish_scheduled`` command acts on both but expects cron;
here the worker calls ``scheduled_publish_due`` every few seconds instead. Each revision or
page is claimed with a conditional UPDATE before it is acted on, so two workers running at the
same moment publish it once.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

from .models import CreateToken

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.db.models import Model

logger = logging.getLogger(__name__)

# A create form's token outlives any race between its autosave and its Publish by far.
CREATE_TOKEN_LIFETIME = datetime.timedelta(days=1)


def _draftable_models() -> list[type[DraftStateMixin]]:
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def scheduled_publish_due() -> tuple[int, int]:
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
def _publish_revision(revision_id: int, go_live_at: datetime.datetime) -> int:
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
def _expire(model: type[DraftStateMixin], pk: int, now: datetime.datetime) -> int:
    claimed = model.objects.filter(pk=pk, live=True, expire_at__lte=now).update(expired=True)
    if not claimed:
        return 0
    obj = model.objects.get(pk=pk)
    if isinstance(obj, Page):
        obj = obj.specific
    obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
    return 1


def create_token_claim(
    *, token: uuid.UUID, user: User, model: type[Model]
) -> tuple[CreateToken, Model | None]:
    """Claim a create form's ``token`` for this request; returns ``(claim, existing)``.

    ``existing`` is the object an earlier request with the token created (still there), or
    None when this request is to create it. Call inside the transaction that creates the
    object and then ``create_token_record``: a second request with the same token waits
    until that transaction ends (PostgreSQL's unique index, SQLite's write lock), so the two
    never both create. A token of another user or another model is refused.
    """
    content_type = ContentType.objects.get_for_model(model)
    claim, _ = CreateToken.objects.get_or_create(
        token=token, defaults={"user": user, "content_type": content_type}
    )
    if claim.user_id != user.pk or claim.content_type_id != content_type.pk:
        raise PermissionDenied("This form was opened by another user or for another kind of item.")
    existing = None
    if claim.object_id:
        existing = model._default_manager.filter(pk=claim.object_id).first()
    return claim, existing


def create_token_record(
    *, claim: CreateToken, obj: Model, field_updates: Mapping[str, Any]
) -> None:
    """Remember that the request holding ``claim`` created ``obj``, and the changes its form
    needs to edit it (``WagtailAdminModelForm.get_field_updates_for_resave``)."""
    claim.object_id = str(obj.pk)
    claim.field_updates = dict(field_updates)
    claim.save(update_fields=["object_id", "field_updates"])


def create_tokens_forget(*, now: datetime.datetime | None = None) -> int:
    """Delete the tokens of create forms opened more than a day ago; returns how many."""
    now = now or timezone.now()
    deleted, _ = CreateToken.objects.filter(created_at__lt=now - CREATE_TOKEN_LIFETIME).delete()
    return deleted
