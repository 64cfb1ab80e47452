"""`make run`'s set-up prints a Content API address that answers, with a key made once."""

from urllib.parse import urlsplit

import pytest

from content_api.models import ContentAPIKey
from demo.management.commands.setup_demo import content_api_line

pytestmark = pytest.mark.django_db


def test_the_printed_content_api_address_answers(client, section, author):
    from testkit import builders

    builders.make_article(section, authors=[author], title="Hello")

    line = content_api_line()

    key = ContentAPIKey.objects.get()
    address = urlsplit(line.split("Content API:", 1)[1].strip())
    path = f"{address.path}?{address.query}"
    assert path == f"/ghost/api/content/posts/?key={key.key}"
    response = client.get(path)
    assert response.status_code == 200
    assert [post["title"] for post in response.json()["posts"]] == ["Hello"]


def test_the_demo_key_is_made_once_and_not_again_once_revoked():
    content_api_line()
    ContentAPIKey.objects.update(active=False)

    assert content_api_line() == ""
    assert ContentAPIKey.objects.count() == 1
