import datetime as dt
import json
import re

import pytest
from django.contrib.auth.models import Group, User

from testkit import builders

PUBLISHED = dt.datetime(2024, 10, 15, 15, 11, tzinfo=dt.UTC)  # 6:11 PM in Kyiv (UTC+3)


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


@pytest.fixture
def two_authors(db):
    return [
        builders.make_author(name="Olha Bondar", slug="olha-bondar"),
        builders.make_author(name="Marek Tisza", slug="marek-tisza"),
    ]


@pytest.fixture
def teased(section, two_authors):
    return builders.make_article(
        section,
        authors=two_authors[:1],
        title="Grain barges return to the river",
        standfirst="Shipping resumed after three weeks of ice.",
        lead_image=builders.make_image(),
    )


@pytest.fixture
def article(section, two_authors, teased):
    # 520 words of body: with the headline and standfirst, 3 minutes at 230 words a minute.
    return builders.make_article(
        section,
        authors=two_authors,
        title="Night trains resume",
        standfirst="The line reopened on Tuesday.",
        body=[
            paragraph(builders.words(300)),
            ("quote", {"quote": builders.words(20), "attribution": "A conductor"}),
            ("related_article", {"article": teased}),
            ("subheading", "What comes next"),
            paragraph(builders.words(195)),
        ],
        tags=["Rail", "Energy"],
        lead_image=builders.make_image(),
        caption="A train at the platform in the early evening.",
        credit="Contributor/Northbridge Agency",
        published_at=PUBLISHED,
    )


