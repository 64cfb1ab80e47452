"""A reader signs in in Chromium, once by the emailed link and once by the code, the email
going through a real SMTP server (testkit/mail.py); and the pages at a phone's and a
desktop's width, every tap target at least 24 px."""

import re
import time

import pytest
from playwright.sync_api import expect

from members.models import Member
from testkit import builders

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LINK = re.compile(r"https?://[^/\s]+(/account/sign-in/link/[^\s]+)")
CODE = re.compile(r"\b(\d{6})\b")


@pytest.fixture
def site(live_server, smtp_sink):
    home = builders.make_home()
    builders.make_section(home)
    return live_server.url


def _email_to(sink, address, timeout=10):
    deadline = time.monotonic() + timeout
    while not sink.to(address):
        assert time.monotonic() < deadline, f"no email to {address}"
        time.sleep(0.05)
    message = sink.to(address)[-1]
    return message.get_body(preferencelist=("plain",)).get_content()


def _ask(page, site, address):
    page.goto(site + "/")
    page.get_by_role("link", name="Sign in", exact=True).click()
    page.get_by_label("Email").fill(address)
    page.get_by_role("button", name="Email me a sign-in link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()


def test_a_new_reader_signs_up_and_in_by_the_emailed_link(page, site, smtp_sink):
    _ask(page, site, "reader@example.org")
    body = _email_to(smtp_sink, "reader@example.org")
    assert "create your free account" in body
    page.goto(site + LINK.search(body).group(1))
    page.get_by_role("button", name="Create account and sign in").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    expect(page.get_by_text("Signed in as reader@example.org")).to_be_visible()
    assert Member.objects.get().email == "reader@example.org"
    expect(page.get_by_role("link", name="Account", exact=True)).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()


def test_a_member_signs_in_by_the_code(page, site, smtp_sink):
    Member.objects.create(email="reader@example.org")
    _ask(page, site, "reader@example.org")
    code = CODE.search(_email_to(smtp_sink, "reader@example.org")).group(1)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()


def _small_targets(page):
    """Controls under 24x24 px; links inside a sentence are exempt (WCAG 2.5.8, inline)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('main a, main button, main input, header a')]
        .filter(el => el.offsetParent !== null)
        .filter(el => !(el.closest('p') && !el.classList.contains('button-link')))
        .map(el => [el.textContent.trim() || el.name, el.getBoundingClientRect()])
        .filter(([, r]) => r.width < 24 || r.height < 24)
        .map(([name, r]) => `${name}: ${r.width}x${r.height}`)"""
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_the_pages_fit_phones_and_desktops(browser, site, smtp_sink, width, tmp_path):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        _ask(page, site, "reader@example.org")
        assert _small_targets(page) == []
        page.screenshot(path=str(tmp_path / f"check-email-{width}.png"), full_page=True)
        body = _email_to(smtp_sink, "reader@example.org")
        page.goto(site + LINK.search(body).group(1))
        page.get_by_role("button", name="Create account and sign in").click()
        expect(page.get_by_role("heading", name="Your account")).to_be_visible()
        assert _small_targets(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(tmp_path / f"account-{width}.png"), full_page=True)
    finally:
        context.close()
