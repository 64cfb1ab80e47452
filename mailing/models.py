from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, PreviewableMixin, RevisionMixin

from .blocks import IssueBodyBlock

NEWS_FEED_MAX_ITEMS = 20


class Issue(RevisionMixin, PreviewableMixin, ClusterableModel):
    """One edition of a newsletter: composed in the admin, then sent once to its subscribers."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"

    newsletter = models.ForeignKey(
        "newsletters.Newsletter", on_delete=models.PROTECT, related_name="issues"
    )
    subject = models.CharField(max_length=200)
    preheader = models.CharField(
        max_length=200, blank=True, help_text="The line inboxes show after the subject."
    )
    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ol", "ul"])
    body = StreamField(
        IssueBodyBlock(),
        blank=True,
        help_text="After the intro: text, and sections only paying members get.",
    )
    news_feed_items = models.PositiveSmallIntegerField(
        "News Feed digest",
        default=0,
        help_text=f"Include the latest N News Feed items (0: none; at most {NEWS_FEED_MAX_ITEMS}).",
    )
    sign_off = RichTextField(blank=True, features=["bold", "italic", "link"])

    status = models.CharField(
        max_length=20, choices=Status, default=Status.DRAFT, editable=False, db_index=True
    )
    scheduled_for = models.DateTimeField(null=True, blank=True, editable=False)
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Bumped by every delivered batch; a sending issue that goes quiet is resumed (periodic.py).
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    recipient_count = models.PositiveIntegerField(default=0, editable=False)
    # The email as sent, rendered and CSS-inlined once when sending starts, with placeholders
    # for each reader's links (rendering.PLACEHOLDERS); the web view shows it too. It is what
    # free readers get: paid sections are calls to action in it. With a paid section, the
    # paying readers' variant is rendered once too (else empty: everyone gets the one above).
    rendered_html = models.TextField(blank=True, editable=False)
    rendered_text = models.TextField(blank=True, editable=False)
    rendered_paid_html = models.TextField(blank=True, editable=False)
    rendered_paid_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="issue")

    panels = [
        FieldPanel("newsletter"),
        FieldPanel("subject"),
        FieldPanel("preheader"),
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("article_cards", heading="Articles, in order", label="Article"),
        FieldPanel("news_feed_items"),
        FieldPanel("sign_off"),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "newsletter issue"

    def __str__(self):
        return self.subject

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.news_feed_items > NEWS_FEED_MAX_ITEMS:
            raise ValidationError({"news_feed_items": f"At most {NEWS_FEED_MAX_ITEMS}."})

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.SCHEDULED)

    def get_absolute_url(self):
        return reverse("mailing:issue_web", kwargs={"pk": self.pk})

    @property
    def has_paid_section(self):
        return any(block.block_type == "paid_section" for block in self.body)

    # Preview: the HTML email exactly as rendered for sending, and its plain-text part, as
    # paying members get them (every section) and as everyone else does.
    preview_modes = [
        ("html", "HTML email"),
        ("text", "Plain text"),
        ("html_free", "HTML email, not paying"),
        ("text_free", "Plain text, not paying"),
    ]

    def serve_preview(self, request, mode_name):
        from django.http import HttpResponse

        from . import rendering

        paid = not mode_name.endswith("_free")
        rendered = rendering.issue_render(self, request=request, paid=paid)
        if mode_name.startswith("text"):
            body = rendering.personalise_text(rendered.text, rendering.SAMPLE_READER)
            return HttpResponse(body, content_type="text/plain; charset=utf-8")
        return HttpResponse(rendering.personalise_html(rendered.html, rendering.SAMPLE_READER))


class IssueArticle(Orderable):
    issue = ParentalKey(Issue, on_delete=models.CASCADE, related_name="article_cards")
    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("article")]

    def __str__(self):
        return str(self.article)


class DeliveryQuerySet(models.QuerySet):
    def progress(self):
        """{"pending": n, "sent": n, "failed": n, "skipped": n} in one query."""
        counts = self.aggregate(
            **{status: Count("pk", filter=Q(status=status)) for status in Delivery.Status.values}
        )
        return counts


class Delivery(models.Model):
    """One issue to one subscriber: created once when sending starts, sent at most once."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped"  # suppressed or unsubscribed after sending started

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        "newsletters.Subscriber", on_delete=models.CASCADE, related_name="deliveries"
    )
    # Snapshots taken when sending starts: the list is fixed then.
    email = models.EmailField(max_length=254)
    first_name = models.CharField(max_length=80, blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Not before this time (backoff after a temporary failure).
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # The worker batch holding the row, until ``claimed_until`` (then anyone may claim it).
    claimed_by = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_reader")
        ]
        indexes = [
            models.Index(fields=["issue", "status", "id"], name="delivery_issue_status"),
            models.Index(fields=["email"], name="delivery_email"),
        ]

    def __str__(self):
        return f"{self.issue} → {self.email} ({self.status})"
