"""Ids: what ``ids.of`` writes ``ids.parse`` reads back, and an id past any primary key
names nothing (a 404, not a database overflow)."""

import pytest

from content_api import ids

TOO_BIG = "04" + "f" * 22  # a section id with a primary key over 2**63


def test_an_id_reads_back_as_its_kind_and_key():
    assert ids.parse(ids.of("tag", 42)) == ("tag", 42)
    assert ids.parse(ids.of("post", ids.MAX_PK)) == ("post", ids.MAX_PK)


def test_an_id_beyond_any_primary_key_names_nothing():
    assert ids.parse(TOO_BIG) is None


@pytest.mark.django_db
@pytest.mark.parametrize("resource", ["tags", "posts", "pages", "authors"])
def test_reading_by_such_an_id_is_ghosts_not_found(api, resource):
    response = api(f"{resource}/{TOO_BIG}/")
    assert response.status_code == 404
    assert response.json()["errors"][0]["type"] == "NotFoundError"


@pytest.mark.django_db
def test_filtering_by_such_an_id_finds_nothing(api, newsroom):
    response = api("tags/", filter=f"id:{TOO_BIG}")
    assert response.status_code == 200
    assert response.json()["tags"] == []
