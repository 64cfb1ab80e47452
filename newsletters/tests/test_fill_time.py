"""The minimum fill time on cached pages: timed from a token fetched when the reader begins.

Every test here serves the article from the page cache, as production does: its form was
rendered long before the reader arrived, so nothing rendered into it can say when they began.
"""

import html
import re
import time

import pytest
from django.test import Client

from newsletters.forms import STARTED_MAX_AGE, read_started
from newsletters.models import Subscriber
from newsletters.views import ONE_MORE_STEP, THANKS_MESSAGE
from testkit import builders

pytestmark = pytest.mark.django_db

MIN_FILL = 3  # MASTHEAD_NEWSLETTER_MIN_FILL_SECONDS in these tests
TOKEN_URL = "/newsletters/signup/token/"


@pytest.fixture
def clock(monkeypatch):
    """time.time() moved on at will (tokens, signing and the page cache all read it)."""

    class Clock:
        offset = 0.0

        def advance(self, seconds):
            self.offset += seconds

    clock, real_time = Clock(), time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + clock.offset)
    return clock


@pytest.fixture
def article(page_cache, settings, section, author, newsletter):
    settings.MASTHEAD_NEWSLETTER_MIN_FILL_SECONDS = MIN_FILL
    return builders.make_article(section, authors=[author], title="Dam repairs begin")


def form_fields(page_html):
    """The values of the page's sign-up form (the first one: the article's own)."""
    form = re.search(r'<form[^>]+action="/newsletters/signup/".*?</form>', page_html, re.S)
    return {
        name: html.unescape(value)
        for name, value in re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', form[0])
    }


def cached_form(url, clock, *, age):
    """The form of ``url`` as a reader gets it from the cache, ``age`` seconds after it was
    rendered."""
    Client().get(url)
    clock.advance(age)
    response = Client().get(url)
    assert response["X-Masthead-Cache"] == "hit"
    return {**form_fields(response.content.decode()), "email": "reader@example.org"}


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """A reader's sign-up POST; the email it queues is sent before it returns."""

    def post(fields, *, json):
        headers = {"HTTP_ACCEPT": "application/json"} if json else {}
        with django_capture_on_commit_callbacks(execute=True):
            return Client().post("/newsletters/signup/", fields, **headers)

    return post


def fetch_token():
    """What the sign-up script does when the reader first touches the form."""
    response = Client().get(TOKEN_URL, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response


def test_cached_pages_carry_no_time_and_the_token_is_never_stored(article, clock, newsletter):
    fields = cached_form(article.url, clock, age=600)
    assert fields["started"] == ""
    first, second = fetch_token(), fetch_token()
    for response in (first, second):
        assert "X-Masthead-Cache" not in response
        assert "no-store" in response["Cache-Control"]
        assert not response.cookies
        assert response.json()["wait"] == MIN_FILL
        assert response.json()["max_age"] == STARTED_MAX_AGE
        assert abs(read_started(response.json()["token"]) - time.time()) < 60
    assert first.json()["token"] != second.json()["token"]


@pytest.mark.parametrize("json", [False, True], ids=["no script", "script"])
def test_a_form_sent_at_once_from_a_page_cached_long_ago_signs_nobody_up(
    article, clock, smtp_sink, post, json
):
    fields = cached_form(article.url, clock, age=600)  # rendered ten minutes ago
    response = post(fields, json=json)
    if json:
        assert response.json() == {"message": THANKS_MESSAGE}  # a bot learns nothing
    else:
        assert response.status_code == 200
        assert html.escape(ONE_MORE_STEP) in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not smtp_sink.messages


def test_the_script_sends_after_a_human_delay_and_the_reader_is_signed_up(
    article, clock, smtp_sink, post
):
    fields = cached_form(article.url, clock, age=600)
    fields["started"] = fetch_token().json()["token"]
    assert post(fields, json=True).json() == {"message": THANKS_MESSAGE}
    assert not Subscriber.objects.exists()  # sent at once: a bot's

    clock.advance(MIN_FILL)  # the reader typed their address
    assert post(fields, json=True).json() == {"message": THANKS_MESSAGE}
    assert Subscriber.objects.get().email == "reader@example.org"
    assert len(smtp_sink.to("reader@example.org")) == 1


def test_a_token_expires(article, clock, post):
    fields = cached_form(article.url, clock, age=0)
    fields["started"] = fetch_token().json()["token"]
    clock.advance(STARTED_MAX_AGE + 1)
    post(fields, json=True)
    assert not Subscriber.objects.exists()
    page = post(fields, json=False)  # without the script: shown again with a new token
    assert html.escape(ONE_MORE_STEP) in page.content.decode()
    assert form_fields(page.content.decode())["started"] != fields["started"]
    assert not Subscriber.objects.exists()


def test_without_javascript_the_form_comes_back_filled_in_for_one_more_press(
    article, clock, smtp_sink, post, newsletter
):
    fields = cached_form(article.url, clock, age=600)
    fields["first_name"] = "Ann"
    page = post(fields, json=False)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    again = form_fields(page.content.decode())
    assert again["email"] == "reader@example.org"
    assert again["first_name"] == "Ann"
    assert again["source"] == fields["source"]
    assert re.search(rf'value="{newsletter.slug}" checked', page.content.decode())
    assert not Subscriber.objects.exists()

    pressed_at_once = post({**again, "newsletters": newsletter.slug}, json=False)
    assert html.escape(ONE_MORE_STEP) in pressed_at_once.content.decode()
    assert form_fields(pressed_at_once.content.decode())["started"] == again["started"]
    assert not Subscriber.objects.exists()

    clock.advance(MIN_FILL)
    response = post({**again, "newsletters": newsletter.slug}, json=False)
    assert response.status_code == 303
    assert response["Location"] == "/newsletters/thanks/"
    assert Subscriber.objects.get().first_name == "Ann"
    assert len(smtp_sink.to("reader@example.org")) == 1
