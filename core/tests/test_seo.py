"""What search engines and social networks read from the page head: JSON-LD, OpenGraph and
Twitter cards. The JSON-LD is parsed as a crawler does, and every image it names is opened
and measured."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from core.models import NewsroomSettings
from testkit import builders

SITE = "http://testserver"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Images of this test's own. Wagtail keeps renditions in the default cache by image id
    and file hash, which an earlier test's image may share: forget them."""
    from django.core.cache import caches

    settings.MEDIA_ROOT = tmp_path / "media"
    caches["default"].clear()


def json_ld(html):
    """Every JSON-LD object on the page, the members of an @graph included."""
    found = []
    for raw in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(raw)
        found += data.get("@graph", [data])
    return found


def of_type(html, schema_type):
    matches = [item for item in json_ld(html) if item["@type"] == schema_type]
    assert len(matches) == 1, [item["@type"] for item in json_ld(html)]
    return matches[0]


def meta(html, key):
    """The content of <meta property=key> or <meta name=key>; None if absent."""
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def opened(url):
    """The image at ``url`` (under MEDIA_URL), as Pillow reads it from the file."""
    assert url.startswith(f"{SITE}{settings.MEDIA_URL}"), url
    path = Path(settings.MEDIA_ROOT) / url.removeprefix(f"{SITE}{settings.MEDIA_URL}")
    image = Image.open(path)
    image.load()
    return image


def newsroom(**fields):
    settings_row = NewsroomSettings.load()
    for name, value in fields.items():
        setattr(settings_row, name, value)
    settings_row.save()
    return settings_row


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# The front page


def test_front_page_names_the_site_its_search_and_the_newsroom(client, home):
    newsroom(
        name="The Ledger",
        logo=builders.make_image(size=(400, 400), color=(200, 30, 30)),
        social_profiles="https://mastodon.social/@ledger\n\nhttps://bsky.app/profile/ledger.example",
    )
    html = get(client, "/")
    site = of_type(html, "WebSite")
    assert site["url"] == f"{SITE}/" and site["name"] == "The Ledger"
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["query-input"] == "required name=search_term_string"
    template = action["target"]["urlTemplate"]
    assert template == f"{SITE}/search/?q={{search_term_string}}"
    # The template is a search that works.
    results = client.get(template.replace("{search_term_string}", "floods").removeprefix(SITE))
    assert results.status_code == 200 and "floods" in results.content.decode()

    organization = of_type(html, "NewsMediaOrganization")
    assert site["publisher"] == {"@id": organization["@id"]}
    assert organization["name"] == "The Ledger" and organization["url"] == f"{SITE}/"
    assert organization["sameAs"] == [
        "https://mastodon.social/@ledger",
        "https://bsky.app/profile/ledger.example",
    ]
    logo = opened(organization["logo"]["url"])
    assert logo.size == (organization["logo"]["width"], organization["logo"]["height"])
    assert logo.width >= 112 and logo.height >= 112


def test_front_page_gets_a_large_image_card_of_the_whole_logo(client, home):
    newsroom(logo=builders.make_image(size=(400, 400), color=(200, 30, 30)))
    html = get(client, "/")
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "twitter:image") == meta(html, "og:image")
    card = opened(meta(html, "og:image"))
    assert card.format == "JPEG" and card.size == (1200, 630)
    assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "630")
    # The logo whole in the middle, not cropped to the card's shape; white around it.
    assert card.getpixel((600, 315))[0] > 150
    assert card.getpixel((600, 120))[0] > 150 and card.getpixel((600, 510))[0] > 150
    assert card.getpixel((10, 315)) == (255, 255, 255)


def test_front_page_without_a_logo_has_no_image_to_offer(client, home):
    html = get(client, "/")
    assert meta(html, "twitter:card") == "summary" and meta(html, "og:image") is None
    assert "logo" not in of_type(html, "NewsMediaOrganization")
    assert "sameAs" not in of_type(html, "NewsMediaOrganization")


# Articles


@pytest.fixture
def article(section, author):
    return builders.make_article(
        section,
        authors=[author],
        title="Night trains resume",
        lead_image=builders.make_image(size=(2400, 1800)),
    )


def test_article_image_comes_in_16_9_4_3_and_1_1(client, article):
    data = of_type(get(client, article.url), "NewsArticle")
    shapes = []
    for image in data["image"]:
        assert image["@type"] == "ImageObject"
        picture = opened(image["url"])
        assert picture.format == "JPEG"
        assert picture.size == (image["width"], image["height"])
        shapes.append(picture.size)
    assert shapes == [(1200, 675), (1200, 900), (1200, 1200)]


