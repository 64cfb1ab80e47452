"""articles.access: an article's level, and the reader a hook hands in."""

import pytest
from django.test import RequestFactory
from wagtail import hooks

from articles.access import ANONYMOUS, READER_HOOK, Access, Reader, can_read, reader_for

FREE = Reader(kind="free", member_id=1)
PAID = Reader(kind="paid", tier_ids=frozenset({7}), member_id=2)


@pytest.mark.parametrize(
    ("access", "expected"),
    [
        (Access.PUBLIC, [True, True, True]),
        (Access.MEMBERS, [False, True, True]),
        (Access.PAID, [False, False, True]),
        ("no-such-level", [False, False, False]),
    ],
)
def test_each_level_opens_to_its_readers(access, expected):
    assert [can_read(access, reader) for reader in (ANONYMOUS, FREE, PAID)] == expected


def test_a_tier_article_opens_only_to_a_paid_reader_of_that_tier():
    assert can_read(Access.TIERS, PAID, tier_ids={7, 8})
    assert not can_read(Access.TIERS, PAID, tier_ids={8})
    assert not can_read(Access.TIERS, FREE, tier_ids={7})


def test_without_a_hook_the_reader_is_anonymous():
    assert reader_for(RequestFactory().get("/")) == ANONYMOUS
    assert reader_for(None) == ANONYMOUS


def test_the_first_hook_that_answers_is_the_reader_and_it_is_asked_once():
    calls = []

    def nobody(request):
        calls.append("nobody")

    def member(request):
        calls.append("member")
        return FREE

    request = RequestFactory().get("/")
    with (
        hooks.register_temporarily(READER_HOOK, nobody),
        hooks.register_temporarily(READER_HOOK, member),
    ):
        assert reader_for(request) == FREE
        assert reader_for(request) == FREE
    assert calls == ["nobody", "member"]
