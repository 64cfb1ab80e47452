"""The demo's tiers and members: made once, priced through the backend, safe to load again."""

import pytest

from demo.membership import MEMBERS, TIERS, load_membership
from members.models import Member
from payments.models import Tier
from payments.selectors import active_tiers

pytestmark = pytest.mark.django_db


def test_the_demo_offers_its_tiers_and_has_a_few_members(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        assert load_membership() == len(TIERS) + len(MEMBERS) + 1  # and the banner
    assert [tier.slug for tier in active_tiers()] == ["supporter", "patron"]
    assert Tier.objects.get(slug="patron").trial_days == 14
    assert set(Member.objects.values_list("status", flat=True)) == {"free", "comped"}
    assert Member.objects.get(status="comped").comp_tier.slug == "patron"


def test_loading_again_adds_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        load_membership()
        assert load_membership() == 0
    assert Tier.objects.count() == len(TIERS)
    assert Member.objects.count() == len(MEMBERS)
