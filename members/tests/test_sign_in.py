"""Sign-in by emailed link and by code: single use, expiry, wrong codes, rate limits, and the
same answer for every address."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from members.models import Member, SignInRequest

from .conftest import link_and_code

pytestmark = pytest.mark.django_db


def test_the_link_shows_a_button_and_only_the_post_signs_in(client, ask, member):
    response, message = ask("Reader@Example.org", next_path="/world/story/")
    assert response.status_code == 303
    assert response["Location"] == "/account/sign-in/code/"
    assert message.to == ["reader@example.org"]  # the member's own address
    assert message.alternatives[0][1] == "text/html"
    path, code = link_and_code(message)
    assert code in message.subject

    page = client.get(path)  # a mail scanner's prefetch
    assert page.status_code == 200
    assert b"Press the button to sign in" in page.content
    assert "member_id" not in client.session

    response = client.post(path)
    assert response.status_code == 303
    assert response["Location"] == "/world/story/"
    assert client.session["member_id"] == member.pk
    member.refresh_from_db()
    assert member.last_signed_in_at is not None


def test_the_code_signs_in(client, ask, member):
    _, message = ask(member.email)
    _, code = link_and_code(message)
    page = client.get("/account/sign-in/code/")
    assert b"reader@example.org" in page.content
    response = client.post("/account/sign-in/code/", {"code": f"{code[:3]} {code[3:]}"})
    assert response.status_code == 303
    assert response["Location"] == "/account/"
    assert client.session["member_id"] == member.pk


def test_a_link_or_code_works_once(client, ask, member):
    _, message = ask(member.email)
    path, code = link_and_code(message)
    assert client.post(path).status_code == 303
    client.post("/account/sign-out/")
    assert client.post(path).status_code == 400
    assert client.get(path).status_code == 400
    session = client.session
    session["member_sign_in_email"] = member.email
    session.save()
    assert client.post("/account/sign-in/code/", {"code": code}).status_code == 400
    assert "member_id" not in client.session


def test_the_code_dies_with_the_link(client, ask, member):
    _, message = ask(member.email)
    path, code = link_and_code(message)
    client.post("/account/sign-in/code/", {"code": code})
    client.post("/account/sign-out/")
    assert client.post(path).status_code == 400


def test_links_expire(client, ask, member):
    _, message = ask(member.email)
    path, code = link_and_code(message)
    SignInRequest.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(path).status_code == 400
    assert client.post(path).status_code == 400
    assert client.post("/account/sign-in/code/", {"code": code}).status_code == 400
    assert "member_id" not in client.session


@override_settings(MASTHEAD_MEMBER_SIGNIN_MINUTES=15)
def test_a_request_lives_the_configured_minutes(ask, member):
    before = timezone.now()
    ask(member.email)
    request = SignInRequest.objects.get()
    assert before + timedelta(minutes=15) <= request.expires_at
    assert request.expires_at <= timezone.now() + timedelta(minutes=15)


def test_five_wrong_codes_burn_it(client, ask, member):
    _, message = ask(member.email)
    path, code = link_and_code(message)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        response = client.post("/account/sign-in/code/", {"code": wrong})
        assert response.status_code == 400
        assert b"That code is wrong or has expired" in response.content
    assert client.post("/account/sign-in/code/", {"code": code}).status_code == 400
    assert client.post(path).status_code == 400  # the link is burnt too
    assert "member_id" not in client.session


def test_only_hashes_are_stored(ask, member):
    _, message = ask(member.email)
    path, code = link_and_code(message)
    token = path.rstrip("/").rsplit("/", 1)[1]
    request = SignInRequest.objects.get()
    stored = " ".join(str(value) for value in vars(request).values())
    assert token not in stored
    assert code not in (request.token_hash, request.code_hash)
    assert code not in stored.replace(request.token_hash, "").replace(request.code_hash, "")


def test_an_unknown_address_gets_the_same_answer_and_an_offer(client, ask, member):
    known, known_mail = ask(member.email)
    client.cookies.clear()
    unknown, unknown_mail = ask("new@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert "create your free account" in unknown_mail.body
    assert "create your free account" not in known_mail.body
    assert not Member.objects.filter(email="new@example.org").exists()

    path, _ = link_and_code(unknown_mail)
    assert b"Create account and sign in" in client.get(path).content
    client.post(path)
    created = Member.objects.get(email="new@example.org")
    assert created.status == Member.Status.FREE
    assert client.session["member_id"] == created.pk


def test_a_new_member_keeps_the_page_they_signed_up_from(client, ask):
    _, message = ask("new@example.org", next_path="/world/story/")
    client.post(link_and_code(message)[0])
    assert Member.objects.get().signup_source == "/world/story/"


def test_an_outside_next_is_ignored(client, ask, member):
    _, message = ask(member.email, next_path="//evil.example/")
    response = client.post(link_and_code(message)[0])
    assert response["Location"] == "/account/"


@override_settings(MASTHEAD_MEMBER_IP_LIMIT=2)
def test_one_client_may_ask_for_a_few_addresses_an_hour(client, ask):
    answers = [ask(f"reader{n}@example.org") for n in range(3)]
    assert [message is not None for _, message in answers] == [True, True, False]
    assert len({(r.status_code, r["Location"]) for r, _ in answers}) == 1
    assert ask("reader0@example.org")[1] is not None  # asking again costs nothing
    assert ask("reader2@example.org", ip="198.51.100.7")[1] is not None


@override_settings(MASTHEAD_MEMBER_EMAIL_LIMIT=2)
def test_one_address_gets_a_few_emails_an_hour(ask, member):
    sent = [ask(member.email, ip=f"198.51.100.{n}")[1] for n in range(3)]
    assert [message is not None for message in sent] == [True, True, False]


def test_a_bad_address_is_told_so(client):
    response = client.post("/account/sign-in/", {"email": "not an address"})
    assert response.status_code == 400
    assert b"Please enter a correct email address" in response.content


def test_the_code_page_without_a_pending_address_goes_back_to_sign_in(client):
    assert client.get("/account/sign-in/code/")["Location"] == "/account/sign-in/"


def test_sign_out_forgets_the_member(signed_in):
    assert signed_in.get("/account/").status_code == 200
    assert signed_in.post("/account/sign-out/").status_code == 303
    assert signed_in.get("/account/")["Location"] == "/account/sign-in/?next=/account/"


def test_sign_in_cycles_the_session_key(client, ask, member):
    _, message = ask(member.email)
    before = client.session.session_key
    client.post(link_and_code(message)[0])
    assert client.session.session_key != before
