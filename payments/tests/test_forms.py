from urllib.parse import urlencode

import pytest
from stripe._encode import _api_encode

from payments.standin.forms import FormError, parse_form


def test_reads_back_what_the_sdk_encodes():
    params = {
        "mode": "subscription",
        "line_items": [{"price": "price_1", "quantity": 1}, {"price": "price_2", "quantity": 2}],
        "subscription_data": {"trial_period_days": 7, "metadata": {"tier": "gold"}},
        "discounts": [{"coupon": "HALF"}],
        "lookup_keys": ["a", "b"],
        "expand": ["subscription"],
        "active": False,
    }
    parsed = parse_form(urlencode(list(_api_encode(params))))
    assert parsed == {
        "mode": "subscription",
        "line_items": [
            {"price": "price_1", "quantity": "1"},
            {"price": "price_2", "quantity": "2"},
        ],
        "subscription_data": {"trial_period_days": "7", "metadata": {"tier": "gold"}},
        "discounts": [{"coupon": "HALF"}],
        "lookup_keys": ["a", "b"],
        "expand": ["subscription"],
        "active": "false",
    }


def test_an_empty_value_is_kept_as_empty():
    assert parse_form("metadata[note]=&name=") == {"metadata": {"note": ""}, "name": ""}


@pytest.mark.parametrize("query", ["a]=1", "a=1&a[b]=2", "a[b]=1&a=2"])
def test_a_malformed_name_is_refused(query):
    with pytest.raises(FormError):
        parse_form(query)
