import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from members.models import Member
from payments.models import Tier

LINK = re.compile(r"https?://[^/\s]+(/account/[^\s\"<]+)")
CODE = re.compile(r"\b(\d{6})\b")


def link_and_code(message):
    """The path of the emailed link and the code, from the plain-text part."""
    return LINK.search(message.body).group(1), CODE.search(message.body).group(1)


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """POST the sign-in form; returns the response and the email sent now (or None)."""

    def post(email, *, ip="203.0.113.5", next_path=None, on=None):
        before = len(mail.outbox)
        data = {"email": email, **({"next": next_path} if next_path else {})}
        with django_capture_on_commit_callbacks(execute=True):
            response = (on or client).post("/account/sign-in/", data, REMOTE_ADDR=ip)
        sent = mail.outbox[before:]
        return response, (sent[-1] if sent else None)

    return post


@pytest.fixture
def member(db):
    return Member.objects.create(email="reader@example.org", name="Ada Reader")


@pytest.fixture
def signed_in(client, member):
    """The client, signed in as ``member`` (as a link would have done)."""
    session = client.session
    session["member_id"] = member.pk
    session.save()
    return client


@pytest.fixture
def staff_client(client, django_user_model):
    """A client signed in as a user of a newsroom role: ``staff_client("Reporters")``."""

    def make(role):
        user = django_user_model.objects.create_user(role.lower().replace(" ", "-"), password="pw")
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        return client

    return make


@pytest.fixture
def paid_tier(payments_backend, django_capture_on_commit_callbacks):
    """A tier with its prices made at the stand-in."""

    with django_capture_on_commit_callbacks(execute=True):
        tier = Tier.objects.create(
            name="Reader", slug="reader", monthly_amount=500, yearly_amount=5000, currency="eur"
        )
    tier.refresh_from_db()
    return tier


def subscribe_at_standin(standin, backend, tier, email, cadence="month"):
    """A customer of ``email`` with a paid subscription to ``tier`` at the stand-in (Checkout
    paid as a browser would), as a site Masthead imports members from would have left them.
    Returns the customer id."""
    customer = backend.ensure_customer(email=email)
    session = backend.create_subscription_checkout(
        price_id=tier.price_id_for(cadence),
        success_url="http://example.org/thanks/",
        cancel_url="http://example.org/",
        customer_id=customer.id,
    )
    status, _, text = standin.pay_checkout(session.url, email=email)
    assert status in (302, 303), text
    return customer.id