def get(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response, response.content.decode()


def test_byline_links_each_author_in_order(client, article):
    _, html = get(client, article)
    assert re.search(
        r'By <a href="/author/olha-bondar/" rel="author">Olha Bondar</a> and '
        r'<a href="/author/marek-tisza/" rel="author">Marek Tisza</a>',
        html,
    )


def test_date_in_newsroom_time_zone(client, article):
    _, html = get(client, article)
    assert '<time datetime="2024-10-15T18:11:00+03:00">October 15, 2024 6:11 PM</time>' in html


def test_reading_time_of_a_520_word_body(client, article):
    _, html = get(client, article)
    assert "3 min read" in html


def test_lead_photo_caption_then_credit_in_parentheses(client, article):
    _, html = get(client, article)
    figure = html[html.index('<figure class="article__lead">') :]
    figure = figure[: figure.index("</figure>")]
    assert "A train at the platform in the early evening." in figure
    assert "(Contributor/Northbridge Agency)" in figure
    assert "srcset=" in figure and 'width="' in figure and 'height="' in figure
    assert ".webp" in figure and 'fetchpriority="high"' in figure


def test_lead_photo_without_credit_shows_no_empty_brackets(client, section, author):
    article = builders.make_article(
        section, authors=[author], lead_image=builders.make_image(), caption="Snow on the square."
    )
    _, html = get(client, article)
    assert "Snow on the square." in html
    assert "()" not in html


def test_teaser_card_links_to_its_article(client, article, teased):
    _, html = get(client, article)
    teaser = html[html.index('<aside class="teaser"') :]
    teaser = teaser[: teaser.index("</aside>")]
    assert f'href="{teased.url}"' in teaser
    assert "Grain barges return to the river" in teaser
    assert "Shipping resumed after three weeks of ice." in teaser
    assert "<img" in teaser


def test_quote_and_subheading_render(client, article):
    _, html = get(client, article)
    assert "<blockquote>" in html and "A conductor" in html
    assert '<h2 class="subheading">What comes next</h2>' in html


def test_tags_and_section_link(client, article, section):
    _, html = get(client, article)
    assert 'href="/tag/rail/"' in html and 'href="/tag/energy/"' in html
    assert f'<a href="{section.url}">World</a>' in html


def test_skip_link_is_first_focusable_and_targets_main(client, article):
    _, html = get(client, article)
    body = html[html.index("<body") :]
    first_link = re.search(r"<(a|button|input|select|textarea)\b[^>]*>", body).group(0)
    assert first_link == '<a class="skip-link" href="#main">'
    assert '<main id="main"' in html
    assert "<article" in html and "<header" in html and "<figcaption>" in html


def test_json_ld_news_article(client, article, section):
    _, html = get(client, article)
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Night trains resume"
    assert data["description"] == "The line reopened on Tuesday."
    assert data["datePublished"] == "2024-10-15T18:11:00+03:00"
    assert data["dateModified"] == "2024-10-15T18:11:00+03:00"
    assert [a["name"] for a in data["author"]] == ["Olha Bondar", "Marek Tisza"]
    assert data["author"][0] == {
        "@type": "Person",
        "name": "Olha Bondar",
        "url": "http://testserver/author/olha-bondar/",
    }
    assert data["publisher"]["@type"] == "NewsMediaOrganization"
    assert data["publisher"]["name"]
    assert data["mainEntityOfPage"]["@id"] == f"http://testserver{article.url}"
    assert data["articleSection"] == "World"
    assert data["keywords"] == ["Energy", "Rail"]
    image = data["image"][0]
    assert image["url"].startswith("http://testserver/") and image["url"].endswith(".jpg")


def test_publisher_logo_in_json_ld(client, article):
    from core.models import NewsroomSettings

    newsroom = NewsroomSettings.load()
    newsroom.name, newsroom.logo = "The Test Courier", builders.make_image(size=(300, 80))
    newsroom.save()
    _, html = get(client, article)
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["publisher"]["name"] == "The Test Courier"
    assert data["publisher"]["logo"]["url"].endswith(".png")


def test_json_ld_cannot_be_broken_out_of_by_editor_text(client, section, author):
    article = builders.make_article(
        section, authors=[author], title="</script><script>alert(1)</script>"
    )
    _, html = get(client, article)
    assert "</script><script>alert(1)" not in html


def test_open_graph_and_twitter_tags(client, article):
    _, html = get(client, article)
    assert '<meta property="og:title" content="Night trains resume">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="description" content="The line reopened on Tuesday.">' in html
    assert f'<link rel="canonical" href="http://testserver{article.url}">' in html
    assert re.search(r'<meta property="og:image" content="http://testserver/[^"]+\.jpg">', html)
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert "<title>Night trains resume | " in html


def test_anonymous_response_has_no_edit_link_csrf_or_cookie(client, article):
    response, html = get(client, article)
    assert "Edit post" not in html
    assert "csrfmiddlewaretoken" not in html and "csrftoken" not in html
    assert "Set-Cookie" not in str(response.headers)
    assert not response.cookies


def test_editor_sees_edit_post_link_to_edit_view(client, article):
    editor = User.objects.create_user("ed", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    _, html = get(client, article)
    assert f'<a href="/admin/pages/{article.pk}/edit/">Edit post</a>' in html


def test_logged_in_user_without_edit_rights_sees_no_edit_link(client, article):
    client.force_login(User.objects.create_user("reader", password="pw"))
    _, html = get(client, article)
    assert "Edit post" not in html


def test_unpublished_teaser_target_renders_nothing(client, article, teased):
    teased.unpublish()
    _, html = get(client, article)
    assert 'class="teaser"' not in html
    assert "Grain barges" not in html


def test_unpublished_author_is_credited_without_link(client, article, two_authors):
    two_authors[1].live = False
    two_authors[1].save()
    _, html = get(client, article)
    assert "Marek Tisza" in html
    assert 'href="/author/marek-tisza/"' not in html


def test_update_mark_shows_updated_time_once(client, article):
    revision = article.save_revision()
    page = revision.as_object()
    page.mark_as_update = True
    page.save_revision().publish()
    article.refresh_from_db()
    assert article.updated_at is not None and not article.mark_as_update
    _, html = get(client, article)
    assert "Updated <time" in html
    # The next routine publish starts unticked and keeps the earlier update time.
    next_revision = article.save_revision()
    assert next_revision.as_object().mark_as_update is False
    next_revision.publish()
    article.refresh_from_db()
    assert article.updated_at is not None


def test_draft_article_is_not_served(client, section, author):
    article = builders.make_article(section, authors=[author], publish=False)
    assert client.get(article.url).status_code == 404


def test_query_count_does_not_grow_with_authors_tags_or_teasers(
    client, section, django_assert_num_queries
):
    def build(n):
        authors = [builders.make_author() for _ in range(n)]
        targets = [
            builders.make_article(section, authors=authors[:1], lead_image=builders.make_image())
            for _ in range(n)
        ]
        return builders.make_article(
            section,
            authors=authors,
            tags=[f"tag{n}-{i}" for i in range(n)],
            lead_image=builders.make_image(),
            body=[("related_article", {"article": t}) for t in targets],
        )

    small, large = build(1), build(5)
    client.get(small.url), client.get(large.url)  # create renditions once

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small_queries:
        assert client.get(small.url).status_code == 200
    with django_assert_num_queries(len(small_queries)):
        assert client.get(large.url).status_code == 200
    assert len(small_queries) <= 30
