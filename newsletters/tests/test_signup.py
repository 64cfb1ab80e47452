"""Sign-up to confirmation, through a real SMTP server."""

import logging
import re
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from newsletters import tokens
from newsletters.forms import _STARTED_SALT as STARTED_SALT
from newsletters.forms import started_token
from newsletters.models import ConsentRecord, Subscriber, Subscription, Suppression
from newsletters.services import stored_ip
from newsletters.tests.conftest import form_data
from newsletters.views import THANKS_MESSAGE, TOO_MANY_FIELDS_MESSAGE

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver/newsletters/confirm/[^/\s\"]+/")


def confirm_link(message):
    return LINK.search(message.get_body(("plain",)).get_content()).group(0)


def test_sign_up_sends_one_confirmation_then_confirms_only_on_post(
    client, sign_up, newsletter, smtp_sink
):
    response = sign_up("reader@example.org", newsletter)
    assert response.status_code == 303
    assert response["Location"] == "/newsletters/thanks/"
    assert escape(THANKS_MESSAGE) in client.get(response["Location"]).content.decode()

    [message] = smtp_sink.to("reader@example.org")
    assert message["Subject"] == "Confirm your subscription to Explaining Halvesk with Ilona Sadek"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    link = confirm_link(message)
    assert link in text
    assert link in html
    subscription = Subscription.objects.get()
    assert subscription.status == Subscription.Status.PENDING

    page = client.get(link.removeprefix("http://testserver"))
    assert page.status_code == 200
    assert "Confirm subscription" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.PENDING  # a mail scanner's GET does nothing

    confirmed = client.post(link.removeprefix("http://testserver"))
    assert confirmed.status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.SUBSCRIBED
    assert subscription.confirmed_at is not None
    assert ConsentRecord.objects.get().confirmed_at == subscription.confirmed_at

    again = client.post(link.removeprefix("http://testserver"))  # idempotent
    assert again.status_code == 200
    assert Subscription.objects.get().confirmed_at == subscription.confirmed_at
    assert len(smtp_sink.to("reader@example.org")) == 1


def test_consent_record_keeps_where_when_what_and_a_hash_of_the_ip(sign_up, newsletter):
    sign_up("reader@example.org", newsletter, ip="198.51.100.7")
    record = ConsentRecord.objects.get()
    assert record.newsletter == newsletter
    assert record.subscription.subscriber.email == "reader@example.org"
    assert record.source_url == "http://testserver/world/some-article/"
    assert "Explaining Halvesk with Ilona Sadek" in record.consent_text
    assert record.user_agent == "TestBrowser/1.0"
    assert record.created_at is not None
    assert record.confirmed_at is None
    assert record.ip_address and "198.51.100.7" not in record.ip_address
    assert len(record.ip_address) == 64


def test_full_ip_kept_only_when_configured(sign_up, newsletter, settings):
    settings.MASTHEAD_NEWSLETTER_STORE_IP = "full"
    sign_up("reader@example.org", newsletter, ip="198.51.100.7")
    assert ConsentRecord.objects.get().ip_address == "198.51.100.7"


def test_json_sign_up_answers_with_the_message(sign_up, newsletter, smtp_sink):
    response = sign_up("reader@example.org", newsletter, json=True)
    assert response.status_code == 200
    assert response.json() == {"message": THANKS_MESSAGE}
    assert len(smtp_sink.to("reader@example.org")) == 1


def _same(response):
    headers = dict(response.headers.items())
    return response.status_code, response.content, headers


@pytest.mark.parametrize("json", [False, True])
def test_every_outcome_gets_the_identical_response(sign_up, newsletter, smtp_sink, json, settings):
    settings.MASTHEAD_NEWSLETTER_IP_LIMIT = 3
    new = sign_up("new@example.org", newsletter, json=json)
    pending = sign_up("new@example.org", newsletter, json=json)
    Subscription.objects.update(status=Subscription.Status.SUBSCRIBED)
    subscribed = sign_up("new@example.org", newsletter, json=json)
    Suppression.objects.create(email="Gone@Example.org", reason="bounce")
    suppressed = sign_up("gone@example.org", newsletter, json=json)
    bot = sign_up("bot@example.org", newsletter, json=json, homepage="http://spam.example")
    sign_up("third@example.org", newsletter, json=json)
    limited = sign_up("fourth@example.org", newsletter, json=json)
    assert Subscriber.objects.filter(email="fourth@example.org").count() == 0
    responses = [new, pending, subscribed, suppressed, bot, limited]
    assert len({repr(_same(r)) for r in responses}) == 1
    for response in responses:
        assert "Set-Cookie" not in response.headers
        assert not response.cookies
    assert len(smtp_sink.messages) == 2  # new@ and third@, nothing else


