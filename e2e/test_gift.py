"""A reader gives a membership: picks a tier and a length on /gift/, pays once on the
stand-in's hosted Checkout page, and the webhook sends the code; the recipient opens the
emailed link, signs up by the emailed sign-in link, comes back and redeems it, and the buyer
hears of it. And the pages at a phone's and a desktop's width."""

import re
import time
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import Site

from members.models import Member, Membership
from payments.models import Gift, GiftStatus, Tier
from testkit import builders
from testkit.payments import TEST_CARD, WEBHOOK_SECRET

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

GIFT_LINK = re.compile(r"https?://[^/\s]+(/gift/redeem/[A-Z0-9]+/)")
SIGN_IN_LINK = re.compile(r"https?://[^/\s]+(/account/sign-in/link/[^\s]+)")
SHOTS = "var/screenshots"


@pytest.fixture
def site(live_server, standin, payments_backend, smtp_sink):
    home = builders.make_home()
    builders.make_section(home)
    address = urlsplit(live_server.url)
    Site.objects.filter(is_default_site=True).update(hostname=address.hostname, port=address.port)
    standin.add_endpoint(
        live_server.url + reverse("payments:stripe_webhook"), secret=WEBHOOK_SECRET
    )
    Tier.objects.create(
        name="Supporter",
        slug="supporter",
        description="Every article, no limits.",
        monthly_amount=500,
        yearly_amount=5000,
    )
    Tier.objects.create(name="Patron", slug="patron", monthly_amount=1000, sort_order=1)
    return live_server.url


def _email_to(sink, address, count=1, timeout=20):
    deadline = time.monotonic() + timeout
    while len(sink.to(address)) < count:
        assert time.monotonic() < deadline, f"no email to {address}"
        time.sleep(0.05)
    message = sink.to(address)[count - 1]
    return message["Subject"], message.get_body(preferencelist=("plain",)).get_content()


def _tap_targets_fit(page, width):
    for control in page.locator("main button, main input[type=radio], main a, main label").all():
        box = control.bounding_box()
        if box is None:
            continue
        assert box["height"] >= 24, control.evaluate("e => e.outerHTML")
        assert box["x"] + box["width"] <= width + 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [390, 1280])
def test_the_gift_pages_at_phone_and_desktop_widths(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site + "/gift/")
    expect(page.get_by_role("heading", name="Gift membership")).to_be_visible()
    expect(page.get_by_text("3 months €15")).to_be_visible()
    _tap_targets_fit(page, width)
    page.screenshot(path=f"{SHOTS}/gift-{width}.png", full_page=True)

    page.get_by_role("button", name="Go to payment").click()
    expect(page.locator("#gift-recipient-error")).to_have_text("Enter the address to give it to.")
    expect(page.get_by_label("Their email address")).to_have_attribute("aria-invalid", "true")

    page.goto(site + "/gift/redeem/")
    page.get_by_label("Gift code").fill("ABCD-EFGH-JKMN")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_have_text(re.compile("That gift code is not valid"))
    _tap_targets_fit(page, width)
    page.screenshot(path=f"{SHOTS}/gift-redeem-{width}.png", full_page=True)
    context.close()


def test_a_reader_buys_a_gift_and_the_recipient_redeems_it(browser, site, standin, smtp_sink):
    buyer = browser.new_context(viewport={"width": 390, "height": 900}).new_page()
    buyer.goto(site + "/gift/")
    buyer.get_by_role("radio", name="Patron").check()
    buyer.get_by_role("radio", name="Supporter").check()
    buyer.get_by_role("radio", name="3 months").check()
    buyer.get_by_label("Their email address").fill("friend@example.org")
    buyer.get_by_label("Your name").fill("Ben Buyer")
    buyer.get_by_label("Your email address").fill("ben@example.org")
    buyer.get_by_label("A message (optional)").fill("Happy birthday!")
    buyer.get_by_role("button", name="Go to payment").click()
    buyer.wait_for_url(f"{standin.url}/checkout/**")
    expect(buyer.get_by_text("Supporter, 3 months: 15.00 EUR")).to_be_visible()
    buyer.get_by_label("Card number").fill(TEST_CARD)
    buyer.get_by_role("button", name="Pay").click()
    buyer.wait_for_url(f"{site}/gift/thanks/")
    expect(buyer.get_by_role("heading", name="Thank you for your gift")).to_be_visible()

    subject, body = _email_to(smtp_sink, "friend@example.org")
    assert subject == "Ben Buyer gave you a membership of Masthead"
    assert "Happy birthday!" in body
    receipt_subject, _ = _email_to(smtp_sink, "ben@example.org")
    assert receipt_subject.startswith("Your receipt")

    friend = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    friend.goto(site + GIFT_LINK.search(body).group(1))
    friend.wait_for_url(f"{site}/gift/redeem/")
    expect(friend.get_by_text("Ben Buyer has given you 3 months of Supporter.")).to_be_visible()
    friend.get_by_role("link", name="Sign in to redeem").click()
    friend.get_by_label("Email").fill("friend@example.org")
    friend.get_by_role("button", name="Email me a sign-in link").click()
    _, sign_in = _email_to(smtp_sink, "friend@example.org", count=2)
    friend.goto(site + SIGN_IN_LINK.search(sign_in).group(1))
    friend.get_by_role("button", name="Create account and sign in").click()
    friend.wait_for_url(f"{site}/gift/redeem/")
    friend.screenshot(path=f"{SHOTS}/gift-confirm-1280.png", full_page=True)
    friend.get_by_role("button", name="Redeem the gift").click()
    expect(friend.get_by_role("heading", name="Your account")).to_be_visible()
    expect(friend.get_by_text("A gift membership: it ends on")).to_be_visible()

    member = Member.objects.get(email="friend@example.org")
    assert member.status == Member.Status.PAID
    assert Membership.objects.get(member=member).status == "gift"
    assert Gift.objects.get().status == GiftStatus.REDEEMED
    subject, _ = _email_to(smtp_sink, "ben@example.org", count=2)
    assert subject == "Your gift membership was redeemed"
