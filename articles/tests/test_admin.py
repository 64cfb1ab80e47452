"""Editors work in the Wagtail admin: the forms render and save what they show."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticlePage
from core import testing


def test_article_editor_renders(admin_client, section, author):
    article = testing.make_article(section, authors=[author])
    response = admin_client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Standfirst" in html and "Lead image caption" in html and "Mark this publish" in html


def test_create_article_with_ordered_authors_in_admin(admin_client, section):
    first = testing.make_author(name="Second Credited")
    second = testing.make_author(name="First Credited")
    data = nested_form_data(
        {
            "title": "Made in the admin",
            "slug": "made-in-the-admin",
            "standfirst": "Typed by an editor.",
            "lead_image_caption": "",
            "lead_image_credit": "",
            "article_authors": inline_formset(
                [
                    {"author": first.pk, "ORDER": "2"},
                    {"author": second.pk, "ORDER": "1"},
                ]
            ),
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>Hello readers.</p>")),
                    ("quote", {"quote": "We waited.", "attribution": "A resident"}),
                ]
            ),
            "tags": "Rail, Energy",
            "related_choices": inline_formset([]),
            "corrections": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/articles/articlepage/{section.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(slug="made-in-the-admin")
    assert article.live
    names = [c.author.name for c in article.article_authors.order_by("sort_order")]
    assert names == ["First Credited", "Second Credited"]
    html = admin_client.get(article.url).content.decode()
    assert "Hello readers." in html and "A resident" in html


def test_article_needs_at_least_one_author(admin_client, section):
    data = nested_form_data(
        {
            "title": "No byline",
            "slug": "no-byline",
            "standfirst": "Missing an author.",
            "article_authors": inline_formset([]),
            "body": streamfield([]),
            "tags": "",
            "related_choices": inline_formset([]),
            "corrections": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/articles/articlepage/{section.pk}/", data)
    assert response.status_code == 200  # the form comes back with an error
    assert not ArticlePage.objects.filter(slug="no-byline").exists()


def test_author_snippet_forms_render(admin_client, author):
    assert admin_client.get("/admin/snippets/authors/author/add/").status_code == 200
    assert admin_client.get(f"/admin/snippets/authors/author/edit/{author.pk}/").status_code == 200
