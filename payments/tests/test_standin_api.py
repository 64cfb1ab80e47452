"""The stand-in answers as Stripe does where the SDK looks: errors it turns into its own
exceptions, lists and their pages, idempotent retries, expansions."""

import json

import pytest
import stripe

from testkit.payments import http


@pytest.fixture
def client(standin):
    return stripe.StripeClient("sk_test_standin", base_addresses={"api": standin.url})


def test_errors_are_the_sdks_own(standin, client):
    with pytest.raises(stripe.AuthenticationError):
        stripe.StripeClient("not-a-key", base_addresses={"api": standin.url}).v1.customers.list()
    with pytest.raises(stripe.InvalidRequestError) as missing:
        client.v1.customers.retrieve("cus_nobody")
    assert (missing.value.http_status, missing.value.code) == (404, "resource_missing")
    with pytest.raises(stripe.InvalidRequestError) as bad:
        client.v1.checkout.sessions.create({"mode": "subscription", "success_url": "https://x/"})
    assert (bad.value.code, bad.value.param) == ("parameter_missing", "line_items")


def test_lists_are_newest_first_in_pages(client):
    made = [client.v1.customers.create({"email": f"r{n}@example.org"}).id for n in range(5)]
    first = client.v1.customers.list({"limit": 2})
    assert [c.id for c in first.data] == made[::-1][:2]
    assert first.has_more
    rest = client.v1.customers.list({"limit": 10, "starting_after": first.data[-1].id})
    assert [c.id for c in rest.data] == made[::-1][2:]
    assert [c.id for c in client.v1.customers.list({"limit": 2}).auto_paging_iter()] == made[::-1]
    only = client.v1.customers.list({"email": "r3@example.org"}).data
    assert [c.id for c in only] == [made[3]]


def test_an_idempotency_key_replays_the_first_answer(client):
    options = {"idempotency_key": "same-request"}
    first = client.v1.customers.create({"email": "once@example.org"}, options)
    again = client.v1.customers.create({"email": "once@example.org"}, options)
    assert again.id == first.id
    assert len(client.v1.customers.list({"email": "once@example.org"}).data) == 1
    with pytest.raises(stripe.IdempotencyError):
        client.v1.customers.create({"email": "other@example.org"}, options)


def test_expand_replaces_an_id_with_its_object(client, standin):
    product = client.v1.products.create({"name": "Gold"})
    price = client.v1.prices.create(
        {
            "product": product.id,
            "currency": "eur",
            "unit_amount": 900,
            "recurring": {"interval": "month"},
        }
    )
    session = client.v1.checkout.sessions.create(
        {
            "mode": "subscription",
            "success_url": "https://x/",
            "line_items": [{"price": price.id, "quantity": 1}],
        }
    )
    standin.pay_checkout(session.url)
    done = client.v1.checkout.sessions.retrieve(
        session.id, {"expand": ["subscription", "line_items"]}
    )
    assert done.subscription.object == "subscription"
    assert done.line_items.data[0].price.id == price.id


def test_the_control_api_and_unknown_pages_answer_json_errors(standin):
    status, _, text = http(
        "POST", f"{standin.url}/_standin/clock/advance", json_body={"seconds": -1}
    )
    assert status == 400
    assert json.loads(text)["error"]["param"] == "seconds"
    assert http("GET", f"{standin.url}/nowhere")[0] == 404
    assert http("GET", f"{standin.url}/checkout/cs_test_nothing")[0] == 404
