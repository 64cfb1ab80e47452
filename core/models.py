import hashlib

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Site

from pagecache import memo


def default_newsroom_name():
    """MASTHEAD_NEWSROOM_NAME, until an editor names the newsroom in Settings → Newsroom."""
    return settings.WAGTAIL_SITE_NAME


@register_setting(icon="site")
class NewsroomSettings(BaseGenericSetting):
    """The newsroom's identity, shown in the masthead, feeds, emails and structured data."""

    name = models.CharField(max_length=100, default=default_newsroom_name)
    tagline = models.CharField(max_length=200, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Square or wide logo; used in the header, as the publisher logo and, on "
        "the podcast artwork background, as the podcast's artwork (which Apple Podcasts needs).",
    )
    support_url = models.URLField(
        "support page",
        blank=True,
        validators=[URLValidator(schemes=["https"], message="Enter an https:// address.")],
        help_text="Where readers and listeners can support the newsroom (donations, "
        "membership), as an https:// address. Podcast apps link to it.",
    )
    podcast_email = models.EmailField(
        "podcast contact email",
        blank=True,
        help_text="How podcast directories (Apple Podcasts, the Podcast Index) reach the "
        "newsroom, e.g. to confirm that the podcast is yours. It is published in the podcast "
        "feed: use a shared newsroom address, never a person's.",
    )
    copyright = models.CharField(
        max_length=200,
        blank=True,
        help_text="The podcast's copyright line, e.g. “© 2026 The Halvesk Ledger”. Left empty: "
        "“© ” and the newsroom's name.",
    )
    artwork_background = models.CharField(
        "podcast artwork background",
        max_length=7,
        default="#ffffff",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}\Z", "A colour such as #f3ede2.")],
        help_text="The colour around the logo on the podcast's square artwork.",
    )
    social_profiles = models.TextField(
        blank=True,
        max_length=2000,
        help_text="The newsroom's own profiles elsewhere, one address a line, e.g. "
        "https://mastodon.social/@ledger. Search engines use them to recognise the newsroom.",
    )

    banner_on = models.BooleanField(
        "show the banner",
        default=False,
        help_text="A line across the top of every reader page (not for paying members), which "
        "readers may dismiss.",
    )
    banner_text = models.CharField(
        "banner text",
        max_length=200,
        blank=True,
        help_text="“Our reporting is funded by readers like you.”",
    )
    banner_link_label = models.CharField(
        "banner link's label", max_length=40, blank=True, help_text="“Become a member”."
    )
    banner_link_url = models.CharField(
        "banner link",
        max_length=500,
        blank=True,
        validators=[
            RegexValidator(
                r"^(/|https://)\S*\Z",
                "Enter a path on this site, such as /membership/, or an https:// address.",
            )
        ],
        help_text="A path on this site (/membership/, /support/, /gift/) or an https:// address.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("tagline"),
        FieldPanel("logo"),
        FieldPanel("social_profiles"),
        FieldPanel("support_url"),
        MultiFieldPanel(
            [
                FieldPanel("podcast_email"),
                FieldPanel("copyright"),
                FieldPanel("artwork_background", widget=forms.TextInput(attrs={"type": "color"})),
            ],
            heading="Podcast",
        ),
        MultiFieldPanel(
            [
                FieldPanel("banner_on"),
                FieldPanel("banner_text"),
                FieldRowPanel([FieldPanel("banner_link_label"), FieldPanel("banner_link_url")]),
            ],
            heading="Site-wide banner",
        ),
    ]

    class Meta:
        verbose_name = "newsroom"

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        check = URLValidator(schemes=["http", "https"])
        for line in self.same_as:
            try:
                check(line)
            except ValidationError:
                raise ValidationError(
                    {"social_profiles": f"Not a web address: {line[:100]!r}. One address a line."}
                ) from None
        self.social_profiles = "\n".join(self.same_as)
        if self.banner_on and not self.banner_text.strip():
            raise ValidationError({"banner_text": "Give the banner a text, or turn it off."})
        if bool(self.banner_link_label.strip()) != bool(self.banner_link_url.strip()):
            raise ValidationError(
                {"banner_link_url": "Give the link both a label and an address, or neither."}
            )

    @property
    def banner_key(self):
        """Names this banner's wording, so that a reader who dismissed one sees the next."""
        words = f"{self.banner_text}\n{self.banner_link_label}\n{self.banner_link_url}"
        return hashlib.sha256(words.encode()).hexdigest()[:12]

    @property
    def same_as(self):
        """The social profiles as a list (schema.org ``sameAs``), blank lines left out."""
        return [line.strip() for line in self.social_profiles.splitlines() if line.strip()]

    @classmethod
    def load(cls, request_or_site=None):
        """As Wagtail's, but read once per process for requests (``pagecache/memo.py``)."""
        if request_or_site is None or isinstance(request_or_site, Site):
            return super().load(request_or_site)
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request_or_site, attr_name):
            settings = memo.newsroom_settings(request_or_site, cls._get_or_create)
            setattr(request_or_site, attr_name, settings)
        return getattr(request_or_site, attr_name)


class RateLimitKey(models.Model):
    """One limited client or address under one limit (an HMAC of both: ``core/ratelimit.py``),
    locked while its attempts are counted, so the limit holds across processes and concurrent
    requests."""

    key = models.CharField(max_length=64, unique=True)

    def __str__(self):
        return self.key


class RateLimitAttempt(models.Model):
    """An attempt counted against a key; ``item`` is an HMAC of what was asked for, if the limit
    counts distinct items (addresses per client), else empty."""

    key = models.ForeignKey(RateLimitKey, on_delete=models.CASCADE, related_name="attempts")
    item = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["key", "created_at"])]

    def __str__(self):
        return f"{self.key} {self.created_at:%Y-%m-%d %H:%M}"


class TaskWorker(models.Model):
    """A running ``manage.py worker`` process, known by its heartbeat (``core/worker.py``).

    The task rows a worker claims carry ``<id>/<queue>``. While ``beat_at`` stays fresh the
    process is alive and its running rows are its own; once it is older than
    ``MASTHEAD_WORKER["STALE_SECONDS"]`` (or the row is gone) another worker puts them back
    in the queue.
    """

    id = models.CharField(primary_key=True, max_length=48)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    queues = models.CharField(max_length=255)
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "task worker"

    def __str__(self):
        return self.id
