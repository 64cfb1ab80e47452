"""The admin's password reset sends a limited number of emails, per address and per client, and
answers the same whether an email went, was held back or no account has the address."""

import re

import pytest
from django.contrib.auth.models import User

RESET = "/admin/password_reset/"


@pytest.fixture
def limits(settings):
    settings.MASTHEAD_PASSWORD_RESET_EMAIL_LIMIT = 3
    settings.MASTHEAD_PASSWORD_RESET_IP_LIMIT = 5
    return settings


@pytest.fixture
def reset(client):
    def post(email, *, ip="203.0.113.1", **headers):
        response = client.post(RESET, {"email": email}, REMOTE_ADDR=ip, **headers)
        return response.status_code, response["Location"]

    return post


def test_an_address_gets_at_most_its_limit_of_emails_whoever_asks(
    reset, limits, staff_user, mailoutbox
):
    answers = {reset("desk@example.org", ip=f"203.0.113.{n}") for n in range(1, 5)}
    answers.add(reset("DESK@example.org", ip="203.0.113.9"))
    assert len(mailoutbox) == 3
    assert {message.to[0] for message in mailoutbox} == {"desk@example.org"}
    assert answers == {(302, "/admin/password_reset/done/")}


def test_one_client_asking_for_many_addresses_is_limited(db, reset, limits, mailoutbox):
    for n in range(8):
        User.objects.create_user(f"editor{n}", f"editor{n}@example.org", "pw")
    # Unknown addresses count as known ones do: the limit gives nothing away.
    addresses = ["nobody@example.org", *(f"editor{n}@example.org" for n in range(8))]
    answers = {reset(address, ip="198.51.100.7") for address in addresses}
    assert answers == {(302, "/admin/password_reset/done/")}
    assert sorted(message.to[0] for message in mailoutbox) == [
        f"editor{n}@example.org" for n in range(4)
    ]
    # Asking again for one of the first five costs this client nothing more...
    reset("editor0@example.org", ip="198.51.100.7")
    assert len(mailoutbox) == 5
    # ...and another client is not held back by this one.
    reset("editor7@example.org", ip="198.51.100.8")
    assert mailoutbox[-1].to == ["editor7@example.org"]


def test_behind_a_proxy_each_reader_is_their_own_client(db, reset, limits, settings, mailoutbox):
    settings.MASTHEAD_TRUSTED_PROXY_COUNT = 1
    for n in range(8):
        User.objects.create_user(f"editor{n}", f"editor{n}@example.org", "pw")
    for n in range(8):
        reset(f"editor{n}@example.org", ip="127.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert len(mailoutbox) == 8


def test_the_answer_is_the_same_for_known_unknown_and_held_back_addresses(
    client, limits, staff_user, mailoutbox
):
    def answer(email, ip):
        response = client.post(RESET, {"email": email}, REMOTE_ADDR=ip, follow=True)
        # Date and Expires tell the second it was answered in.
        timed = {"Date", "Expires", "Set-Cookie"}
        headers = {k: v for k, v in response.headers.items() if k not in timed}
        # The page carries the session's CSRF token, new with each response.
        page = re.sub(r'"CSRF_TOKEN": "\w+"', "", response.content.decode())
        return response.status_code, response.redirect_chain, headers, page

    known = answer("desk@example.org", "192.0.2.1")
    unknown = answer("nobody@example.org", "192.0.2.2")
    for n in range(3, 6):
        answer("desk@example.org", f"192.0.2.{n}")
    held_back = answer("desk@example.org", "192.0.2.6")
    assert len(mailoutbox) == 3
    assert known == unknown == held_back