@pytest.mark.parametrize("size", [(300, 80), (60, 60)], ids=["wide", "tiny"])
def test_publisher_logo_is_at_least_112_by_112_whatever_the_upload(client, article, size):
    newsroom(logo=builders.make_image(size=size, color=(20, 140, 60)))
    publisher = of_type(get(client, article.url), "NewsArticle")["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    logo = opened(publisher["logo"]["url"])
    assert logo.format == "PNG" and logo.size == (publisher["logo"]["width"], 512)
    assert logo.width >= 112 and logo.height >= 112
    # The whole logo at its own size in the middle (never cropped or blown up).
    middle = logo.convert("RGB").getpixel((256, 256))
    assert middle == (20, 140, 60)
    inside = logo.convert("RGBA").getpixel((256 - size[0] // 2 + 1, 256))
    outside = logo.convert("RGBA").getpixel((256 - size[0] // 2 - 2, 256))
    assert inside[:3] == (20, 140, 60) and outside != inside


def test_article_tells_its_modified_time_and_allows_large_image_previews(client, article):
    from articles.models import ArticlePage

    published = article.first_published_at
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=published.replace(year=published.year - 1)
    )
    html = get(client, article.url)
    assert meta(html, "robots") == "max-image-preview:large"
    data = of_type(html, "NewsArticle")
    assert meta(html, "article:modified_time") == data["dateModified"]
    assert data["dateModified"] > data["datePublished"]
    assert data["dateModified"].endswith("+02:00") or data["dateModified"].endswith("+03:00")


def test_every_indexable_page_allows_large_image_previews(client, section, author):
    pages = ["/", section.url, reverse("authors:detail", kwargs={"slug": author.slug})]
    for url in pages:
        assert meta(get(client, url), "robots") == "max-image-preview:large", url
    assert meta(get(client, "/search/?q=rail"), "robots") == "noindex"


# Author pages


@pytest.fixture
def profiled(db):
    from authors.models import AuthorLink

    author = builders.make_author(
        name="Ilona Sadek",
        bio="Covers the river towns.",
        photo=builders.make_image(size=(1000, 1000), color=(90, 60, 30)),
    )
    author.role = "Correspondent"
    author.save()
    AuthorLink.objects.create(author=author, label="Mastodon", url="https://mastodon.social/@ilona")
    AuthorLink.objects.create(author=author, label="Files", url="ftp://files.example.org/ilona")
    AuthorLink.objects.create(author=author, label="Site", url="https://ilona.example")
    return author


def test_author_page_is_a_profile_page_of_a_person(client, home, profiled):
    url = reverse("authors:detail", kwargs={"slug": profiled.slug})
    html = get(client, url)
    profile = of_type(html, "ProfilePage")
    assert profile["url"] == f"{SITE}{url}"
    person = profile["mainEntity"]
    assert person["@type"] == "Person"
    assert person["name"] == "Ilona Sadek"
    assert person["description"] == "Covers the river towns."
    assert person["jobTitle"] == "Correspondent"
    assert person["sameAs"] == ["https://mastodon.social/@ilona", "https://ilona.example"]
    photo = opened(person["image"]["url"])
    assert photo.size == (person["image"]["width"], person["image"]["height"]) == (800, 800)


def test_author_page_gets_a_large_image_card_of_their_photo(client, home, profiled):
    html = get(client, reverse("authors:detail", kwargs={"slug": profiled.slug}))
    assert meta(html, "twitter:card") == "summary_large_image"
    card = opened(meta(html, "og:image"))
    assert card.size == (1200, 630)
    # The photo whole in the middle (a face is never cropped off), white on each side.
    assert all(
        abs(a - b) <= 3 for a, b in zip(card.getpixel((600, 315)), (90, 60, 30), strict=True)
    )
    assert card.getpixel((20, 315)) == (255, 255, 255)


def test_author_without_a_photo_shares_the_newsroom_logo(client, home, author):
    newsroom(logo=builders.make_image(size=(400, 400), color=(200, 30, 30)))
    html = get(client, reverse("authors:detail", kwargs={"slug": author.slug}))
    assert meta(html, "twitter:card") == "summary_large_image"
    assert opened(meta(html, "og:image")).size == (1200, 630)
    assert "image" not in of_type(html, "ProfilePage")["mainEntity"]


# The newsroom's social profiles


def test_editors_fill_in_social_profiles_in_the_newsroom_settings(admin_client, home):
    row = NewsroomSettings.load()
    url = reverse("wagtailsettings:edit", args=["core", "newsroomsettings", row.pk])
    form = {"name": "The Ledger", "tagline": "", "logo": "", "artwork_background": "#ffffff"}
    response = admin_client.post(
        url, {**form, "social_profiles": "https://mastodon.social/@ledger\njavascript:alert(1)"}
    )
    assert response.status_code == 200
    assert "Not a web address: &#x27;javascript:alert(1)&#x27;" in response.content.decode()
    assert NewsroomSettings.load().same_as == []

    response = admin_client.post(
        url, {**form, "social_profiles": " https://mastodon.social/@ledger \n\n"}
    )
    assert response.status_code == 302
    assert NewsroomSettings.load().social_profiles == "https://mastodon.social/@ledger"


def test_a_profile_that_is_not_a_web_address_is_refused():
    with pytest.raises(ValidationError):
        NewsroomSettings(name="x", social_profiles="mailto:desk@example.org").full_clean()
