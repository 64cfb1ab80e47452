"""The members admin in a browser: an administrator comps a member to a tier from the
member's page (after a confirmation), and the dashboard's charts read at a phone's width."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from members import services
from members.models import Member, MemberEvent, Membership
from payments.models import Tier

from .admin import signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_administrator_comps_a_member_to_a_tier(browser, live_server):
    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    Tier.objects.create(name="Supporter", slug="supporter", monthly_amount=500, currency="eur")
    member = Member.objects.create(email="ada@example.org", name="Ada")
    page = signed_in_page(browser, live_server, boss)
    page.goto(f"{live_server.url}/admin/snippets/members/member/inspect/{member.pk}/")
    page.get_by_role("link", name="Comp this member").click()
    page.get_by_label("Tier").select_option(label="Supporter")
    page.get_by_role("button", name="Comp this member").click()
    page.get_by_text("is a complimentary member of Supporter now").wait_for()
    timeline = page.locator(".member-timeline")
    assert "Complimentary membership (Supporter)" in timeline.inner_text()
    member.refresh_from_db()
    assert member.status == "comped" and member.comp_tier.name == "Supporter"
    assert page.server_errors == []


@pytest.mark.parametrize("width", [1280, 390])
def test_the_dashboard_at_desktop_and_phone_widths(browser, live_server, width, tmp_path):
    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    now = timezone.now()
    for n in range(12):
        member = Member.objects.create(
            email=f"m{n}@example.org", status="paid", signup_source=f"/region/story-{n % 4}/"
        )
        Membership.objects.create(
            member=member, subscription_id=f"sub_{n}", status="active", cadence="month",
            amount=500 + 100 * (n % 3), currency="eur" if n % 4 else "usd",
            current_period_end=now + timedelta(days=9),
        )  # fmt: skip
        services.event_record(
            member=member,
            kind=MemberEvent.Kind.PAID,
            source=f"/region/a-long-article-title-about-the-ferry-{n % 3}/",
            created_at=now - timedelta(days=n * 2),
        )
    page = signed_in_page(browser, live_server, boss, width=width)
    page.goto(f"{live_server.url}/admin/members_dashboard/")
    page.get_by_role("heading", name="Monthly recurring revenue").wait_for()
    page.screenshot(path=tmp_path / f"dashboard-{width}.png", full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert page.locator("svg.members-chart").count() == 5
    assert page.server_errors == []
