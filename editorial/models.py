"""What editorial keeps of its own: the tokens that make an admin create form create once."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class CreateToken(models.Model):
    """One admin create form, named by a random token in a hidden field.

    Wagtail's autosave posts a create form in the background, and the editor's Publish may
    reach the same create URL before the autosave's answer has turned the page into an edit
    view, or just after. The first request with the token creates the object and records it
    here; every later one edits that object (``editorial.create_once``). Rows older than a
    day are deleted by the worker's clock.
    """

    token = models.UUIDField(primary_key=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    # Empty until a request with the token has created its object.
    object_id = models.CharField(max_length=255, blank=True)
    # What Wagtail's autosave answer tells the page to change in its form once the object
    # exists (the ids of the inline rows it made); applied to a later request of the same form.
    field_updates = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return str(self.token)
