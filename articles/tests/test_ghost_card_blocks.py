"""The body blocks that Ghost's cards become: link card, divider, gallery, button, toggle,
file/audio/video and imported HTML, as a reader sees them on the article page, and what they
add to the words counted and searched."""

import pytest
from django.core.exceptions import ValidationError

from articles.blocks import ArticleBodyBlock, read_text
from testkit import builders

pytestmark = pytest.mark.django_db


def article_html(client, section, author, body):
    article = builders.make_article(section, authors=[author], body=body)
    response = client.get(article.url)
    assert response.status_code == 200
    return article, response.content.decode()


def test_a_link_card_is_one_link_with_title_description_and_site(client, section, author):
    _, html = article_html(
        client,
        section,
        author,
        [
            (
                "link_card",
                {
                    "url": "https://example.org/story",
                    "title": "The river report",
                    "description": "What the flood did.",
                    "publisher": "Example News",
                    "thumbnail_url": "https://example.org/thumb.jpg",
                },
            )
        ],
    )
    card = html[html.index('<aside class="link-card"') :].split("</aside>")[0]
    assert card.count("<a ") == 1
    assert 'href="https://example.org/story"' in card
    assert "The river report" in card and "What the flood did." in card
    assert "Example News" in card
    # Reader pages load no images from other sites (the Content-Security-Policy).
    assert "thumb.jpg" not in card


def test_a_link_cards_thumbnail_on_this_site_is_shown(client, section, author):
    value = {"url": "https://example.org/", "title": "T", "thumbnail_url": "/media/t.jpg"}
    _, html = article_html(client, section, author, [("link_card", value)])
    assert '<img class="link-card__thumbnail" src="/media/t.jpg"' in html


def test_a_divider_is_a_rule(client, section, author):
    _, html = article_html(client, section, author, [("divider", None)])
    assert '<hr class="divider">' in html


def test_a_gallery_shows_every_image_with_its_caption(client, section, author):
    first, second = builders.make_image(), builders.make_image(color=(200, 10, 10))
    _, html = article_html(
        client,
        section,
        author,
        [
            (
                "gallery",
                {
                    "images": [
                        {"image": first, "caption": "The bridge"},
                        {"image": second, "caption": "The ferry"},
                    ],
                    "caption": "The crossing, then and now",
                },
            )
        ],
    )
    gallery = html[html.index('<figure class="gallery">') :]
    assert gallery.count('<li class="gallery__item">') == 2
    assert "The bridge" in gallery and "The ferry" in gallery
    assert "The crossing, then and now" in gallery


def test_a_button_is_a_real_link(client, section, author):
    _, html = article_html(
        client, section, author, [("button", {"label": "Read the report", "url": "/report/"})]
    )
    assert '<a class="body-button__link" href="/report/">Read the report</a>' in html


def test_a_button_refuses_a_script_url():
    block = ArticleBodyBlock().child_blocks["button"]
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"label": "Go", "url": "javascript:alert(1)"}))


def test_a_toggle_opens_without_javascript_and_its_words_count(client, section, author):
    article, html = article_html(
        client,
        section,
        author,
        [("toggle", {"heading": "How we reported this", "text": "<p>Three weeks of calls.</p>"})],
    )
    assert '<details class="toggle">' in html
    assert '<summary class="toggle__heading">How we reported this</summary>' in html
    assert "<p>Three weeks of calls.</p>" in html
    assert "Three weeks of calls." in " ".join(read_text(article.body))


def test_audio_and_video_use_the_browsers_player_and_a_file_is_a_download(client, section, author):
    _, html = article_html(
        client,
        section,
        author,
        [
            ("media_file", {"kind": "audio", "url": "/media/a.mp3", "title": "The interview"}),
            ("media_file", {"kind": "video", "url": "/media/v.mp4", "caption": "At the dam"}),
            ("media_file", {"kind": "file", "url": "/media/report.pdf", "title": "The report"}),
        ],
    )
    assert '<audio controls preload="none" src="/media/a.mp3"' in html
    assert '<video controls preload="none" src="/media/v.mp4"' in html
    assert "At the dam" in html
    assert 'href="/media/report.pdf" download>The report</a>' in html


def test_imported_html_is_cleaned_when_saved_and_when_shown(client, section, author):
    dirty = (
        '<table><tr><td onclick="steal()">Turnout 61%</td></tr></table>'
        '<script>alert(1)</script><a href="javascript:alert(2)">x</a><img src=x onerror=alert(3)>'
    )
    article, html = article_html(client, section, author, [("html", dirty)])
    assert "Turnout 61%" in html
    for bad in ("<script>alert(1)", "onclick", "javascript:alert", "onerror"):
        assert bad not in html
    stored = article.body.raw_data[0]["value"]
    assert "<script" not in stored and "onclick" not in stored


def test_imported_html_stored_unclean_is_cleaned_as_it_renders():
    block = ArticleBodyBlock().child_blocks["html"]
    rendered = block.render(
        block.to_python('<p>Hi</p><iframe src="https://evil.example"></iframe>')
    )
    assert "<p>Hi</p>" in rendered
    assert "iframe" not in rendered


def test_an_article_with_every_new_block_opens_in_the_editor(admin_client, section, author):
    image = builders.make_image()
    article = builders.make_article(
        section,
        authors=[author],
        body=[
            {"type": "link_card", "value": {"url": "https://example.org/", "title": "Elsewhere"}},
            {"type": "divider", "value": None},
            {"type": "gallery", "value": {"images": [{"image": image.pk, "caption": "A"}]}},
            {"type": "button", "value": {"label": "Go", "url": "/go/"}},
            {"type": "toggle", "value": {"heading": "More", "text": "<p>Hidden</p>"}},
            {"type": "media_file", "value": {"kind": "audio", "url": "/media/a.mp3"}},
            {"type": "html", "value": "<table><tr><td>1</td></tr></table>"},
        ],
    )
    response = admin_client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    assert "Link card" in response.content.decode()
