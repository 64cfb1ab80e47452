import pytest
from django.urls import reverse

from testkit.payments import WEBHOOK_SECRET


@pytest.fixture
def site_webhooks(live_server, standin, payments_backend):
    """The stand-in delivers every event to this site's webhook (on the live server), signed
    with the secret the site checks: (stand-in, webhook URL)."""
    url = live_server.url + reverse("payments:stripe_webhook")
    standin.add_endpoint(url, secret=WEBHOOK_SECRET)
    return url
