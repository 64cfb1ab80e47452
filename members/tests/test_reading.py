"""A signed-in member reads what their membership opens, through the real reader hook."""

import pytest

from articles.access import Access
from articles.models import ArticlePage
from members.models import Member
from testkit import builders

pytestmark = pytest.mark.django_db

PREVIEW = "The ferry timetable changes in spring."
GATED = "Members learn the new crossing times first."


@pytest.fixture
def articles():
    home = builders.make_home()
    section = builders.make_section(home, title="Region")
    author = builders.make_author(name="Mira Kos")
    made = {}
    for access in (Access.MEMBERS, Access.PAID):
        article = builders.make_article(
            section,
            authors=[author],
            title=f"Ferry times for {access}",
            body=[
                ("paragraph", f"<p>{PREVIEW}</p>"),
                ("preview_end", None),
                ("paragraph", f"<p>{GATED}</p>"),
            ],
        )
        ArticlePage.objects.filter(pk=article.pk).update(access=access)
        made[access] = article
    return made


def text_of(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_free_member_reads_a_members_article_but_not_a_paid_one(
    client, signed_in, member, articles
):
    members_page = text_of(signed_in, articles[Access.MEMBERS])
    paid_page = text_of(signed_in, articles[Access.PAID])
    assert PREVIEW in members_page and GATED in members_page
    assert PREVIEW in paid_page and GATED not in paid_page
    assert "Become a member" in paid_page


def test_a_paid_or_comped_member_reads_both(signed_in, member, articles):
    for status in (Member.Status.PAID, Member.Status.COMPED):
        Member.objects.filter(pk=member.pk).update(status=status)
        assert GATED in text_of(signed_in, articles[Access.PAID])


def test_signed_out_the_same_browser_gets_the_paywall_again(signed_in, articles):
    assert GATED in text_of(signed_in, articles[Access.MEMBERS])
    signed_in.post("/account/sign-out/")
    assert GATED not in text_of(signed_in, articles[Access.MEMBERS])


def test_a_supporter_reads_the_supporters_article_and_is_offered_patron_for_the_other(
    signed_in, member, section, author
):
    from members.models import Membership
    from payments.models import Tier

    supporter, patron = (
        Tier.objects.create(name=name, slug=name.lower(), monthly_amount=amount, currency="eur")
        for name, amount in (("Supporter", 500), ("Patron", 1500))
    )
    Membership.objects.create(
        member=member, subscription_id="sub_s", tier=supporter, status="active"
    )
    Member.objects.filter(pk=member.pk).update(status=Member.Status.PAID)
    made = {}
    for tier in (supporter, patron):
        article = builders.make_article(
            section,
            authors=[author],
            title=f"For {tier.name}",
            body=[
                ("paragraph", f"<p>{PREVIEW}</p>"),
                ("preview_end", None),
                ("paragraph", f"<p>{GATED}</p>"),
            ],
            publish=False,
        )
        article.access, article.access_tiers = Access.TIERS, [tier]
        article.save_revision().publish()
        made[tier.slug] = ArticlePage.objects.get(pk=article.pk)
    assert GATED in text_of(signed_in, made["supporter"])
    patron_page = text_of(signed_in, made["patron"])
    assert GATED not in patron_page and 'href="/membership/#tier-patron"' in patron_page
