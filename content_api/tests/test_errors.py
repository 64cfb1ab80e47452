"""Keys and bad input get Ghost's error bodies and statuses, never a 500."""

import pytest

from content_api.models import ContentAPIKey

from .conftest import API

pytestmark = pytest.mark.django_db

ERROR_KEYS = {
    "message",
    "context",
    "type",
    "details",
    "property",
    "help",
    "code",
    "id",
    "ghostErrorCode",
}


def error_of(response, status):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"errors"}
    (error,) = body["errors"]
    assert set(error) == ERROR_KEYS
    assert "no-store" in response["Cache-Control"]
    return error


def test_missing_key_is_ghosts_403(client, home):
    error = error_of(client.get(f"{API}/posts/"), 403)
    assert error["type"] == "NoPermissionError"
    assert error["message"] == "Authorization failed"


def test_unknown_key_is_ghosts_401(client, home):
    error = error_of(client.get(f"{API}/posts/", {"key": "0" * 26}), 401)
    assert error["type"] == "UnauthorizedError"
    assert error["message"] == "Unknown Content API Key"
    assert error["code"] == "UNKNOWN_CONTENT_API_KEY"


def test_revoked_key_is_refused_at_once(client, home, api_key):
    assert client.get(f"{API}/posts/", {"key": api_key}).status_code == 200
    ContentAPIKey.objects.filter(key=api_key).update(active=False)
    error_of(client.get(f"{API}/posts/", {"key": api_key}), 401)


def test_key_given_twice_is_a_bad_request(client, home, api_key):
    error = error_of(client.get(f"{API}/posts/?key={api_key}&key={api_key}"), 400)
    assert error["type"] == "BadRequestError" and error["code"] == "INVALID_REQUEST"


def test_a_use_is_noted_on_the_key(client, home, api_key):
    client.get(f"{API}/posts/", {"key": api_key})
    assert ContentAPIKey.objects.get(key=api_key).last_used_at is not None


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ({"page": "abc"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"limit": "-5"}, "limit"),
        ({"limit": "12abc"}, "limit"),
        ({"order": "title; drop table"}, "order"),
        ({"formats": "pdf"}, "formats"),
    ],
)
def test_malformed_parameters_are_ghosts_validation_errors(api, home, query, key):
    error = error_of(api("posts/", **query), 422)
    assert error["type"] == "ValidationError"
    assert key in error["message"]


@pytest.mark.parametrize(
    "query",
    [
        {"page": "99999999999999999999999999"},
        {"limit": "99999999999999999999999999"},
        {"limit": "abc"},  # Ghost caps anything not a number to 100
        {"limit": "0"},
        {"order": "nonsense asc"},  # Ghost ignores an order on an unknown field
        {"order": "title sideways"},
        {"include": "tags,nonsense"},  # and unknown includes
        {"fields": "nonsense"},
        {"formats": ""},
        {"unknown_parameter": "x"},
    ],
)
def test_odd_values_ghost_accepts_are_answered(api, home, query):
    assert api("posts/", **query).status_code == 200


@pytest.mark.parametrize("path", ["posts/", "pages/", "authors/", "tags/", "tiers/", "settings/"])
def test_every_resource_answers_the_same_errors(client, home, api_key, path):
    error_of(client.get(f"{API}/{path}"), 403)
    error_of(client.get(f"{API}/{path}", {"key": api_key, "page": "x"}), 422)


def test_an_id_that_is_no_id_is_a_validation_error(api, home):
    error_of(api("posts/not-an-id/"), 422)
    error_of(api("tags/zzzz/"), 422)


def test_unknown_resource_is_ghosts_404(api, home):
    error = error_of(api("nonsense/"), 404)
    assert error["type"] == "NotFoundError" and error["message"] == "Resource not found"


def test_other_methods_are_refused(client, home, api_key):
    assert client.post(f"{API}/posts/?key={api_key}").status_code == 404


def test_a_read_ignores_the_options_only_browse_takes(api, newsroom):
    slug = newsroom["tagged"].slug
    response = api(f"posts/slug/{slug}/", page="x", limit="-1", order="!", filter="(")
    assert response.status_code == 200
    assert response.json()["posts"][0]["slug"] == slug
    assert api(f"posts/slug/{slug}/", formats="pdf").status_code == 422
