"""The "Published" field's input: Wagtail's date and time picker with a note that says, as the
editor types, what publishing will do with that time (static/js/admin/published-at.js)."""

import json
import zoneinfo

from django import forms
from django.conf import settings
from django.utils import timezone
from wagtail.admin.widgets import AdminDateTimeInput


def newsroom_zone():
    """``TIME_ZONE``: publication times are typed in it, whatever time zone an editor chose
    for the rest of the admin."""
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


class PublishedAtInput(AdminDateTimeInput):
    template_name = "editorial/widgets/published_at_input.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Set by the form (PublishedAtFormMixin): what the note says in each case.
        self.notes = {}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["note"] = {
            "format": self.format,
            # The newsroom's wall-clock time now, to compare what the editor types with.
            "now": timezone.localtime(timezone=newsroom_zone()).strftime("%Y-%m-%dT%H:%M:%S"),
            "notes": json.dumps(self.notes),
        }
        return context

    @property
    def media(self):
        return super().media + forms.Media(js=["js/admin/published-at.js"])
