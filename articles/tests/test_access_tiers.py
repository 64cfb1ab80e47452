"""Articles for specific tiers: editors tick the tiers (on the article, or as its section's
default), members of those tiers read them, and everyone else is offered those tiers."""

import pytest
from wagtail import hooks
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.access import READER_HOOK, Access, Reader
from articles.forms import NO_TIER
from articles.models import ArticlePage
from payments.models import Tier
from testkit import builders

pytestmark = pytest.mark.django_db

PREVIEW = "The harbour plan goes to a vote."
GATED = "Patrons read the councillors' private letters first."
BODY = [
    ("paragraph", f"<p>{PREVIEW}</p>"),
    ("preview_end", None),
    ("paragraph", f"<p>{GATED}</p>"),
]


@pytest.fixture
def tiers(db):
    return {
        slug: Tier.objects.create(
            name=slug.title(), slug=slug, monthly_amount=amount, currency="eur", sort_order=n
        )
        for n, (slug, amount) in enumerate((("supporter", 500), ("patron", 1500)))
    }


def reader_of(*tiers):
    return Reader(kind="paid", tier_ids=frozenset(tier.pk for tier in tiers), member_id=7)


def tier_article(section, author, *tiers, title="Harbour plan"):
    article = builders.make_article(
        section,
        authors=[author],
        title=title,
        body=BODY,
        publish=False,
    )
    article.access = Access.TIERS
    article.access_tiers = list(tiers)
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def page_as(client, article, reader):
    with hooks.register_temporarily(READER_HOOK, lambda request: reader):
        response = client.get(article.url)
    assert response.status_code == 200
    return response.content.decode()


def test_members_of_the_tiers_read_it_and_others_are_offered_those_tiers(
    client, section, author, tiers
):
    supporters = tier_article(section, author, tiers["supporter"], title="For supporters")
    patrons = tier_article(section, author, tiers["patron"], title="For patrons")
    supporter = reader_of(tiers["supporter"])

    assert GATED in page_as(client, supporters, supporter)
    page = page_as(client, patrons, supporter)
    assert PREVIEW in page and GATED not in page
    assert "This article is for Patron members" in page
    assert 'href="/membership/#tier-patron"' in page and "#tier-supporter" not in page

    assert GATED in page_as(client, patrons, reader_of(tiers["supporter"], tiers["patron"]))
    for reader in (Reader(kind="free", member_id=3), Reader(kind="paid", member_id=4)):
        assert GATED not in page_as(client, supporters, reader)
    anonymous = client.get(supporters.url).content.decode()
    assert GATED not in anonymous and 'href="/membership/#tier-supporter"' in anonymous


def test_an_article_inherits_its_sections_tiers(client, section, author, tiers):
    section.default_access = Access.TIERS
    section.default_tiers = [tiers["patron"]]
    section.save_revision().publish()
    article = builders.make_article(
        section,
        authors=[author],
        body=BODY,
    )
    assert article.effective_access() == Access.TIERS
    assert article.tier_ids() == {tiers["patron"].pk}
    assert GATED in page_as(client, article, reader_of(tiers["patron"]))
    assert GATED not in page_as(client, article, reader_of(tiers["supporter"]))


def test_revisions_keep_their_own_tiers(section, author, tiers):
    article = tier_article(section, author, tiers["supporter"])
    article.access_tiers = [tiers["patron"]]
    revision = article.save_revision()  # a draft: the live article keeps its tiers
    live = ArticlePage.objects.get(pk=article.pk)
    assert live.tier_ids() == {tiers["supporter"].pk}
    assert revision.as_object().tier_ids() == {tiers["patron"].pk}
    revision.publish()
    assert ArticlePage.objects.get(pk=article.pk).tier_ids() == {tiers["patron"].pk}


def article_form(author, *, access_tiers=(), **fields):
    data = nested_form_data(
        {
            "title": "Made in the admin",
            "slug": "made-in-the-admin",
            "standfirst": "",
            "lead_image_caption": "",
            "lead_image_credit": "",
            "article_authors": inline_formset([{"author": author.pk, "ORDER": "1"}]),
            "body": streamfield([("paragraph", rich_text("<p>Hello readers.</p>"))]),
            "tags": "",
            "related_choices": inline_formset([]),
            "corrections": inline_formset([]),
            "action-publish": "publish",
            **fields,
        }
    )
    return {**data, "access_tiers": [str(pk) for pk in access_tiers]}


def test_specific_tiers_without_a_tier_is_explained_in_the_admin(
    admin_client, section, author, tiers
):
    add = f"/admin/pages/add/articles/articlepage/{section.pk}/"
    response = admin_client.post(add, article_form(author, access=Access.TIERS))
    assert response.status_code == 200
    assert NO_TIER.split(":")[0] in response.content.decode()
    assert not ArticlePage.objects.filter(slug="made-in-the-admin").exists()

    data = article_form(author, access=Access.TIERS, access_tiers=[tiers["patron"].pk])
    assert admin_client.post(add, data).status_code == 302
    article = ArticlePage.objects.get(slug="made-in-the-admin")
    assert article.access == Access.TIERS and article.tier_ids() == {tiers["patron"].pk}
    html = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "access-tiers.js" in html and 'name="access_tiers"' in html


def test_another_level_keeps_no_tier(admin_client, section, author, tiers):
    add = f"/admin/pages/add/articles/articlepage/{section.pk}/"
    data = article_form(author, access=Access.PAID, access_tiers=[tiers["patron"].pk])
    assert admin_client.post(add, data).status_code == 302
    article = ArticlePage.objects.get(slug="made-in-the-admin")
    assert article.access == Access.PAID and not article.access_tiers.exists()


def test_a_section_for_specific_tiers_needs_a_tier(admin_client, section, tiers):
    edit = f"/admin/pages/{section.pk}/edit/"
    data = {
        "title": section.title,
        "slug": section.slug,
        "intro": "",
        "default_access": Access.TIERS,
        "action-publish": "publish",
    }
    response = admin_client.post(edit, data)
    assert response.status_code == 200 and NO_TIER.split(":")[0] in response.content.decode()
    response = admin_client.post(edit, {**data, "default_tiers": [tiers["supporter"].pk]})
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.default_access == Access.TIERS
    assert list(section.default_tiers.all()) == [tiers["supporter"]]
