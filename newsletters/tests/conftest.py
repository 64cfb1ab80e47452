import time

import pytest

from newsletters.forms import started_token
from newsletters.models import Newsletter


@pytest.fixture
def newsletter(db):
    return Newsletter.objects.create(
        name="Explaining Halvesk", slug="explaining-halvesk", host="Ilona Sadek", cadence="Fridays"
    )


@pytest.fixture
def other_newsletter(db):
    return Newsletter.objects.create(name="River Notes", slug="river-notes", sort_order=1)


def form_data(email, *newsletters, **extra):
    """What the sign-up form posts, its token fetched long enough ago to pass the minimum fill
    time. ``started=None`` leaves the token out."""
    data = {
        "email": email,
        "first_name": "",
        "newsletters": [n.slug for n in newsletters],
        "homepage": "",
        "started": started_token(at=time.time() - 60),
        "source": "http://testserver/world/some-article/",
        **extra,
    }
    return {name: value for name, value in data.items() if value is not None}


@pytest.fixture
def sign_up(client, django_capture_on_commit_callbacks):
    """POST the sign-up form; emails queued after the commit are sent before it returns."""

    def post(email, *newsletters, ip="203.0.113.5", json=False, forwarded_for=None, **extra):
        headers = {"HTTP_ACCEPT": "application/json"} if json else {}
        if forwarded_for is not None:  # as the newsroom's reverse proxy adds it
            headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                "/newsletters/signup/",
                form_data(email, *newsletters, **extra),
                REMOTE_ADDR=ip,
                HTTP_USER_AGENT="TestBrowser/1.0",
                **headers,
            )

    return post
