"""The sign-up form where readers meet it: article body and footer, site footer, /newsletters/."""

import re

import pytest

from articles.blocks import read_text
from demo.newsletters import load_newsletters
from newsletters.models import Newsletter
from testkit import builders

pytestmark = pytest.mark.django_db


def test_newsletters_page_lists_active_lists_to_tick(client, newsletter, other_newsletter):
    Newsletter.objects.create(name="Retired", slug="retired", is_active=False)
    response = client.get("/newsletters/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Explaining Halvesk with Ilona Sadek" in html
    assert "Fridays" in html
    assert 'type="checkbox"' in html
    assert 'value="river-notes"' in html
    assert "Retired" not in html
    assert not response.cookies


def test_form_is_accessible_and_has_a_hidden_honeypot(client, newsletter):
    html = client.get("/newsletters/").content.decode()
    assert "indicates required" in html
    assert re.search(r'<label for="newsletter-signup-\d+-email">Email <span', html)
    assert re.search(r'<label for="newsletter-signup-\d+-first-name">First name', html)
    honeypot = re.search(r'<input id="[^"]+-homepage"[^>]*>', html).group(0)
    assert 'tabindex="-1"' in honeypot
    assert 'autocomplete="off"' in honeypot
    assert '<div class="visually-hidden" aria-hidden="true">' in html
    assert 'action="/newsletters/signup/"' in html
    assert "csrfmiddlewaretoken" not in html
    assert html.count("js/newsletters.js") == 1


def test_article_body_block_renders_a_form_and_is_not_read(client, section, author, newsletter):
    article = builders.make_article(
        section,
        authors=[author],
        body=[
            ("paragraph", "<p>Five words in this paragraph.</p>"),
            ("newsletter_signup", {"newsletter": newsletter, "heading": "Get the Friday note"}),
        ],
    )
    words = " ".join(read_text(article.body)).split()
    assert words == ["Five", "words", "in", "this", "paragraph."]
    response = client.get(article.url)
    html = response.content.decode()
    assert "Get the Friday note" in html
    assert 'name="newsletters" value="explaining-halvesk"' in html
    # Form ids stay unique with two forms on one page (body block and the article's footer).
    ids = re.findall(r'id="(newsletter-signup-\d+-email)"', html)
    assert len(ids) == len(set(ids)) >= 2
    assert html.count("js/newsletters.js") == 1
    assert not response.cookies


def test_site_footer_has_the_form_and_hides_it_without_lists(client, home):
    assert "newsletter-signup" not in client.get("/newsletters/thanks/").content.decode()
    assert "newsletter-signup" not in client.get("/search/").content.decode()
    Newsletter.objects.create(name="Morning", slug="morning")
    assert "newsletter-signup" in client.get("/search/").content.decode()


def test_inactive_newsletter_block_renders_nothing(client, section, author, newsletter):
    article = builders.make_article(
        section, authors=[author], body=[("newsletter_signup", {"newsletter": newsletter})]
    )
    Newsletter.objects.update(is_active=False)
    assert "newsletter-signup" not in client.get(article.url).content.decode()


def test_demo_newsletters_load_once():
    assert load_newsletters() == 5  # four for everyone, one for paying members
    assert load_newsletters() == 0
    assert Newsletter.objects.active().count() == 5
    assert Newsletter.objects.get(slug="ledger-insider").audience == "paid"
