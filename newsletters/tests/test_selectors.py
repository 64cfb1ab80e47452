import pytest

from newsletters.models import Subscriber, Subscription, Suppression
from newsletters.selectors import deliverable_subscriptions

pytestmark = pytest.mark.django_db


def _subscribe(email, newsletter, status=Subscription.Status.SUBSCRIBED):
    subscriber = Subscriber.objects.create(email=email)
    return Subscription.objects.create(subscriber=subscriber, newsletter=newsletter, status=status)


def test_only_subscribed_and_not_suppressed(
    newsletter, other_newsletter, django_assert_num_queries
):
    keep = _subscribe("Keep@example.org", newsletter)
    _subscribe("pending@example.org", newsletter, Subscription.Status.PENDING)
    _subscribe("left@example.org", newsletter, Subscription.Status.UNSUBSCRIBED)
    _subscribe("Bounced@Example.org", newsletter)
    Subscription.objects.create(
        subscriber=keep.subscriber, newsletter=other_newsletter, status="subscribed"
    )
    Suppression.objects.create(email="bounced@example.ORG", reason="bounce")
    with django_assert_num_queries(1):
        rows = [
            (s.subscriber.email, s.newsletter.slug) for s in deliverable_subscriptions(newsletter)
        ]
    assert rows == [("Keep@example.org", "explaining-halvesk")]
