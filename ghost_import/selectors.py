"""Reads of what an import made: the Ghost id of an imported object, for the Content API."""

from django.contrib.contenttypes.models import ContentType

from .models import GhostRecord


def ghost_ids(*, model, pks, kind=None) -> dict[int, str]:
    """{pk: Ghost id} of those of ``pks`` (objects of ``model``) that came from Ghost.

    Pages are recorded under their specific type (an ``ArticlePage`` as one)."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    records = GhostRecord.objects.filter(content_type=content_type, object_id__in=list(pks))
    if kind is not None:
        records = records.filter(kind=kind)
    return dict(records.values_list("object_id", "ghost_id"))
