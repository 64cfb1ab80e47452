"""Signing up for a newsletter in a real browser: errors inline, success without a reload."""

import time

import pytest

from core.testing import database_down
from newsletters.models import Newsletter, Subscription
from newsletters.views import NOT_SAVED_MESSAGE, THANKS_MESSAGE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def signup_url(live_server, settings):
    settings.MASTHEAD_NEWSLETTER_MIN_FILL_SECONDS = 1
    Newsletter.objects.create(
        name="Explaining Halvesk", slug="explaining-halvesk", host="Ilona Sadek"
    )
    return live_server.url + "/newsletters/"


def _mark_page(page):
    """A flag that a reload would wipe out."""
    page.evaluate("window.__notReloaded = true")


def test_bad_address_shows_the_error_without_a_reload(page, signup_url):
    page.goto(signup_url)
    _mark_page(page)
    form = page.locator("[data-newsletter-signup]")
    form.get_by_label("Explaining Halvesk with Ilona Sadek").check()
    email = form.get_by_label("Email")
    email.fill("reader@@example")
    time.sleep(1.1)  # the minimum fill time
    form.get_by_role("button", name="Sign up").click()
    error = form.locator("[data-error-for=email]")
    error.wait_for(state="visible")
    assert error.inner_text() == "Please enter a correct email address"
    assert email.get_attribute("aria-invalid") == "true"
    assert email.input_value() == "reader@@example"
    assert page.evaluate("window.__notReloaded") is True
    assert not Subscription.objects.exists()


def test_good_address_shows_the_success_message_without_a_reload(page, signup_url):
    page.goto(signup_url)
    _mark_page(page)
    form = page.locator("[data-newsletter-signup]")
    form.get_by_label("Explaining Halvesk with Ilona Sadek").check()
    form.get_by_label("Email").fill("reader@example.org")
    time.sleep(1.1)
    form.get_by_role("button", name="Sign up").click()
    status = form.locator("[role=status]")
    status.wait_for(state="visible")
    assert status.inner_text() == "Thank you for signing up! We've sent you a confirmation email."
    assert form.locator("form").count() == 0
    assert page.evaluate("window.__notReloaded") is True
    assert page.url == signup_url
    assert Subscription.objects.get().subscriber.email == "reader@example.org"


def test_database_down_says_try_again_and_keeps_the_form(page, signup_url):
    page.goto(signup_url)
    form = page.locator("[data-newsletter-signup]")
    form.get_by_label("Explaining Halvesk with Ilona Sadek").check()
    form.get_by_label("Email").fill("reader@example.org")
    time.sleep(1.1)
    status = form.locator("[role=status]")
    with database_down():
        form.get_by_role("button", name="Sign up").click()
        status.wait_for(state="visible")
    assert status.inner_text() == NOT_SAVED_MESSAGE
    assert form.get_by_label("Email").input_value() == "reader@example.org"
    assert not Subscription.objects.exists()

    form.get_by_role("button", name="Sign up").click()  # a few minutes later, as asked
    form.locator("form").wait_for(state="detached")
    assert status.inner_text() == THANKS_MESSAGE
    assert Subscription.objects.get().subscriber.email == "reader@example.org"
