"""Signing up for a newsletter in a real browser: errors inline, success without a reload."""

import time

import pytest

from newsletters.models import Newsletter, Subscription
from newsletters.views import NOT_SAVED_MESSAGE, ONE_MORE_STEP, THANKS_MESSAGE
from testkit import builders
from testkit.outage import database_down

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


@pytest.fixture
def cached_article_url(live_server, page_cache, signup_url):
    """An article page, served from the page cache."""
    home = builders.make_home()
    article = builders.make_article(
        builders.make_section(home, title="World"),
        authors=[builders.make_author(name="Olha Bondar")],
        title="Night trains resume",
    )
    return live_server.url + article.url


def _from_the_cache(page, url):
    """The page as a reader gets it: stored longer ago than the minimum fill time."""
    # Other readers' visits store it (not through this browser's own HTTP cache). In a fresh
    # database the first render also creates the newsroom settings, which refreshes it.
    for _ in range(5):
        if page.request.get(url).headers.get("x-masthead-cache") == "hit":
            break
    time.sleep(1.1)
    assert page.goto(url).headers.get("x-masthead-cache") == "hit"


def test_a_quick_reader_on_a_cached_page_is_signed_up(page, cached_article_url):
    """The script fetches its token when the reader begins, and waits out the minimum time."""
    token_requests = []
    page.on("request", lambda r: "/signup/token/" in r.url and token_requests.append(r.url))
    _from_the_cache(page, cached_article_url)
    form = page.locator("[data-newsletter-signup]").first
    form.get_by_label("Email").fill("quick@example.org")
    form.get_by_role("button", name="Sign up").click()  # at once
    form.locator("form").wait_for(state="detached")
    assert form.locator("[role=status]").inner_text() == THANKS_MESSAGE
    assert len(token_requests) == 1
    assert Subscription.objects.get().subscriber.email == "quick@example.org"


def test_without_javascript_a_cached_form_takes_one_more_press(browser, cached_article_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        _from_the_cache(page, cached_article_url)
        form = page.locator("[data-newsletter-signup]").first
        form.get_by_label("Email").fill("no-script@example.org")
        form.get_by_label("First name (optional)").fill("Ann")
        form.get_by_role("button", name="Sign up").click()
        page.get_by_text(ONE_MORE_STEP).wait_for()
        assert not Subscription.objects.exists()
        form = page.locator("[data-newsletter-signup]")
        assert form.get_by_label("Email").input_value() == "no-script@example.org"
        assert form.get_by_label("First name (optional)").input_value() == "Ann"
        assert form.get_by_label("Explaining Halvesk with Ilona Sadek").is_checked()
        time.sleep(1.1)  # the minimum fill time, from when this page was shown
        form.get_by_role("button", name="Sign up").click()
        page.get_by_role("heading", name="Check your inbox").wait_for()
        assert Subscription.objects.get().subscriber.email == "no-script@example.org"
    finally:
        context.close()


@pytest.fixture
def two_lists_url(signup_url):
    Newsletter.objects.create(name="River Notes", slug="river-notes", sort_order=1)
    return signup_url


def _sign_up_without_choosing(page):
    form = page.locator("[data-newsletter-signup]")
    form.get_by_label("Email").fill("reader@example.org")
    time.sleep(1.1)  # the minimum fill time
    form.get_by_role("button", name="Sign up").click()
    return form


def _describes(page, element):
    """The text an element's aria-describedby points at, as a screen reader reads it."""
    return element.evaluate(
        "el => (el.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean)"
        ".map(id => document.getElementById(id).textContent.trim()).join(' ')"
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_choosing_no_newsletter_describes_the_group_and_focuses_its_first_box(
    browser, two_lists_url, javascript
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    try:
        page.goto(two_lists_url)
        form = _sign_up_without_choosing(page)
        group = form.get_by_role("group", name="Newsletters")
        error = form.locator("[data-error-for=newsletters]")
        error.wait_for(state="visible")
        assert error.inner_text() == "Please choose at least one newsletter"
        assert _describes(page, group) == "Please choose at least one newsletter"
        first_box = form.get_by_label("Explaining Halvesk with Ilona Sadek")
        page.wait_for_function(
            "el => document.activeElement === el", arg=first_box.element_handle()
        )
        # Seen where the focus went: under the legend, above the boxes (on a phone the list
        # is taller than the screen).
        assert error.bounding_box()["y"] < first_box.bounding_box()["y"]
        assert form.get_by_label("Email").input_value() == "reader@example.org"
    finally:
        context.close()
    assert not Subscription.objects.exists()


def test_an_error_put_right_is_no_longer_described(page, two_lists_url):
    page.goto(two_lists_url)
    form = _sign_up_without_choosing(page)
    group = form.get_by_role("group", name="Newsletters")
    form.locator("[data-error-for=newsletters]").wait_for(state="visible")
    form.get_by_label("River Notes").check()
    form.get_by_label("Email").fill("reader@@example")
    form.get_by_role("button", name="Sign up").click()
    form.locator("[data-error-for=email]").wait_for(state="visible")
    assert _describes(page, group) == ""
    email = form.get_by_label("Email")
    page.wait_for_function("el => document.activeElement === el", arg=email.element_handle())
