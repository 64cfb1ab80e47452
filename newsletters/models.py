from django import forms
from django.db import models
from django.db.models.functions import Lower
from wagtail.admin.panels import FieldPanel, TitleFieldPanel

from .admin_forms import NewsletterForm


class NewsletterQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Audience(models.TextChoices):
    """Who a newsletter is sent to, from the widest (the values of ``articles.access.Access``).

    Every subscriber is a free member (confirming makes one), so a members' newsletter takes
    sign-ups like a public one; a paid one goes only to subscribers whose access is paid when
    an issue is sent (``Subscriber.access``, which ``members`` keeps up to date)."""

    PUBLIC = "public", "Everyone"
    MEMBERS = "members", "Members (every subscriber is a free member)"
    PAID = "paid", "Paying members"
    TIERS = "tiers", "Paying members of specific tiers"


PAID_AUDIENCES = (Audience.PAID, Audience.TIERS)


class Newsletter(models.Model):
    name = models.CharField(max_length=120, help_text='For example "Explaining Ukraine".')
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(max_length=600, blank=True)
    host = models.CharField(
        max_length=120, blank=True, help_text='Shown as "<name> with <host>". Optional.'
    )
    cadence = models.CharField(max_length=80, blank=True, help_text='For example "Every Friday".')
    is_active = models.BooleanField(default=True, help_text="Inactive lists take no sign-ups.")
    sort_order = models.PositiveSmallIntegerField(default=0)
    audience = models.CharField(
        max_length=20,
        choices=Audience,
        default=Audience.PUBLIC,
        help_text="Paid newsletters are offered only to paying members and sent only to "
        "subscribers who pay when an issue goes out.",
    )
    tiers = models.ManyToManyField(
        "payments.Tier",
        blank=True,
        related_name="+",
        help_text='For "Paying members of specific tiers": the tiers it is sent to.',
    )

    objects = NewsletterQuerySet.as_manager()

    base_form_class = NewsletterForm
    panels = [
        # Typing the name fills the slug, as a page title does.
        TitleFieldPanel("name", classname="", placeholder=False),
        FieldPanel("slug"),
        FieldPanel("host"),
        FieldPanel("description"),
        FieldPanel("cadence"),
        FieldPanel("is_active"),
        FieldPanel("audience"),
        FieldPanel("tiers", widget=forms.CheckboxSelectMultiple),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return f"{self.name} with {self.host}" if self.host else self.name

    @property
    def for_paying_members(self):
        """Offered and sent only to paying members (a free reader is shown a link to join)."""
        return self.audience in PAID_AUDIENCES


class Subscriber(models.Model):
    """One email address. Stored normalised (see ``emails.normalise``), unique.

    ``access`` and ``paid_tiers`` say what the address's member may read, as ``members`` last
    pushed it (``services.subscriber_access_update``): paid newsletters and paid sections of
    issues go by them. Newsletters never ask members; members tell them when it changes."""

    class Access(models.TextChoices):
        FREE = "free", "Free"
        PAID = "paid", "Paid"

    email = models.EmailField(max_length=254, unique=True)
    first_name = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    access = models.CharField(max_length=10, choices=Access, default=Access.FREE)
    paid_tiers = models.ManyToManyField("payments.Tier", blank=True, related_name="+")

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.email


class Subscription(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending confirmation"
        SUBSCRIBED = "subscribed", "Subscribed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    newsletter = models.ForeignKey(
        Newsletter, on_delete=models.PROTECT, related_name="subscriptions"
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "newsletter"], name="one_subscription_per_list"
            )
        ]
        indexes = [models.Index(fields=["newsletter", "status"])]

    def __str__(self):
        return f"{self.subscriber} → {self.newsletter} ({self.status})"


class Suppression(models.Model):
    """An address that must never receive mail again (until an operator removes it)."""

    class Reason(models.TextChoices):
        BOUNCE = "bounce", "Hard bounce"
        COMPLAINT = "complaint", "Spam complaint"
        MANUAL = "manual", "Added by staff"

    email = models.EmailField(max_length=254)
    reason = models.CharField(max_length=20, choices=Reason)
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("email"), FieldPanel("reason"), FieldPanel("detail")]

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="unique_suppressed_email"),
        ]

    def __str__(self):
        return f"{self.email} ({self.get_reason_display()})"


class ConsentRecord(models.Model):
    """Proof of consent for one subscription: who asked, where, when, with which wording.

    Written when a sign-up (or an import) asks for the subscription; ``confirmed_at`` is set
    when the reader confirms from the emailed link. Kept when the reader later unsubscribes,
    and when they have their address erased (then without it: see ``erased_email_hash``).
    """

    class Method(models.TextChoices):
        FORM = "form", "Sign-up form"
        IMPORT = "import", "CSV import"

    # Empty once the reader has had their address erased (``services.subscriber_erase``): the
    # record stays, keyed by ``erased_email_hash``, as proof of the consent mail was sent under.
    subscription = models.ForeignKey(
        Subscription,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consent_records",
    )
    erased_email_hash = models.CharField(
        max_length=64, blank=True, help_text="A keyed hash of the erased address."
    )
    newsletter = models.ForeignKey(
        Newsletter, on_delete=models.PROTECT, related_name="consent_records"
    )
    method = models.CharField(max_length=20, choices=Method, default=Method.FORM)
    created_at = models.DateTimeField(auto_now_add=True)
    source_url = models.CharField(max_length=500, blank=True)
    consent_text = models.TextField(help_text="The wording the reader agreed to.")
    ip_address = models.CharField(
        max_length=64, blank=True, help_text="The IP address or a salted hash of it (setting)."
    )
    user_agent = models.CharField(max_length=300, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.newsletter} ({self.created_at:%Y-%m-%d})"

    @property
    def email(self):
        if self.subscription is None:
            return "(erased)"
        return self.subscription.subscriber.email
