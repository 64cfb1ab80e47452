"""The events, heard from the lower apps' signals (connected in ``apps.py``, so no lower app
imports webhooks), raised as Ghost raises them (its ``models/post.js``):

- a page created: ``added`` (and ``published`` if it was created live);
- published: ``published`` the first time, ``published.edited`` when it was live already;
  each with ``edited``; a revision given a future time is ``scheduled``, and ``unscheduled``
  when that is cancelled;
- unpublished: ``unpublished`` and ``edited``; deleted: ``unpublished`` if it was live, then
  ``deleted`` (with ``current`` empty and the page in ``previous``).

ArticlePages are Ghost's posts (``post.*``), InfoPages its pages (``page.*``, found by label,
so the receivers connect once the model exists). Tags are taggit's (``tag.*``); sections are
pages, not tags here, though a post's payload names its section as its primary tag. Members
(``member.*``): ``edited`` only when a field of the payload changed. ``previous`` holds what
changed, read from the database just before the save. Saves that bypass signals (a queryset's
``update()``) raise nothing, as in Ghost.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from wagtail.models import Revision
from wagtail.signals import page_published, page_unpublished

from core import bulk

from . import payloads, selectors, services

POST_MODELS = {"articles.ArticlePage": "post", "articles.InfoPage": "page"}
BEFORE = "_webhooks_before"


def _trigger(kind, action, current, previous):
    if bulk.running():
        return  # an import announces nothing row by row (core/bulk.py)
    services.event_trigger(
        event=f"{kind}.{action}", resource=kind, current=current, previous=previous
    )


def _remember_before(instance, serializer, kind, update_fields):
    """The payload as the database has it, for ``previous``; only for full saves of a row
    that exists, when someone listens (Wagtail's draft saves name their fields)."""
    instance.__dict__.pop(BEFORE, None)
    if instance.pk is None or instance._state.adding or update_fields is not None:
        return
    if bulk.running() or not selectors.anyone_listens(kind):
        return
    stored = type(instance)._default_manager.filter(pk=instance.pk).first()
    if stored is not None:
        instance.__dict__[BEFORE] = serializer(stored)


def _page_receivers(model, kind):
    def before_save(sender, instance, update_fields=None, raw=False, **kwargs):
        if not raw:
            _remember_before(instance, payloads.post, kind, update_fields)

    def created(sender, instance, created, raw=False, **kwargs):
        if raw or not created or not selectors.anyone_listens(kind):
            return
        current = payloads.post(instance)
        _trigger(kind, "added", current, {})
        if instance.live:
            _trigger(kind, "published", current, {})

    def published(sender, instance, **kwargs):
        if not selectors.anyone_listens(kind):
            return
        before = instance.__dict__.pop(BEFORE, None) or {}
        if not instance.live:  # held for later: ``scheduling`` speaks for it
            return
        current = payloads.post(instance)
        previous = payloads.changes(before, current)
        was_live = before.get("status") == "published"
        action = "published.edited" if was_live else "published"
        _trigger(kind, action, current, previous)
        _trigger(kind, "edited", current, previous)

    def unpublished(sender, instance, **kwargs):
        if not selectors.anyone_listens(kind):
            return
        # Wagtail unpublishes a live page it deletes without saving it: ``deleting`` speaks
        # for that one.
        if type(instance)._default_manager.filter(pk=instance.pk, live=True).exists():
            return
        before = instance.__dict__.pop(BEFORE, None) or {"status": "published"}
        current = payloads.post(instance)
        previous = payloads.changes(before, current)
        _trigger(kind, "unpublished", current, previous)
        _trigger(kind, "edited", current, previous)

    def deleting(sender, instance, **kwargs):
        if not selectors.anyone_listens(kind):
            return
        previous = payloads.post(instance)
        if instance.live:
            _trigger(kind, "unpublished", {}, previous)
        _trigger(kind, "deleted", {}, previous)

    uid = f"webhooks:{model._meta.label}"
    pre_save.connect(before_save, sender=model, weak=False, dispatch_uid=f"{uid}:pre_save")
    post_save.connect(created, sender=model, weak=False, dispatch_uid=f"{uid}:post_save")
    page_published.connect(published, sender=model, weak=False, dispatch_uid=f"{uid}:pub")
    page_unpublished.connect(unpublished, sender=model, weak=False, dispatch_uid=f"{uid}:unpub")
    pre_delete.connect(deleting, sender=model, weak=False, dispatch_uid=f"{uid}:delete")


def scheduling(sender, instance, update_fields=None, **kwargs):
    """A revision given a publishing time (``scheduled``) or relieved of it (``unscheduled``,
    the admin's "Cancel scheduled publish"): Wagtail saves just that field of the revision."""
    if not update_fields or "approved_go_live_at" not in update_fields:
        return
    model = instance.content_type.model_class()
    kind = POST_MODELS.get(model._meta.label) if model else None
    if kind is None or not selectors.anyone_listens(kind):
        return
    if instance.approved_go_live_at is not None:
        page = instance.as_object()
        current = payloads.post(page)
        current["published_at"] = payloads.iso(instance.approved_go_live_at)
        _trigger(kind, "scheduled", current, {"status": current["status"]} if page.live else {})
        return
    page = model._default_manager.get(pk=instance.object_id)
    current = payloads.post(page)
    current["status"] = "published" if page.live else "draft"
    _trigger(kind, "unscheduled", current, {"status": "scheduled"})


def _record_receivers(model, kind, serializer):
    """Tags and members: added, edited (when the payload changed), deleted."""

    def before_save(sender, instance, raw=False, **kwargs):
        if not raw:
            _remember_before(instance, serializer, kind, None)

    def saved(sender, instance, created, raw=False, **kwargs):
        if raw or not selectors.anyone_listens(kind):
            return
        before = instance.__dict__.pop(BEFORE, None)
        current = serializer(instance)
        if created:
            _trigger(kind, "added", current, {})
            return
        previous = payloads.changes(before, current)
        if previous:
            _trigger(kind, "edited", current, previous)

    def deleting(sender, instance, **kwargs):
        if selectors.anyone_listens(kind):
            _trigger(kind, "deleted", {}, serializer(instance))

    uid = f"webhooks:{model._meta.label}"
    pre_save.connect(before_save, sender=model, weak=False, dispatch_uid=f"{uid}:pre_save")
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"{uid}:post_save")
    pre_delete.connect(deleting, sender=model, weak=False, dispatch_uid=f"{uid}:delete")


