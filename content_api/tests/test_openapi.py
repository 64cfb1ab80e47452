"""The OpenAPI description is served, and true to the routes and answers of the API."""

import json

import jsonschema_rs
import pytest
from django.urls import URLPattern, resolve

from content_api import ids, openapi, urls
from content_api.errors import STATUS

from .conftest import API

pytestmark = pytest.mark.django_db

SAMPLE_PATH_VALUES = {"{id}": ids.of("post", 1), "{slug}": "some-slug"}


def concrete(template):
    for placeholder, value in SAMPLE_PATH_VALUES.items():
        template = template.replace(placeholder, value)
    return template


def test_the_description_is_served_without_a_key_and_may_be_cached(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "public" in response["Cache-Control"]
    assert response.json() == openapi.description()
    assert response.json()["openapi"].startswith("3.1")


def test_every_named_route_is_described_and_every_described_path_is_a_route():
    named = {
        pattern.name
        for pattern in urls.urlpatterns
        if isinstance(pattern, URLPattern) and pattern.name
    }
    described = {}
    for template in openapi.description()["paths"]:
        for path in (concrete(template), concrete(template).rstrip("/")):
            match = resolve(f"{API}{path}")
            # The catch-all (a 404 for any other path) has no name.
            assert match.url_name, f"{template} is no route of content_api/urls.py"
            described[template] = match.url_name
    assert set(described.values()) == named


def validator_for(envelope):
    """A validator of one response schema, its references resolved in the whole document."""
    document = openapi.description()
    document["$ref"] = f"#/components/schemas/{envelope}"
    return jsonschema_rs.Draft202012Validator(document, validate_formats=True)


def assert_valid(envelope, body):
    errors = [str(error) for error in validator_for(envelope).iter_errors(body)]
    assert not errors, errors


@pytest.fixture
def full_newsroom(newsroom, author):
    from authors.models import AuthorLink

    AuthorLink.objects.create(author=author, label="X", url="https://x.com/someone", sort_order=0)
    return newsroom


@pytest.mark.parametrize(
    ("path", "query", "envelope"),
    [
        ("posts/", {"include": "tags,authors,tiers", "formats": "html,plaintext"}, "PostsBrowse"),
        ("posts/", {"fields": "title,slug"}, "PostsBrowse"),
        ("pages/", {"include": "tags,authors,tiers"}, "PagesBrowse"),
        ("authors/", {"include": "count.posts"}, "AuthorsBrowse"),
        ("tags/", {"include": "count.posts"}, "TagsBrowse"),
        ("tiers/", {}, "TiersBrowse"),
        ("settings/", {}, "SettingsBrowse"),
        ("masthead/news-feed/", {}, "NewsFeedBrowse"),
    ],
)
def test_real_answers_match_their_schema(api, full_newsroom, path, query, envelope):
    response = api(path, **query)
    assert response.status_code == 200
    assert_valid(envelope, response.json())


def test_a_full_post_has_every_described_field(api, full_newsroom):
    """The description names no field the serializer does not write."""
    post = api("posts/", include="tags,authors,tiers", formats="html,plaintext").json()["posts"][0]
    described = openapi.description()["components"]["schemas"]["Post"]["properties"]
    assert set(described) == set(post)


def test_a_read_by_id_and_by_slug_match_their_schema(api, full_newsroom):
    article = full_newsroom["tagged"]
    for path in (f"posts/{ids.of('post', article.pk)}/", f"posts/slug/{article.slug}/"):
        response = api(path, include="tags,authors")
        assert response.status_code == 200
        assert_valid("PostsRead", response.json())


@pytest.mark.parametrize(
    ("path", "query", "status"),
    [
        ("posts/", {"filter": "nonsense:[["}, 400),
        ("posts/", {"page": "x"}, 422),
        ("posts/slug/no-such-post/", {}, 404),
        ("posts/not-an-id/", {}, 422),
    ],
)
def test_refusals_are_ghosts_error_body(api, path, query, status):
    response = api(path, **query)
    assert response.status_code == status
    assert_valid("Error", response.json())


@pytest.mark.parametrize(("key", "status"), [(None, 403), ("0" * 26, 401)])
def test_a_missing_or_unknown_key_is_ghosts_error_body(client, key, status):
    response = client.get(f"{API}/posts/", {"key": key} if key else {})
    assert response.status_code == status
    assert_valid("Error", response.json())
    assert json.loads(response.content)["errors"][0]["type"] in STATUS


def test_an_answer_sends_the_described_headers(api, newsroom):
    response = api("posts/")
    described = openapi.description()["paths"]["/posts/"]["get"]["responses"]["200"]["headers"]
    for name in described:
        assert response.has_header(name), name
    assert response["Cache-Control"] == described["Cache-Control"]["schema"]["const"]


def test_the_description_answers_cors_as_the_api_does(client):
    preflight = client.options(f"{API}/openapi.json", HTTP_ORIGIN="https://front.example")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert client.get(f"{API}/openapi.json")["Access-Control-Allow-Origin"] == "*"
    refused = client.post(f"{API}/openapi.json")
    assert refused.status_code == 404
    assert refused.json()["errors"][0]["type"] == "NotFoundError"


def test_a_repeat_with_the_etag_is_the_described_304(api, api_key, client, newsroom):
    etag = api("posts/")["ETag"]
    repeat = client.get(f"{API}/posts/", {"key": api_key}, HTTP_IF_NONE_MATCH=etag)
    assert repeat.status_code == 304
    assert "304" in openapi.description()["paths"]["/posts/"]["get"]["responses"]
