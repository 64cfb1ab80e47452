"""The stand-in under `make run` keeps its account in a file: a restart forgets nothing the
site stored the ids of, and its webhook endpoint is not made twice."""

import pytest
from django.test import override_settings

from payments.backends import get_backend
from payments.backends.base import NotFound
from payments.standin.server import StandinServer


def backend_for(server):
    with override_settings(
        MASTHEAD_PAYMENTS="standin",
        STRIPE_SECRET_KEY="sk_test_masthead_tests",
        STRIPE_API_BASE=server.url,
    ):
        return get_backend()


@pytest.fixture
def restartable(tmp_path):
    """``start()`` serves the stand-in on the state file; each call is a restart."""
    state_file = tmp_path / "standin.json"
    running = []

    def start():
        if running:
            running.pop().stop()
        server = StandinServer(state_file=state_file).start()
        running.append(server)
        return server

    yield start
    for server in running:
        server.stop()


def test_customers_and_prices_outlive_a_restart(restartable):
    backend = backend_for(restartable())
    customer = backend.ensure_customer(email="reader@example.org", name="Ada")
    prices = backend.ensure_tier_prices(
        key="supporter", name="Supporter", currency="eur", monthly_amount=500, yearly_amount=5000
    )

    backend = backend_for(restartable())
    assert backend.retrieve_customer(customer.id).email == "reader@example.org"
    again = backend.ensure_tier_prices(
        key="supporter", name="Supporter", currency="eur", monthly_amount=500, yearly_amount=5000
    )
    assert again.monthly.id == prices.monthly.id  # found, not made anew


def test_without_a_file_a_restart_starts_empty(tmp_path):
    server = StandinServer().start()
    try:
        customer = backend_for(server).ensure_customer(email="reader@example.org")
    finally:
        server.stop()
    server = StandinServer().start()
    try:
        with pytest.raises(NotFound):
            backend_for(server).retrieve_customer(customer.id)
    finally:
        server.stop()


def test_the_webhook_endpoint_is_kept_not_made_twice(restartable):
    first = restartable().add_endpoint("http://127.0.0.1:8000/hook/", secret="whsec_one")
    server = restartable()
    second = server.add_endpoint("http://127.0.0.1:8000/hook/", secret="whsec_one")
    assert second["id"] == first["id"]
    assert len(server.state.all("webhook_endpoint")) == 1
