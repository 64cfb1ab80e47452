"""A bug shows readers a styled apology, never a traceback, and obeys the page's CSP."""

import pytest
from django.db import ProgrammingError, connection
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_server_error_is_a_styled_page_without_details(home):
    def bad_sql(execute, sql, params, many, context):
        raise ProgrammingError('column "secret_column" does not exist')

    reader, url = Client(raise_request_exception=False), home.url
    with connection.execute_wrapper(bad_sql):
        response = reader.get(url)
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong" in page
    assert '<link rel="stylesheet" href="/static/css/masthead.css">' in page
    assert "<style" not in page and " style=" not in page  # the CSP allows no inline styles
    assert "style-src 'self'" in response["Content-Security-Policy"]
    assert "secret_column" not in page and "Traceback" not in page
    assert response["Cache-Control"] == "private, no-store"
