"""Reads for newsletters, used by the sign-up pages and by ``mailing`` when it sends issues.

Suppression is decided here and only here: ``is_suppressed`` (one address), ``suppressions``
(many) and ``address_suppressed`` (an EXISTS for the rows of another query). An address is
compared lower-cased, as the suppression table's unique index on ``Lower(email)`` has it.
"""

from django.db import connection
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower

from .models import Newsletter, Subscription, Suppression


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


def deliverable_subscriptions(newsletter):
    """Subscriptions to ``newsletter`` that may be sent to: subscribed, address not suppressed.

    One query (the suppression test is ``address_suppressed``). Iterate with ``.iterator()``
    for big lists.
    """
    return (
        Subscription.objects.filter(newsletter=newsletter, status=Subscription.Status.SUBSCRIBED)
        .exclude(address_suppressed("subscriber__email"))
        .select_related("subscriber", "newsletter")
        .order_by("pk")
    )
