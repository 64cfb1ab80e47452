"""A reader pays on the stand-in's hosted Checkout page and cancels in its Billing Portal,
in Chromium, through StripeBackend (the real SDK)."""

from playwright.sync_api import expect

from testkit.payments import DECLINED_CARD, TEST_CARD


def test_a_reader_subscribes_on_hosted_checkout_then_cancels_in_the_portal(
    page, payments_backend, standin, webhook_receiver
):
    tier = payments_backend.ensure_tier_prices(
        key="supporter", name="Supporter", currency="eur", monthly_amount=500
    )
    site = webhook_receiver.url  # answers any GET: the pages the reader comes back to
    session = payments_backend.create_subscription_checkout(
        price_id=tier.monthly.id,
        success_url=f"{site}/welcome/?session={{CHECKOUT_SESSION_ID}}",
        cancel_url=f"{site}/tiers/",
    )

    page.goto(session.url)
    expect(page.get_by_text("Supporter: 5.00 EUR per month")).to_be_visible()
    expect(page.get_by_role("link", name="Cancel and go back")).to_have_attribute(
        "href", f"{site}/tiers/"
    )
    page.get_by_label("Email").fill("reader@example.org")
    page.get_by_label("Card number").fill(DECLINED_CARD)
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("alert")).to_have_text("Your card was declined.")

    page.get_by_label("Card number").fill(TEST_CARD)
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_url(f"{site}/welcome/?session={session.id}")
    (completed,) = webhook_receiver.wait_for("checkout.session.completed")
    subscription_id = completed["data"]["object"]["subscription"]
    assert payments_backend.retrieve_subscription(subscription_id).status == "active"

    portal = payments_backend.create_portal_session(
        customer_id=completed["data"]["object"]["customer"], return_url=f"{site}/account/"
    )
    page.goto(portal.url)
    page.get_by_role("button", name="Cancel plan").click()
    expect(page.get_by_text("Cancels on")).to_be_visible()
    assert payments_backend.retrieve_subscription(subscription_id).cancel_at_period_end
    page.get_by_role("link", name="Return to the site").click()
    page.wait_for_url(f"{site}/account/")