def test_sign_up_sets_no_cookie_even_with_a_bad_address(sign_up, newsletter):
    for json in (False, True):
        response = sign_up("not an address", newsletter, json=json)
        assert response.status_code == 400
        assert not response.cookies
        assert "Set-Cookie" not in response.headers


def test_post_without_csrf_token_or_cookie_is_accepted(
    newsletter, smtp_sink, django_capture_on_commit_callbacks
):
    strict = Client(enforce_csrf_checks=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = strict.post("/newsletters/signup/", form_data("a@example.org", newsletter))
    assert response.status_code == 303
    assert len(smtp_sink.to("a@example.org")) == 1


def test_one_address_from_200_ips_gets_one_email(sign_up, newsletter, smtp_sink):
    for n in range(200):
        response = sign_up("popular@example.org", newsletter, ip=f"10.0.{n // 250}.{n % 250}")
        assert response.status_code == 303
    assert len(smtp_sink.to("popular@example.org")) == 1
    assert Subscriber.objects.count() == 1


def test_one_ip_asking_for_200_addresses_gets_no_more_than_the_limit(
    sign_up, newsletter, smtp_sink, settings
):
    settings.MASTHEAD_NEWSLETTER_IP_LIMIT = 8
    for n in range(200):
        assert sign_up(f"victim{n}@example.org", newsletter).status_code == 303
    assert len(smtp_sink.messages) == 8
    # Another IP is not affected.
    sign_up("someone@example.org", newsletter, ip="192.0.2.99")
    assert len(smtp_sink.messages) == 9


def test_behind_the_newsrooms_proxy_each_reader_has_their_own_limit(
    sign_up, newsletter, smtp_sink, settings
):
    """Behind nginx every request comes from 127.0.0.1: the limit counts the forwarded reader."""
    settings.MASTHEAD_NEWSLETTER_IP_LIMIT = 2
    settings.MASTHEAD_TRUSTED_PROXY_COUNT = 1
    for reader in range(5):
        sign_up(
            f"r{reader}@example.org",
            newsletter,
            ip="127.0.0.1",
            forwarded_for=f"198.51.100.{reader}",
        )
    assert len(smtp_sink.messages) == 5
    # One reader asking for many addresses is still held to the limit, whatever they forge.
    for n in range(4):
        forged = f"10.9.9.{n}, 198.51.100.77"
        sign_up(f"x{n}@example.org", newsletter, ip="127.0.0.1", forwarded_for=forged)
    assert len(smtp_sink.messages) == 7


def test_a_second_list_within_a_day_sends_nothing_but_the_link_confirms_both(
    client, sign_up, newsletter, other_newsletter, smtp_sink
):
    sign_up("reader@example.org", newsletter)
    sign_up("reader@example.org", other_newsletter)
    [message] = smtp_sink.to("reader@example.org")
    link = confirm_link(message).removeprefix("http://testserver")
    assert "River Notes" in client.get(link).content.decode()
    client.post(link)
    assert set(Subscription.objects.values_list("status", flat=True)) == {"subscribed"}


@pytest.mark.parametrize("json", [False, True])
def test_a_filled_honeypot_gets_thanks_and_nothing_happens(sign_up, newsletter, smtp_sink, json):
    response = sign_up("bot@example.org", newsletter, json=json, homepage="http://spam.example")
    assert response.status_code == (200 if json else 303)
    assert not Subscriber.objects.exists()
    assert not smtp_sink.messages


@pytest.mark.parametrize("started", ["just now", "forged", "", None])
def test_the_script_sending_at_once_or_without_a_token_is_a_bot(
    sign_up, newsletter, smtp_sink, started
):
    if started == "just now":
        started = started_token(at=time.time() - 1)
    response = sign_up("bot@example.org", newsletter, json=True, started=started)
    assert response.json() == {"message": THANKS_MESSAGE}
    assert not Subscriber.objects.exists()
    assert not smtp_sink.messages


def test_suppressed_address_gets_no_email(sign_up, newsletter, smtp_sink):
    Suppression.objects.create(email="Blocked@EXAMPLE.org", reason="complaint")
    assert sign_up("blocked@example.org", newsletter).status_code == 303
    assert not smtp_sink.messages
    assert not Subscriber.objects.exists()


def test_inactive_newsletter_takes_no_sign_ups(sign_up, newsletter, smtp_sink):
    newsletter.is_active = False
    newsletter.save()
    response = sign_up("reader@example.org", newsletter)
    assert response.status_code == 400
    assert not Subscription.objects.exists()
    assert not smtp_sink.messages


def test_bad_address_re_renders_the_form_with_the_error_and_input(sign_up, newsletter):
    response = sign_up("reader@@example", newsletter)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please enter a correct email address" in html
    assert 'value="reader@@example"' in html
    assert 'aria-invalid="true"' in html
    assert re.search(r'aria-describedby="(newsletter-signup-\d+-email-error)"', html)
    assert not Subscriber.objects.exists()
    # The form shown again keeps when and where it was first shown.
    assert 'name="source" value="http://testserver/world/some-article/"' in html
    started = re.search(r'name="started" value="([^"]+)"', html).group(1)
    assert signing.loads(started, salt=STARTED_SALT) < time.time() - 30


def test_bad_address_as_json(sign_up, newsletter):
    response = sign_up("a@b.org, c@d.org", newsletter, json=True)
    assert response.status_code == 400
    assert response.json() == {"errors": {"email": ["Please enter a correct email address"]}}


def test_unsubscribed_reader_signing_up_again_must_confirm_again(sign_up, newsletter, smtp_sink):
    sign_up("reader@example.org", newsletter)
    Subscription.objects.update(status=Subscription.Status.UNSUBSCRIBED)
    Subscriber.objects.update(last_confirmation_sent_at=None)
    sign_up("reader@example.org", newsletter)
    assert Subscription.objects.get().status == Subscription.Status.PENDING
    assert len(smtp_sink.to("reader@example.org")) == 2


def test_expired_confirmation_link_offers_to_sign_up_again(client, newsletter, monkeypatch):
    subscriber = Subscriber.objects.create(email="late@example.org")
    Subscription.objects.create(subscriber=subscriber, newsletter=newsletter)
    url = tokens.confirm_url(subscriber, [newsletter.pk])
    later = time.time() + tokens.CONFIRM_MAX_AGE + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert "Sign up again" in response.content.decode()
    assert Subscription.objects.get().status == Subscription.Status.PENDING


def test_a_used_confirmation_link_offers_no_button_but_the_reader_s_newsletters(client, newsletter):
    """Opened again once confirmed, the link says so, with nothing to press that does nothing."""
    subscriber = Subscriber.objects.create(email="reader@example.org")
    Subscription.objects.create(subscriber=subscriber, newsletter=newsletter)
    url = tokens.confirm_url(subscriber, [newsletter.pk])
    assert "<button" in client.get(url).content.decode()  # pending: the button confirms
    client.post(url)

    html = client.get(url).content.decode()
    assert "Nothing left to confirm" in html
    assert "reader@example.org" in html
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert "<button" not in main
    assert "<form" not in main
    manage = re.search(r'<a href="([^"]+)">Manage your newsletters</a>', main).group(1)
    preferences = client.get(manage).content.decode()
    assert 'name="newsletters" value="explaining-halvesk" checked' in preferences


def test_altered_confirmation_link_is_not_valid(client):
    response = client.get("/newsletters/confirm/not-a-token/")
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_a_failed_send_gives_the_daily_claim_back(sign_up, newsletter, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    assert sign_up("reader@example.org", newsletter).status_code == 303  # the task failed
    assert Subscriber.objects.get().last_confirmation_sent_at is None


@pytest.mark.parametrize("json", [False, True])
def test_more_fields_than_the_form_has_are_refused_before_any_is_read(
    client, newsletter, other_newsletter, smtp_sink, json
):
    """A form posts five fields and one per list: more are refused, valid or not."""
    data = form_data("reader@example.org", newsletter)
    data["newsletters"] = [newsletter.slug, other_newsletter.slug] * 3  # 11 fields, 7 allowed
    headers = {"HTTP_ACCEPT": "application/json"} if json else {}
    response = client.post("/newsletters/signup/", data, **headers)
    assert response.status_code == 400
    assert "no-store" in response["Cache-Control"]
    if json:
        assert response.json() == {"message": TOO_MANY_FIELDS_MESSAGE}
    else:
        assert escape(TOO_MANY_FIELDS_MESSAGE) in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not smtp_sink.messages


def test_every_list_ticked_is_not_too_many_even_after_one_is_retired(
    sign_up, newsletter, other_newsletter, smtp_sink
):
    assert sign_up("a@example.org", newsletter, other_newsletter).status_code == 303
    other_newsletter.is_active = False  # retired while a reader had the form open
    other_newsletter.save()
    response = sign_up("b@example.org", newsletter, other_newsletter, json=True)
    assert response.status_code == 400
    assert response.json() == {
        "errors": {"newsletters": ["This newsletter is not taking sign-ups"]}
    }


def test_a_pending_address_asked_for_again_keeps_one_consent_record_a_day(
    client, sign_up, newsletter, other_newsletter, smtp_sink, monkeypatch
):
    for n in range(5):  # anyone may ask again for an unconfirmed address, from anywhere
        sign_up("reader@example.org", newsletter, ip=f"10.0.0.{n}")
    first = ConsentRecord.objects.get()  # the first request's, from 10.0.0.0
    assert first.ip_address == stored_ip("10.0.0.0")
    sign_up("reader@example.org", newsletter, other_newsletter)
    assert ConsentRecord.objects.filter(newsletter=newsletter).count() == 1
    assert ConsentRecord.objects.filter(newsletter=other_newsletter).count() == 1

    tomorrow = timezone.now() + timedelta(hours=25)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    sign_up("reader@example.org", newsletter)
    assert ConsentRecord.objects.filter(newsletter=newsletter).count() == 2

    # Confirming stamps every record of the pending lists; a later request is a new consent.
    client.post(
        confirm_link(smtp_sink.to("reader@example.org")[-1]).removeprefix("http://testserver")
    )
    assert not ConsentRecord.objects.filter(confirmed_at__isnull=True).exists()
    Subscription.objects.update(status=Subscription.Status.UNSUBSCRIBED)
    sign_up("reader@example.org", newsletter)
    assert ConsentRecord.objects.filter(newsletter=newsletter).count() == 3
    assert ConsentRecord.objects.filter(confirmed_at__isnull=True).count() == 1


def test_the_log_names_the_subscriber_but_never_holds_the_link(
    sign_up, newsletter, smtp_sink, caplog, settings
):
    with caplog.at_level(logging.INFO, logger="newsletters.tasks"):
        sign_up("reader@example.org", newsletter)
    token = confirm_link(smtp_sink.to("reader@example.org")[0]).rstrip("/").rsplit("/", 1)[1]
    subscriber = Subscriber.objects.get()
    assert [r.getMessage() for r in caplog.records if r.name == "newsletters.tasks"] == [
        f"Confirmation email sent to subscriber {subscriber.pk}"
    ]
    assert token not in caplog.text


def test_make_run_logs_the_link_for_the_demo_reader(
    sign_up, newsletter, smtp_sink, caplog, settings
):
    from masthead.settings import base, dev

    assert base.MASTHEAD_LOG_CONFIRMATION_LINKS is False  # production keeps base's
    assert dev.MASTHEAD_LOG_CONFIRMATION_LINKS is True
    settings.MASTHEAD_LOG_CONFIRMATION_LINKS = True
    with caplog.at_level(logging.INFO, logger="newsletters.tasks"):
        sign_up("reader@example.org", newsletter)
    assert confirm_link(smtp_sink.to("reader@example.org")[0]) in caplog.text


def test_the_confirmation_email_says_nothing_the_form_was_told(sign_up, newsletter, smtp_sink):
    """Anyone may sign up any address: what they typed must not reach its inbox."""
    planted = "Win at evil.example"
    sign_up("victim@example.org", newsletter, first_name=planted)
    assert Subscriber.objects.get().first_name == planted  # kept, for the lists' own use
    [message] = smtp_sink.to("victim@example.org")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for part in (message["Subject"], text, html):
        assert "evil" not in part
    assert text.splitlines()[0] == "Hello,"
    assert "<p>Hello,</p>" in html
