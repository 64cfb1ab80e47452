"""Django's 1,000 form fields for everything public; the admin's editors may post more."""

from urllib.parse import urlencode

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticlePage
from newsletters import tokens
from newsletters.models import Newsletter, Subscriber, Subscription

pytestmark = pytest.mark.django_db


def fields(count, *, first=()):
    """``count`` fields in all, beginning with ``first``."""
    return [*first, *((f"f{n}", "x") for n in range(count - len(first)))]


def post(client, url, pairs, *, multipart):
    if multipart:
        data = {}
        for name, value in pairs:
            data.setdefault(name, []).append(value)
        return client.post(url, data)  # the test client's default encoding
    return client.post(url, urlencode(pairs), content_type="application/x-www-form-urlencoded")


def test_a_public_page_refuses_more_than_1000_query_parameters(client, home):
    assert (
        client.get("/search/?" + urlencode(fields(1000, first=[("q", "dam")]))).status_code == 200
    )
    too_many = client.get("/search/?" + urlencode(fields(1001, first=[("q", "dam")])))
    assert too_many.status_code == 400


@pytest.mark.parametrize("multipart", [False, True], ids=["urlencoded", "multipart"])
def test_a_public_form_refuses_more_than_1000_fields_and_does_nothing(client, multipart):
    newsletter = Newsletter.objects.create(name="Morning", slug="morning")
    subscription = Subscription.objects.create(
        subscriber=Subscriber.objects.create(email="reader@example.org"),
        newsletter=newsletter,
        status=Subscription.Status.SUBSCRIBED,
    )
    url = tokens.unsubscribe_url(subscription)  # any POST unsubscribes (RFC 8058)
    one_click = ("List-Unsubscribe", "One-Click")
    response = post(client, url, fields(1001, first=[one_click]), multipart=multipart)
    assert response.status_code == 400
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.SUBSCRIBED

    response = post(client, url, fields(1000, first=[one_click]), multipart=multipart)
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.UNSUBSCRIBED


def test_signing_in_is_held_to_the_public_limit(client, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    pairs = fields(1001, first=[("username", "boss"), ("password", "pw")])
    response = post(client, "/admin/login/", pairs, multipart=False)
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_an_editor_saves_an_article_of_more_than_1000_fields(admin_client, section, author):
    """Four fields per paragraph: 300 paragraphs post more than Django's default allows."""
    paragraphs = [("paragraph", rich_text(f"<p>Paragraph {n}.</p>")) for n in range(300)]
    data = nested_form_data(
        {
            "title": "The long read",
            "slug": "the-long-read",
            "standfirst": "Every paragraph of it.",
            "article_authors": inline_formset([{"author": author.pk, "ORDER": "1"}]),
            "body": streamfield(paragraphs),
            "tags": "",
            "related_choices": inline_formset([]),
            "corrections": inline_formset([]),
            "action-publish": "publish",
        }
    )
    assert len(data) > 1200
    url = f"/admin/pages/add/articles/articlepage/{section.pk}/"
    response = admin_client.post(url, data)  # multipart, as the page editor posts
    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(slug="the-long-read")
    assert len(article.body) == 300
    assert "Paragraph 299." in admin_client.get(article.url).content.decode()


def test_an_editor_is_held_to_the_public_limit_outside_the_admin(admin_client, home):
    too_many = admin_client.get("/search/?" + urlencode(fields(1001, first=[("q", "dam")])))
    assert too_many.status_code == 400
