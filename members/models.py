from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from wagtail.admin.panels import FieldPanel


class Label(models.Model):
    """A tag staff put on members ("press", "founding member") to find them again."""

    name = models.CharField(max_length=80, unique=True)

    panels = [FieldPanel("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class MemberQuerySet(models.QuerySet):
    def with_email(self, email):
        return self.filter(email__iexact=email)


class Member(models.Model):
    """One reader, one email address (stored as ``newsletters.emails.normalise`` has it and
    unique whatever its case). Their newsletters are their ``subscriber``'s."""

    class Status(models.TextChoices):
        FREE = "free", "Free"
        PAID = "paid", "Paid"  # set from their subscription (payments), never by hand
        COMPED = "comped", "Complimentary"

    email = models.EmailField(max_length=254)
    name = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.FREE)
    note = models.TextField(blank=True, help_text="For staff only; the member never sees it.")
    labels = models.ManyToManyField(Label, blank=True, related_name="members")
    subscriber = models.OneToOneField(
        "newsletters.Subscriber",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member",
    )
    signup_source = models.CharField(
        max_length=500, blank=True, help_text="The page where they signed up."
    )
    stripe_customer_id = models.CharField(max_length=255, blank=True)
    # The tier a comp opens; none (as every comp before tiers were named) opens every tier.
    comp_tier = models.ForeignKey(
        "payments.Tier",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comped_members",
        help_text="The tier a complimentary membership opens; empty opens every tier.",
    )
    # The page a member last started Checkout from (a conversion's article, for the dashboard).
    checkout_source = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_signed_in_at = models.DateTimeField(null=True, blank=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(Lower("email"), name="unique_member_email")]
        permissions = [
            ("manage_membership", "Can comp members and cancel their subscriptions"),
            ("import_member", "Can import and export members"),
        ]

    def __str__(self):
        return self.email

    @property
    def has_paid_access(self):
        return self.status in (self.Status.PAID, self.Status.COMPED)


class SignInRequest(models.Model):
    """One emailed link and code, to sign in or to confirm a new address. Only their keyed
    hashes are stored; used once, then ``used_at`` is set (also when wrong codes burn it)."""

    class Purpose(models.TextChoices):
        SIGN_IN = "sign_in", "Sign in"
        EMAIL_CHANGE = "email_change", "Change of address"

    purpose = models.CharField(max_length=20, choices=Purpose, default=Purpose.SIGN_IN)
    # The address the email went to: a member's, an unknown one (the link signs up), or the
    # new address of an email change.
    email = models.EmailField(max_length=254)
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, null=True, blank=True, related_name="sign_in_requests"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=64, blank=True)
    wrong_codes = models.PositiveSmallIntegerField(default=0)
    next_path = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(Lower("email"), "purpose", name="sign_in_by_email")]

    def __str__(self):
        return f"{self.get_purpose_display()} for {self.email}"


class Membership(models.Model):
    """A member's subscription at the payment provider, as last re-read from it (never as an
    event said it was: events come late, twice, or out of order)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="memberships")
    subscription_id = models.CharField(max_length=255, unique=True)
    tier = models.ForeignKey(
        "payments.Tier",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
    )
    price_id = models.CharField(max_length=255, blank=True)
    cadence = models.CharField(max_length=5, blank=True)  # "month" or "year"
    amount = models.PositiveIntegerField(default=0)
    currency = models.CharField(max_length=3, blank=True)
    status = models.CharField(max_length=20)  # the provider's: active, trialing, past_due…
    cancel_at_period_end = models.BooleanField(default=False)
    current_period_end = models.DateTimeField(null=True, blank=True)
    past_due_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.member} ({self.status})"


class PodcastFeed(models.Model):
    """A paying member's private podcast feed, at an address podcast apps poll without a
    cookie. The address is ``lookup`` (random, stored) and its HMAC with the secret key (never
    stored: ``selectors.podcast_feed_token``), so a copy of the database opens no feed.
    Resetting draws a new ``lookup``: the old address answers 404 at once."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="podcast_feed")
    lookup = models.CharField(max_length=32, unique=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Podcast feed of {self.member}"


class MemberEvent(models.Model):
    """One line of a member's timeline, written by ``services`` at each change it makes (the
    sign-up itself is the member's ``created_at`` and ``signup_source``)."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", "Signed in"
        EMAIL_CHANGED = "email_changed", "Changed email address"
        PAID = "paid", "Became a paying member"
        TRIAL = "trial", "Started a trial"
        TIER_CHANGED = "tier_changed", "Changed tier"
        PAST_DUE = "past_due", "Payment failed"
        CANCELLED = "cancelled", "Cancelled"
        RESUMED = "resumed", "Resumed"
        ENDED = "ended", "Membership ended"
        COMPED = "comped", "Complimentary membership"
        UNCOMPED = "uncomped", "Complimentary membership removed"
        GIFT = "gift", "Gift membership"
        IMPORTED = "imported", "Imported"

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind)
    detail = models.CharField(max_length=500, blank=True)  # a tier, a page, an address
    source = models.CharField(max_length=500, blank=True)  # the page it happened from
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index("kind", "created_at", name="member_event_kind_at")]

    def __str__(self):
        return f"{self.member}: {self.get_kind_display()}"


class MemberImport(models.Model):
    """One Ghost members CSV upload, imported in the background row by row (each row its own
    transaction): its progress, and the rows that could not be imported and why. The file's
    text is kept only until the import has run."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Done"

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=150, blank=True)
    filename = models.CharField(max_length=255, blank=True)
    csv_text = models.TextField(blank=True)
    newsletters = models.ManyToManyField("newsletters.Newsletter", blank=True)
    consent_text = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)  # [[line, reason], …]
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Import of {self.filename or 'a CSV file'} ({self.get_status_display()})"
