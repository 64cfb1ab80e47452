"""Which target URLs a webhook may post to when private targets are not allowed."""

import pytest

from webhooks import targets


@pytest.fixture
def public_only(settings):
    settings.MASTHEAD_WEBHOOKS = {**settings.MASTHEAD_WEBHOOKS, "ALLOW_PRIVATE_TARGETS": False}


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10:8080/hook",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://0.0.0.0/hook",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[fd00::1]/hook",
        "http://localhost/hook",
    ],
)
def test_private_and_local_addresses_are_refused(public_only, url):
    with pytest.raises(targets.TargetRefused, match="private or local address"):
        targets.resolve(url)


def test_a_public_address_is_accepted(public_only):
    assert targets.resolve("https://93.184.216.34/hook") == (
        "https",
        "93.184.216.34",
        443,
        "93.184.216.34",
    )


@pytest.mark.parametrize(
    "url, problem",
    [
        ("ftp://example.org/", "http:// or https://"),
        ("https://user:pw@example.org/", "user name and password"),
        ("https:///hook", "host name"),
        ("http://example.org:99999/", "not a valid URL"),
    ],
)
def test_malformed_targets_say_why(url, problem):
    with pytest.raises(targets.TargetRefused, match=problem):
        targets.parse(url)
