"""Helpers for browser tests of the Wagtail admin: a signed-in editor's page, Wagtail's
autosave made observable, the Publish button wherever the action menu puts it."""

import time

from django.conf import settings
from django.test import Client

# Wagtail's w-unsaved controller starts watching a form for edits (and so autosaving it)
# about two seconds after the page loads; it says so with this event.
WATCH_EDITS = """
document.addEventListener("w-unsaved:watch-edits", () => { window.mastheadWatchingEdits = true; });
"""


def signed_in_page(browser, live_server, user, *, width=1280, height=900):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": width, "height": height})
    name = settings.SESSION_COOKIE_NAME
    context.add_cookies(
        [{"name": name, "value": client.cookies[name].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.add_init_script(WATCH_EDITS)
    page.server_errors = []
    page.on(
        "response",
        lambda r: (
            page.server_errors.append(f"{r.status} {r.request.method} {r.url}")
            if r.status >= 500
            else None
        ),
    )
    return page


def open_editor(page, url):
    """Go to an admin form and wait until Wagtail watches it for edits, as it does for an
    editor who starts typing a few seconds after the page appears."""
    page.goto(url)
    # (page.wait_for_function evaluates its string, which the admin's CSP forbids.)
    wait_for(
        lambda: page.evaluate("window.mastheadWatchingEdits === true"),
        page=page,
        message="Wagtail watching the form",
    )


def press_publish(page, *, wait=True):
    """Press Publish (in the menu beside the main button if it is not the main one);
    ``wait=False`` returns before the page the answer leads to has loaded."""
    button = page.locator('button[name="action-publish"]')
    if not button.is_visible():
        page.locator("footer").get_by_role("button", name="More actions").click()
    button.click(no_wait_after=not wait)


def wait_for(condition, *, page, timeout=30, message="the condition"):
    """Let the browser run until ``condition()`` holds; fail only if it never does."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{message} never happened"
        page.wait_for_timeout(50)


def choose_author(page, name):
    page.get_by_role("button", name="Choose author").click()
    page.get_by_role("dialog").get_by_role("link", name=name).click()
    page.get_by_role("dialog").wait_for(state="hidden")
