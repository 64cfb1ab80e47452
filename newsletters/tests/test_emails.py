import pytest
from django.core.exceptions import ValidationError

from newsletters.emails import INVALID_MESSAGE, normalise


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("reader@example.org", "reader@example.org"),
        ("  reader@example.org\n", "reader@example.org"),
        ("Reader@EXAMPLE.ORG", "Reader@example.org"),  # the domain is lower-cased, not the name
        ("anna@bücher.example", "anna@xn--bcher-kva.example"),  # IDNA
        ("anna@BÜCHER.example", "anna@xn--bcher-kva.example"),
        ("first.last+news@sub.example.co.uk", "first.last+news@sub.example.co.uk"),
    ],
)
def test_addresses_are_stored_normalised(typed, stored):
    assert normalise(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "reader",
        "reader@",
        "@example.org",
        "reader@@example.org",
        "reader@example",
        "reader@localhost",
        "reader@example..org",
        "read er@example.org",
        "reader@example.org, other@example.org",
        "reader@example.org;other@example.org",
        "reader@example.org other@example.org",
        "Reader <reader@example.org>",
        '"quoted"@example.org',
        "reader@[127.0.0.1]",
        "ünïcode@example.org",
        "a" * 250 + "@example.org",
    ],
)
def test_bad_addresses_get_one_message(typed):
    with pytest.raises(ValidationError) as error:
        normalise(typed)
    assert error.value.messages == [INVALID_MESSAGE]
    assert INVALID_MESSAGE == "Please enter a correct email address"
