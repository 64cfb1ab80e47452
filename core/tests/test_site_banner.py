"""The site-wide banner (Settings → Newsroom): shown on reader pages while on, the same for
every reader of a kind (no cookie, no token), not for paid readers, refreshed in the page
cache the moment an editor changes it, and its fields checked."""

import pytest
from django.core.exceptions import ValidationError

from core.models import NewsroomSettings
from members import services
from members.models import Member
from testkit import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(home, section, author):
    return builders.make_article(section, authors=[author], title="Dam opens")


def banner(capture, **fields):
    settings = NewsroomSettings.load()
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.full_clean()
    with capture(execute=True):
        settings.save()
    return settings


ON = {
    "banner_on": True,
    "banner_text": "Our reporting is funded by readers like you.",
    "banner_link_label": "Become a member",
    "banner_link_url": "/membership/",
}


def test_off_by_default(client, article):
    assert "site-banner" not in client.get(article.url).content.decode()


def test_shown_on_reader_pages_with_its_link_and_script(
    client, article, django_capture_on_commit_callbacks
):
    settings = banner(django_capture_on_commit_callbacks, **ON)
    for url in ("/", article.url, "/support/", "/gift/"):
        response = client.get(url)
        html = response.content.decode()
        assert "Our reporting is funded by readers like you." in html, url
        assert '<a href="/membership/">Become a member</a>' in html, url
        assert f'data-banner="{settings.banner_key}"' in html, url
        assert "/static/js/banner.js" in html, url
        assert not response.cookies, url
    assert "public" in client.get(article.url)["Cache-Control"]


def test_a_new_wording_is_a_new_key():
    one = NewsroomSettings(**ON)
    other = NewsroomSettings(**{**ON, "banner_text": "Something else"})
    assert one.banner_key != other.banner_key
    assert one.banner_key == NewsroomSettings(**ON).banner_key


def test_editing_it_refreshes_cached_pages(
    client, page_cache, article, django_capture_on_commit_callbacks
):
    banner(django_capture_on_commit_callbacks, **ON)
    for url in ("/", article.url):
        client.get(url)
        assert client.get(url)["X-Masthead-Cache"] == "hit"
    banner(django_capture_on_commit_callbacks, banner_text="Give a membership this winter.")
    for url in ("/", article.url):
        html = client.get(url).content.decode()
        assert "Give a membership this winter." in html, url
        assert "funded by readers like you" not in html, url
    banner(django_capture_on_commit_callbacks, banner_on=False)
    for url in ("/", article.url):
        assert "site-banner" not in client.get(url).content.decode(), url


def test_not_for_paid_readers_but_for_free_ones(
    client, article, django_capture_on_commit_callbacks
):
    banner(django_capture_on_commit_callbacks, **ON)
    member = Member.objects.create(email="reader@example.org")
    session = client.session
    session["member_id"] = member.pk
    session.save()
    assert "site-banner" in client.get(article.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # as the admin's request commits
        services.member_comp(member=member)
    assert "site-banner" not in client.get(article.url).content.decode()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"banner_on": True, "banner_text": ""}, "banner_text"),
        ({"banner_link_label": "Join", "banner_link_url": ""}, "banner_link_url"),
        (
            {"banner_link_label": "Join", "banner_link_url": "javascript:alert(1)"},
            "banner_link_url",
        ),
        (
            {"banner_link_label": "Join", "banner_link_url": "http://example.org/"},
            "banner_link_url",
        ),
    ],
)
def test_its_fields_are_checked(db, fields, field):
    settings = NewsroomSettings.load()
    for name, value in fields.items():
        setattr(settings, name, value)
    with pytest.raises(ValidationError) as error:
        settings.full_clean()
    assert field in error.value.message_dict