def _member_labels_receiver(member_model):
    """A member's labels changing is a ``member.edited`` too (Ghost's labels are part of the
    member); the labels before are read when the change starts."""

    def labels_changed(sender, instance, action, reverse, **kwargs):
        if reverse or not selectors.anyone_listens("member"):
            return
        if action in ("pre_add", "pre_remove", "pre_clear"):
            instance.__dict__[BEFORE] = payloads.member(instance)
        elif action in ("post_add", "post_remove", "post_clear"):
            before = instance.__dict__.pop(BEFORE, None)
            current = payloads.member(instance)
            previous = payloads.changes(before, current)
            if previous:
                _trigger("member", "edited", current, previous)

    m2m_changed.connect(
        labels_changed,
        sender=member_model.labels.through,
        weak=False,
        dispatch_uid="webhooks:member_labels",
    )


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:  # InfoPage, until main has it
        return None


def connect():
    for label, kind in POST_MODELS.items():
        model = _model(label)
        if model is not None:
            _page_receivers(model, kind)
    post_save.connect(scheduling, sender=Revision, dispatch_uid="webhooks:scheduling")
    _record_receivers(_model("taggit.Tag"), "tag", payloads.tag)
    member_model = _model("members.Member")
    _record_receivers(member_model, "member", payloads.member)
    _member_labels_receiver(member_model)
