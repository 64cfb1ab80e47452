"""Gift memberships, members' half: the emailed link or the typed code, sign-in on the way
(the code never in a sign-in request), Redeem, the gift Membership and its end, the buyer's
email, the reader it makes, and the account page."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from articles.access import reader_for
from members import services
from members.models import Member, Membership, SignInRequest
from payments import services as payments
from payments.models import Gift, GiftStatus, Tier

CODE = "ABCDEFGHJKMN"


@pytest.fixture
def tier(db):
    return Tier.objects.create(name="Supporter", slug="supporter", monthly_amount=500)


@pytest.fixture
def gift(tier):
    """A paid gift of 3 months whose code is CODE (as the webhook would have left it)."""
    return Gift.objects.create(
        tier=tier,
        months=3,
        amount=1500,
        currency="eur",
        buyer_email="ben@example.org",
        buyer_name="Ben Buyer",
        recipient_email="friend@example.org",
        message="Happy birthday!",
        status=GiftStatus.PAID,
        paid_at=timezone.now(),
        code_hash=payments.gift_code_hash(CODE),
    )


def redeem(client, capture):
    with capture(execute=True):
        return client.post("/gift/redeem/", {"action": "redeem"})


def test_months_are_added_to_the_same_day_or_the_months_last():
    assert services.add_months(datetime(2026, 1, 31, 9, tzinfo=UTC), 1) == datetime(
        2026, 2, 28, 9, tzinfo=UTC
    )
    assert services.add_months(datetime(2026, 11, 15, tzinfo=UTC), 3) == datetime(
        2027, 2, 15, tzinfo=UTC
    )
    assert services.add_months(datetime(2026, 3, 1, tzinfo=UTC), 12) == datetime(
        2027, 3, 1, tzinfo=UTC
    )


@pytest.mark.django_db
def test_signed_out_the_link_shows_the_gift_and_signs_in_first(client, gift, ask):
    response = client.get(f"/gift/redeem/{CODE}/")
    assert response.status_code == 303 and response["Location"] == "/gift/redeem/"
    page = client.get("/gift/redeem/")
    html = page.content.decode()
    assert "Ben Buyer" in html and "3 months" in html and "Happy birthday!" in html
    assert "/account/sign-in/?next=/gift/redeem/" in html
    assert page["Cache-Control"] == "private, no-store"
    # The Redeem button's POST without a member signs in first.
    response = client.post("/gift/redeem/", {"action": "redeem"})
    assert response["Location"] == "/account/sign-in/?next=/gift/redeem/"

    # Signing in keeps the way back, and no sign-in request holds the code.
    _, email = ask("friend@example.org", next_path="/gift/redeem/", on=client)
    assert SignInRequest.objects.get().next_path == "/gift/redeem/"
    assert CODE not in str(list(SignInRequest.objects.values()))
    assert email is not None


@pytest.mark.django_db
def test_a_member_redeems_and_is_paid_for_that_tier_until_it_ends(
    signed_in, member, gift, tier, django_capture_on_commit_callbacks
):
    signed_in.get(f"/gift/redeem/{CODE.lower()}/")
    page = signed_in.get("/gift/redeem/").content.decode()
    assert "Redeem the gift" in page and member.email in page
    before = timezone.now()
    response = redeem(signed_in, django_capture_on_commit_callbacks)
    assert response.status_code == 303 and response["Location"] == "/account/"

    (membership,) = Membership.objects.all()
    assert membership.subscription_id == f"gift:{gift.pk}"
    assert (membership.status, membership.tier, membership.member) == ("gift", tier, member)
    assert services.add_months(before, 3) <= membership.current_period_end
    assert membership.current_period_end <= services.add_months(timezone.now(), 3)
    member.refresh_from_db()
    assert member.status == Member.Status.PAID
    reader = reader_for(signed_in.get("/membership/").wsgi_request)
    assert reader.kind == "paid" and reader.tier_ids == frozenset({tier.pk})

    gift.refresh_from_db()
    assert (gift.status, gift.redeemed_by_email) == (GiftStatus.REDEEMED, member.email)
    (note,) = mail.outbox
    assert note.to == ["ben@example.org"]
    assert note.subject == "Your gift membership was redeemed"
    assert "friend@example.org" in note.body and member.email not in note.body

    account = signed_in.get("/account/").content.decode()
    assert "Your gift is redeemed: Supporter until" in account
    assert "A gift membership: it ends on" in account

    # The code works once, and the paid time ends with the months (the worker's clock).
    again = signed_in.get(f"/gift/redeem/{CODE}/")
    assert again.status_code == 410 and "redeemed already" in again.content.decode()
    later = membership.current_period_end + timedelta(seconds=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        services.memberships_expire()
    member.refresh_from_db()
    assert member.status == Member.Status.FREE


@pytest.mark.django_db
def test_paid_time_on_the_tier_is_extended_from_its_end(
    signed_in, member, gift, tier, django_capture_on_commit_callbacks
):
    end = timezone.now() + timedelta(days=20)
    Membership.objects.create(
        member=member,
        subscription_id="sub_1",
        tier=tier,
        status="active",
        cancel_at_period_end=True,
        current_period_end=end,
    )
    signed_in.get(f"/gift/redeem/{CODE}/")
    redeem(signed_in, django_capture_on_commit_callbacks)
    membership = Membership.objects.get(status="gift")
    assert membership.current_period_end == services.add_months(end, 3)


@pytest.mark.django_db
def test_the_code_typed_on_the_form(signed_in, gift, django_capture_on_commit_callbacks):
    assert "Gift code" in signed_in.get("/gift/redeem/").content.decode()
    response = signed_in.post("/gift/redeem/", {"action": "code", "code": " abcd-efgh-jkmn "})
    assert response.status_code == 303
    redeem(signed_in, django_capture_on_commit_callbacks)
    assert Membership.objects.filter(status="gift").count() == 1


@pytest.mark.django_db
def test_a_wrong_code_is_explained_and_rate_limited(client, gift, settings):
    settings.MASTHEAD_GIFT_CODE_IP_LIMIT = 3
    response = client.post("/gift/redeem/", {"action": "code", "code": "WRONG-CODE-1"})
    assert response.status_code == 404
    assert "That gift code is not valid" in response.content.decode()
    assert client.get("/gift/redeem/ZZZZZZZZZZZZ/").status_code == 404
    assert client.get("/gift/redeem/ZZZZZZZZZZZZ/").status_code == 404  # the same: free
    assert client.get("/gift/redeem/YYYYYYYYYYYY/").status_code == 404
    limited = client.get(f"/gift/redeem/{CODE}/")  # a fourth code, even the right one
    assert limited.status_code == 429
    assert "several gift codes" in limited.content.decode()
    assert Client(REMOTE_ADDR="198.51.100.7").get(f"/gift/redeem/{CODE}/").status_code == 303


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "answer"),
    [(GiftStatus.REFUNDED, "refunded or disputed"), (GiftStatus.PENDING, "not valid")],
)
def test_a_refunded_or_unpaid_gift_cannot_be_redeemed(client, gift, status, answer):
    Gift.objects.filter(pk=gift.pk).update(status=status)
    response = client.get(f"/gift/redeem/{CODE}/")
    assert answer in response.content.decode()
    assert response.status_code in (404, 410)


@pytest.mark.django_db
def test_a_gift_refunded_after_the_link_is_not_redeemed(
    signed_in, gift, django_capture_on_commit_callbacks
):
    signed_in.get(f"/gift/redeem/{CODE}/")
    Gift.objects.filter(pk=gift.pk).update(status=GiftStatus.REFUNDED)
    response = redeem(signed_in, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert not Membership.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_two_redeems_give_one_membership(
    signed_in, member, gift, django_capture_on_commit_callbacks
):
    services.gift_redeem(member=member, gift_id=gift.pk)
    with pytest.raises(payments.GiftRefused):
        services.gift_redeem(member=member, gift_id=gift.pk)
    assert Membership.objects.count() == 1


@pytest.mark.django_db
def test_a_member_paid_only_by_a_gift_may_delete_their_account(signed_in, member, gift):
    services.gift_redeem(member=member, gift_id=gift.pk)
    response = signed_in.post("/account/delete/", {"confirm": "delete"})
    assert response.status_code == 200
    assert not Member.objects.exists()
