"""Editors work in the Wagtail admin: the forms render and save what they show."""

import re

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticlePage
from editorial.tests.test_roles import article_form
from testkit import builders


def test_article_editor_renders(admin_client, section, author):
    article = builders.make_article(section, authors=[author])
    response = admin_client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Standfirst" in html and "Lead image caption" in html and "Mark this publish" in html


def test_create_article_with_ordered_authors_in_admin(admin_client, section):
    first = builders.make_author(name="Second Credited")
    second = builders.make_author(name="First Credited")
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


def test_the_headline_fills_the_slug_as_a_page_title_does(admin_client, section):
    html = admin_client.get(f"/admin/pages/add/articles/articlepage/{section.pk}/").content.decode()
    headline = re.search(r'<input[^>]*name="title"[^>]*>', html).group(0)
    assert 'data-controller="w-sync"' in headline
    assert 'data-w-sync-target-value="#id_slug"' in headline
    assert "keyup-&gt;w-sync#apply" in headline or "keyup->w-sync#apply" in headline


def test_an_empty_slug_is_made_from_the_headline_on_publish(admin_client, section, author):
    data = article_form(author, title="Night trains resume", action="publish")
    data["slug"] = ""
    response = admin_client.post(f"/admin/pages/add/articles/articlepage/{section.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get()
    assert article.live and article.slug == "night-trains-resume"


def test_a_published_articles_slug_is_never_remade(admin_client, section, author):
    article = builders.make_article(section, authors=[author], title="Night trains resume")
    data = article_form(author, title="Night trains resume", action="publish", article=article)
    data["slug"] = ""
    response = admin_client.post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code == 200  # "This field is required."
    article.refresh_from_db()
    assert article.slug.startswith("article-")


@pytest.mark.parametrize(
    "url", ["/admin/snippets/authors/author/add/", "/admin/snippets/newsletters/newsletter/add/"]
)
def test_author_and_newsletter_names_fill_their_slugs(admin_client, url):
    html = admin_client.get(url).content.decode()
    name = re.search(r'<input[^>]*name="name"[^>]*>', html).group(0)
    assert 'data-controller="w-sync"' in name and 'data-w-sync-target-value="#id_slug"' in name
