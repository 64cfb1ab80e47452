"""A reader gives once: picks an amount on /support/, pays on the stand-in's hosted Checkout
page, comes back to the thank-you page, and the webhook records the donation."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import Site

from payments.models import Donation, DonationStatus
from testkit.payments import TEST_CARD, WEBHOOK_SECRET
from testkit.servers import wait_until

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site(live_server, standin, payments_backend):
    """The live server as the site (its links and Checkout's way back) and the stand-in
    delivering to its webhook."""
    address = urlsplit(live_server.url)
    Site.objects.filter(is_default_site=True).update(hostname=address.hostname, port=address.port)
    standin.add_endpoint(
        live_server.url + reverse("payments:stripe_webhook"), secret=WEBHOOK_SECRET
    )
    return live_server.url


@pytest.mark.parametrize("width", [390, 1280])
def test_the_support_page_at_phone_and_desktop_widths(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site + "/support/")
    expect(page.get_by_role("heading", name="Support us just once")).to_be_visible()
    buttons = page.get_by_role("group", name="Choose an amount").get_by_role("button")
    expect(buttons).to_have_text(["€5", "€10", "€25"])
    for control in [*buttons.all(), page.get_by_role("button", name="Give")]:
        box = control.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44
        assert box["x"] + box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_label("Or give another amount").fill("0.50")
    page.get_by_role("button", name="Give").click()
    expect(page.locator("#support-custom-error")).to_have_text("Enter an amount from €2 to €1,000.")
    expect(page.get_by_label("Or give another amount")).to_have_attribute("aria-invalid", "true")
    context.close()


def test_a_reader_gives_once_through_the_hosted_checkout(page, site, standin):
    page.goto(site + "/support/")
    page.get_by_label("Or give another amount").fill("15")
    page.get_by_role("button", name="Give").click()
    page.wait_for_url(f"{standin.url}/checkout/**")
    expect(page.get_by_text("One-time contribution to Masthead: 15.00 EUR")).to_be_visible()
    page.get_by_label("Email").fill("donor@example.org")
    page.get_by_label("Card number").fill(TEST_CARD)
    page.get_by_role("button", name="Donate").click()
    page.wait_for_url(f"{site}/support/thanks/?session=*")
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()

    wait_until(
        lambda: Donation.objects.filter(email="donor@example.org").exists(),
        timeout=20,
        what="the donation recorded from the webhook",
    )
    donation = Donation.objects.get()
    assert (donation.amount, donation.currency, donation.status) == (
        1500,
        "eur",
        DonationStatus.PAID,
    )


def test_leaving_checkout_takes_nothing(page, site, standin):
    page.goto(site + "/support/")
    page.get_by_role("button", name="€10").click()
    page.wait_for_url(f"{standin.url}/checkout/**")
    page.get_by_role("link", name="Cancel and go back").click()
    page.wait_for_url(f"{site}/support/cancelled/")
    expect(page.get_by_role("heading", name="No payment was made")).to_be_visible()
    assert not Donation.objects.exists()
