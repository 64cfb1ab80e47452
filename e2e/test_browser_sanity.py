"""Proves the browser harness works: live server, Chromium, Playwright."""

import pytest


@pytest.mark.django_db(transaction=True)
def test_admin_login_page_has_password_field(live_server, page):
    page.goto(f"{live_server.url}/admin/login/")
    assert page.locator("input[type=password]").count() == 1
