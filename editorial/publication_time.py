"""The time an article or a News Feed item is published: one field editors set, and one source
of truth, Wagtail's own ``first_published_at``, which every reader of the date uses (dateline,
listings, feeds, sitemaps, JSON-LD).

What publishing does with the time typed in the field, in the newsroom's time zone:

- **empty**: dated the moment it goes live (Wagtail stamps ``first_published_at``), or, once
  it has been live, it keeps the time it has (Wagtail never unsets it);
- **in the past**: published now and dated then, i.e. backdated;
- **in the future**: scheduled. The form sets ``go_live_at`` to that time, Wagtail stores the
  revision as scheduled, and the worker's clock publishes it then (``services``), dated then.

So the field replaces Wagtail's "Go live at" for these models (``ExpiryPanel`` keeps only
"Expire at" in an article's schedule dialog; News Feed items have none): one place says when
a story is dated and goes live. The admin shows which will happen under the field as the
editor types (``widgets.PublishedAtInput``).

Wagtail keeps the time of each revision for pages but not for snippets, and falls back to the
database's time when a revision has none; ``PublishedAtMixin`` makes both keep the time the
editor saved, and an emptied one empty until the first publish.
"""

import datetime

from django import forms
from django.utils import timezone
from wagtail.admin.panels import PublishingPanel

from .widgets import PublishedAtInput, newsroom_zone

FIELD = "first_published_at"


class PublishedAtMixin:
    """For a model with drafts whose editors set ``first_published_at`` (see the module)."""

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        saved = content.get(FIELD)
        if saved:
            obj.first_published_at = self._meta.get_field(FIELD).to_python(saved)
        elif self.last_published_at is None:
            # Never live: an emptied time stays empty, to be stamped when it goes live.
            obj.first_published_at = None
        return obj


class NewsroomDateTimeField(forms.DateTimeField):
    """A date and time typed and shown in the newsroom's time zone, whatever time zone the
    editor chose for the rest of the admin."""

    def prepare_value(self, value):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            value = timezone.make_naive(value, newsroom_zone())
        return super().prepare_value(value)

    def to_python(self, value):
        with timezone.override(newsroom_zone()):
            return super().to_python(value)


class ExpiryPanel(PublishingPanel):
    """Wagtail's publishing schedule with "Expire at" only: the "Published" field schedules."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.children = [child for child in self.children if child.field_name != "go_live_at"]


class PublishedAtFormMixin:
    """The form side: the field, the rules of the module docstring, and the note's wording.
    List it before Wagtail's form class; the model's panels must include ``FIELD``."""

    published_noun = "article"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self.ever_published = bool(
            instance.pk
            and type(instance)
            ._default_manager.filter(pk=instance.pk, last_published_at__isnull=False)
            .exists()
        )
        if FIELD in self.fields:
            self.fields[FIELD] = self._published_field(self.fields[FIELD])

    def _published_field(self, field):
        noun = self.published_noun
        live = bool(self.instance.pk and self.instance.live)
        widget = PublishedAtInput()
        example = timezone.localtime(timezone=newsroom_zone()).replace(hour=17, minute=4)
        widget.notes = {
            "empty": "Empty: it keeps the time it has."
            if self.ever_published
            else f"Empty: the {noun} is dated the moment it is published.",
            "past": f"Publish re-dates the {noun} to {{when}}."
            if live
            else f"Backdated: Publish puts the {noun} on the site now, dated {{when}}.",
            "current": "Published {when}." if live else "",
            "future": "Scheduled: Publish makes this version live at {when}, dated then; "
            "until then readers see the version live now."
            if live
            else f"Scheduled: Publish makes the {noun} live at {{when}}, dated then; "
            "until then it stays off the site.",
            "unreadable": f"Type a date and time such as {example.strftime(widget.format)}.",
            "publish_label": "Publish",
            "schedule_label": "Schedule to publish",
        }
        return NewsroomDateTimeField(
            required=False,
            label=field.label,
            widget=widget,
            help_text=f"Newsroom time ({newsroom_zone().key}). Empty: the moment it is "
            "published. A time in the past backdates it; one in the future schedules it.",
        )

    def clean_first_published_at(self):
        value = self.cleaned_data.get(FIELD)
        saved = self.instance.first_published_at
        # The field shows minutes: a time left as it was keeps its seconds.
        if value and saved and value == saved.replace(second=0, microsecond=0):
            return saved
        return value

    def clean(self):
        typed = self.cleaned_data.get(FIELD)
        cleaned_data = super().clean()
        if FIELD not in self.fields:
            return cleaned_data
        if typed is None and not self.ever_published:
            # Wagtail keeps a time that is emptied; before the first publish it goes.
            self.instance.first_published_at = None
        scheduled = typed is not None and typed > timezone.now()
        self.instance.go_live_at = typed if scheduled else None
        if "go_live_at" in self.fields:
            cleaned_data["go_live_at"] = self.instance.go_live_at
        return cleaned_data
