"""A property-based run of the Content API against its OpenAPI description (schemathesis).

Every operation of ``openapi.py`` is called in-process (the WSGI app, on the test's database
connection, so the fixture's rows are seen) with generated parameters, valid ones and invalid
ones, and a valid key. Every answer must be no 5xx, of a status the description lists, JSON, of
the body schema for its status; and every refusal (4xx) must be Ghost's error body. The run is
deterministic (``derandomize``) and small, so it costs seconds in the suite.

NUL characters are not generated: Masthead refuses a NUL in any query string before the API
sees it (``core/bad_input.py``, a plain-text 400), which is not Ghost's body.
"""

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from content_api import openapi
from content_api.errors import STATUS
from payments.models import Tier
from testkit import builders

schema = schemathesis.openapi.from_dict(openapi.description())
schema.config.generation.update(modes=["positive", "negative"], allow_x00=False)
wsgi_app = get_wsgi_application()


def ghost_error_body(ctx, response, case):
    """A refusal is Ghost's ``{"errors": [{message, context, type, ...}]}``."""
    if 400 <= response.status_code < 500:
        content_type = response.headers.get("content-type", [""])[0]
        assert content_type.startswith("application/json"), f"A {content_type} refusal"
        errors = response.json()["errors"]
        assert errors and all(
            {"message", "context", "type"} <= set(error) and error["type"] in STATUS
            for error in errors
        ), f"Not Ghost's error body: {response.text[:300]}"
    return None


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    ghost_error_body,
]


@pytest.fixture
def in_process_app():
    """The WSGI app on the test's connection: as Django's test client does, requests do not
    close it at their end (which would lose the test's transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield wsgi_app
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_newsroom(newsroom, author):
    """A few articles with tags and authors, an info page and a paid tier."""
    from articles.models import InfoPage

    home = newsroom["opinion"].get_parent()
    home.add_child(instance=InfoPage(title="About us", slug="about", standfirst="Who we are."))
    Tier.objects.create(
        name="Patron", slug="patron", monthly_amount=500, yearly_amount=5000, currency="eur"
    )
    builders.make_article(newsroom["opinion"], authors=[author], title="A third", tags=["dam"])
    return newsroom


@pytest.mark.django_db
@schema.parametrize()
@hypothesis.settings(
    max_examples=8,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(hypothesis.HealthCheck),
)
def test_the_api_answers_as_described(case, in_process_app, fuzz_newsroom, api_key):
    case.call_and_validate(
        app=in_process_app,
        params={"key": api_key},
        headers={"Accept-Encoding": "identity"},
        checks=CHECKS,
    )
