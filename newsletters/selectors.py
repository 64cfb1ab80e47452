"""Reads for newsletters, used by the sign-up pages and by ``mailing`` when it sends issues.

Suppression is decided here and only here: ``is_suppressed`` (one address), ``suppressions``
(many) and ``address_suppressed`` (an EXISTS for the rows of another query). An address is
compared lower-cased, as the suppression table's unique index on ``Lower(email)`` has it.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower

from .models import Audience, Newsletter, Subscriber, Subscription, Suppression


def active_newsletters():
    return Newsletter.objects.active()


def newsletters_count():
    """Every list, active or not: what bounds the number of fields a sign-up may carry."""
    return Newsletter.objects.count()


def _suppressed_addresses():
    return Suppression.objects.annotate(address=Lower("email"))


def is_suppressed(email):
    """True if nothing may ever be sent to ``email`` (one query)."""
    return _suppressed_addresses().filter(address=email.lower()).exists()


def suppressions(emails):
    """The lower-cased addresses among ``emails`` that are suppressed.

    One query, or one per batch where the database limits a query's parameters (SQLite)."""
    wanted = list(dict.fromkeys(email.lower() for email in emails))
    size = connection.features.max_query_params or len(wanted) or 1
    found = set()
    for start in range(0, len(wanted), size):
        batch = _suppressed_addresses().filter(address__in=wanted[start : start + size])
        found.update(address.lower() for address in batch.values_list("email", flat=True))
    return found


def address_suppressed(email_field):
    """An EXISTS, true for rows of the outer query whose ``email_field`` is suppressed: one
    index probe a row, so a list of 50,000 streams without N+1."""
    return Exists(_suppressed_addresses().filter(address=Lower(OuterRef(email_field))))


def in_audience(newsletter, subscriber_field="subscriber"):
    """A condition on rows whose ``subscriber_field`` is a Subscriber: true where that
    subscriber is in ``newsletter``'s audience now. Public and members' newsletters reach every
    subscriber (each is a free member); a paid one only those whose access is paid (for chosen
    tiers, paid for one of them). No query of its own: the tiers are a subquery."""
    if newsletter.audience not in (Audience.PAID, Audience.TIERS):
        return Q()
    paid = Q(**{f"{subscriber_field}__access": Subscriber.Access.PAID})
    if newsletter.audience == Audience.PAID:
        return paid
    tiers = Newsletter.tiers.through.objects.filter(newsletter_id=newsletter.pk).values("tier_id")
    holds_one = Subscriber.paid_tiers.through.objects.filter(
        subscriber_id=OuterRef(f"{subscriber_field}_id"),
        tier_id__in=tiers,
    )
    return paid & Q(Exists(holds_one))


def newsletter_offered(newsletter, *, access=Subscriber.Access.FREE, tier_ids=()):
    """Whether a reader of ``access`` (and ``tier_ids``) may subscribe to ``newsletter``: a
    paid one only if they pay (for chosen tiers, for one of them; the newsletter's tiers are
    read once and kept on it)."""
    if newsletter.audience == Audience.PAID:
        return access == Subscriber.Access.PAID
    if newsletter.audience == Audience.TIERS:
        if not hasattr(newsletter, "_tier_ids"):
            newsletter._tier_ids = set(newsletter.tiers.values_list("pk", flat=True))
        return access == Subscriber.Access.PAID and bool(newsletter._tier_ids & set(tier_ids))
    return True


def subscriber_paid_tier_ids(subscriber):
    return set(subscriber.paid_tiers.values_list("pk", flat=True))


def offered_to_subscriber(subscriber):
    """A test ``newsletter -> bool``: whether ``subscriber`` may tick it (its access as
    recorded; the tiers are read once)."""
    access, tier_ids = subscriber.access, ()
    if access == Subscriber.Access.PAID:
        tier_ids = subscriber_paid_tier_ids(subscriber)
    return lambda newsletter: newsletter_offered(newsletter, access=access, tier_ids=tier_ids)


@dataclass(frozen=True)
class NewsletterChoice:
    """One list on a preferences page: whether the reader may tick it, and whether they are
    subscribed (a paid list they no longer pay for stays subscribed, paused, until they pay)."""

    newsletter: Newsletter
    offered: bool
    subscribed: bool

    @property
    def paused(self):
        return self.subscribed and not self.offered


def newsletter_choices(*, offered, subscribed_ids):
    """Every active list for a preferences page or a member's account page."""
    return [
        NewsletterChoice(newsletter=n, offered=offered(n), subscribed=n.pk in subscribed_ids)
        for n in active_newsletters()
    ]


def deliverable_subscriptions(newsletter):
    """Subscriptions to ``newsletter`` that may be sent to: subscribed, address not suppressed,
    and in its audience now (``in_audience``: a paid newsletter's readers who stopped paying
    keep their subscription, and get it again once they pay again).

    One query (the suppression test is ``address_suppressed``). Iterate with ``.iterator()``
    for big lists.
    """
    return (
        Subscription.objects.filter(newsletter=newsletter, status=Subscription.Status.SUBSCRIBED)
        .filter(in_audience(newsletter))
        .exclude(address_suppressed("subscriber__email"))
        .select_related("subscriber", "newsletter")
        .order_by("pk")
    )
