import pytest
from django.utils import timezone

from mailing.models import Issue
from newsletters.models import Newsletter, Subscriber, Subscription


def make_subscribers(newsletter, count, *, start=0, status=Subscription.Status.SUBSCRIBED):
    """``count`` subscribers of ``newsletter`` (reader<n>@example.org), in bulk."""
    Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{n}@example.org", first_name=f"Reader{n}")
        for n in range(start, start + count)
    )
    subscribers = Subscriber.objects.filter(
        email__in=[f"reader{n}@example.org" for n in range(start, start + count)]
    )
    Subscription.objects.bulk_create(
        Subscription(
            subscriber=subscriber,
            newsletter=newsletter,
            status=status,
            confirmed_at=timezone.now(),
        )
        for subscriber in subscribers
    )
    return list(subscribers)


@pytest.fixture
def newsletter(db):
    return Newsletter.objects.create(name="The Morning", slug="the-morning", host="Olha Bondar")


@pytest.fixture
def issue(newsletter):
    return Issue.objects.create(
        newsletter=newsletter,
        subject="Tuesday: what happened overnight",
        preheader="Three stories and the News Feed",
        intro="<p>Good morning. Here is <b>what matters</b>.</p>",
        sign_off="<p>See you tomorrow, Olha</p>",
    )


@pytest.fixture
def mailing_settings(settings):
    settings.MASTHEAD_MAILING = {**settings.MASTHEAD_MAILING, "BATCH_SIZE": 500}
    settings.MASTHEAD_NEWSLETTER_BASE_URL = "https://news.example.org"
    settings.MASTHEAD_NEWSLETTER_REPLY_TO = "letters@example.org"
    settings.DEFAULT_FROM_EMAIL = "The Ledger <newsletters@news.example.org>"
    return settings
