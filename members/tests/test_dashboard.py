"""The members dashboard: members by status, MRR per currency, new paid members per day,
churn, and the pages members signed up and began paying from."""

from datetime import timedelta

import pytest
from django.utils import timezone

from members import services
from members.models import Member, MemberEvent, Membership
from members.selectors import members_dashboard

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/members_dashboard/"


@pytest.fixture
def members(db):
    now = timezone.now()
    later = now + timedelta(days=20)
    paid = [
        Member.objects.create(email=f"paid{n}@example.org", status="paid", signup_source="/a/")
        for n in range(3)
    ]
    Member.objects.create(email="free@example.org", signup_source="/b/")
    Member.objects.create(email="comped@example.org", status="comped")
    for n, (member, cadence, amount, currency) in enumerate(
        [
            (paid[0], "month", 500, "eur"),
            (paid[1], "year", 6000, "eur"),
            (paid[2], "month", 700, "usd"),
        ]
    ):
        Membership.objects.create(
            member=member, subscription_id=f"sub_{n}", status="active", cadence=cadence,
            amount=amount, currency=currency, current_period_end=later,
        )  # fmt: skip
        services.event_record(member=member, kind=MemberEvent.Kind.PAID, source="/ferry-times/")
    gone = Member.objects.create(email="gone@example.org")
    services.event_record(
        member=gone, kind=MemberEvent.Kind.ENDED, created_at=now - timedelta(days=3)
    )
    return paid


def test_the_figures(members):
    data = members_dashboard()
    assert [(b.label, b.value) for b in data.by_status] == [
        ("Free", 2),
        ("Paid", 3),
        ("Complimentary", 1),
    ]
    # €5 a month + €60 a year (€5 a month) = €10; $7.
    assert [(b.label, b.value, b.text) for b in data.mrr] == [
        ("EUR", 1000, "€10"),
        ("USD", 700, "$7"),
    ]
    assert len(data.new_paid) == 30 and data.new_paid[-1].value == 3
    # 3 paying now, 3 joined and 1 left in the 30 days: 1 was paying at the start, 1 left.
    assert (data.churn_cancelled, data.churn_paid_at_start, data.churn_rate) == (1, 1, 1.0)
    assert [(b.label, b.value) for b in data.conversions_by_page] == [("/ferry-times/", 3)]
    assert [(b.label, b.value) for b in data.signups_by_page] == [("/a/", 3), ("/b/", 1)]


def test_a_redeemed_gift_is_a_new_paid_member(members):
    member = Member.objects.create(email="given@example.org", status="paid")
    services.event_record(member=member, kind=MemberEvent.Kind.GIFT, detail="Supporter, 3 months")
    data = members_dashboard()
    assert data.new_paid[-1].value == 4
    # 4 paying now, 4 joined and 1 left: still 1 paying at the start.
    assert data.churn_paid_at_start == 1


def test_the_page_draws_its_charts_with_their_values(admin_client, members):
    html = admin_client.get(DASHBOARD).content.decode()
    for text in ("Members by status", "€10", "$7", "/ferry-times/", "100&nbsp;%", "<svg"):
        assert text in html, text
    assert 'role="img"' in html and "<title" in html


def test_the_dashboard_is_not_for_reporters(staff_client, members):
    response = staff_client("Reporters").get(DASHBOARD)
    assert response.status_code in (302, 403)
    assert "€10" not in response.content.decode()
