"""The News Feed: short, timestamped updates that editors post in seconds.

Data flow: an editor writes a ``NewsFeedItem`` in the Wagtail admin (a snippet with drafts and
revisions) and publishes it, or code calls ``services.news_item_publish``. The item's time, the
one readers see, is ``first_published_at``: the editor may type it ("Time"; a past one
backdates the item, a future one schedules it: editorial/publication_time.py), else publishing
stamps it. Every save bumps ``updated_at``. Readers get the items three ways, all read through
``selectors``:

- the column (``{% news_feed_column %}``) on the front page and beside every article, which
  ``static/js/live.js`` keeps current by polling ``/news-feed/updates.json``;
- the listing ``/news-feed/``, grouped by day in the newsroom's time zone, with a permalink
  page per item;
- the RSS feed ``/news-feed/rss/``.

The JSON endpoint is built to sit behind a CDN: every open page polls the same URL, the
response is public for a few seconds, and its ETag is a version of exactly the items it lists
(``selectors.feed_version``), so an unchanged feed costs a ``304 Not Modified``.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin

from editorial.publication_time import PublishedAtMixin

from .forms import NewsFeedItemForm

SUMMARY_MAX_LENGTH = 600


class NewsFeedItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)


class NewsFeedItem(PublishedAtMixin, DraftStateMixin, RevisionMixin, models.Model):
    headline = models.CharField(max_length=200)
    summary = models.TextField(
        max_length=SUMMARY_MAX_LENGTH,
        # A TextField's max_length only sizes the form; the validator enforces it everywhere.
        validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH)],
        help_text="One to three sentences.",
    )
    article = models.ForeignKey(
        "articles.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: the story with the full details.",
    )
    is_breaking = models.BooleanField("Breaking", default=False)
    is_pinned = models.BooleanField(
        "Pinned", default=False, help_text="Pinned items show first in the column."
    )
    # Bumped by every save, publish and unpublish: open pages notice edits through it.
    updated_at = models.DateTimeField(auto_now=True, editable=False)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="newsfeeditem")

    objects = NewsFeedItemQuerySet.as_manager()

    panels = [
        FieldPanel("headline"),
        FieldPanel("summary"),
        FieldPanel("article"),
        FieldPanel("first_published_at", heading="Time"),
        MultiFieldPanel([FieldPanel("is_breaking"), FieldPanel("is_pinned")], heading="Display"),
    ]
    base_form_class = NewsFeedItemForm

    class Meta:
        verbose_name = "News Feed item"
        ordering = [models.F("first_published_at").desc(nulls_first=True), "-pk"]
        indexes = [
            models.Index(
                fields=["-first_published_at", "-id"],
                condition=models.Q(live=True),
                name="live_feed_newest",
            ),
            models.Index(
                fields=["-is_pinned", "-first_published_at", "-id"],
                condition=models.Q(live=True),
                name="live_feed_column",
            ),
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return reverse("live:detail", kwargs={"pk": self.pk})

    @property
    def revisions(self):
        return self._revisions
