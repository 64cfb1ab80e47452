"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live_server.

Run with `make test-browser` (or `.venv/bin/pytest e2e`); they are not in the default
testpaths. Tests take the `live_server` and `page` fixtures and are marked
`@pytest.mark.django_db(transaction=True)`, so the server thread sees their data
(see pytest_collection_modifyitems below for why such tests also get serialized_rollback).
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an asyncio event loop in this thread, and Django then refuses
# ORM calls here (SynchronousOnlyOperation). The loop never runs Django code, so it is safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# Debian's chromium package; Playwright's own browser downloads are never used.
CHROMIUM = Path(os.environ.get("MASTHEAD_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",  # we run as root in CI, where the sandbox cannot start
    "--disable-gpu",
    # The network is closed here: keep Chromium from phoning home on every start.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    """Give every transactional browser test `serialized_rollback=True` unless it says otherwise.

    A transactional test ends by emptying every table, which also deletes what the migrations
    created: Wagtail's root page, the default Site, collections and groups. The next browser
    test would then find no root page. Serialized rollback restores that data before each test.
    """
    here = Path(__file__).parent
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            here in item.path.parents
            and marker is not None
            and marker.kwargs.get("transaction")
            and "serialized_rollback" not in marker.kwargs
        ):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            # Put first, so that it is the marker pytest-django reads.
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: apt-get update && apt-get install -y chromium")
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(browser):
    """A page in a fresh browser context (no cookies or storage shared between tests)."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
