import re

import pytest
from django.core import mail

from members.models import Member

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
