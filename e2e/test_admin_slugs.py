"""Typing a headline or a name fills the slug, as Wagtail does for a page title; an error
on another tab is named, with its tab, in the banner the editor sees."""

import pytest
from playwright.sync_api import expect

from articles.models import ArticlePage
from authors.models import Author
from newsletters.models import Newsletter
from testkit import builders

from .admin import choose_author, open_editor, press_publish, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def editor(browser, live_server, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    page = signed_in_page(browser, live_server, boss)
    yield page
    page.context.close()


@pytest.fixture
def section(live_server):
    builders.make_author(name="Olha Bondar")
    return builders.make_section(builders.make_home(), title="World")


def write_article(editor, live_server, section, headline):
    open_editor(editor, f"{live_server.url}/admin/pages/add/articles/articlepage/{section.pk}/")
    editor.locator("#id_title").press_sequentially(headline)
    editor.locator("#id_standfirst").fill("The line reopened on Tuesday.")
    choose_author(editor, "Olha Bondar")


def test_the_headline_fills_the_slug_and_publish_needs_nothing_more(editor, live_server, section):
    write_article(editor, live_server, section, "Night trains resume after 20 years")
    editor.get_by_role("tab", name="Promote").click()
    expect(editor.get_by_role("textbox", name="Slug")).to_have_value(
        "night-trains-resume-after-20-years"
    )
    press_publish(editor)
    expect(editor.locator(".messages")).to_contain_text("published")
    article = ArticlePage.objects.get()
    assert article.live and article.url == f"{section.url}night-trains-resume-after-20-years/"


def test_author_and_newsletter_names_fill_their_slugs(editor, live_server):
    open_editor(editor, f"{live_server.url}/admin/snippets/authors/author/add/")
    editor.locator("#id_name").press_sequentially("Olha Bondar-Kravets")
    expect(editor.locator("#id_slug")).to_have_value("olha-bondar-kravets")
    press_publish(editor)
    expect(editor.locator(".messages")).to_contain_text("Olha Bondar-Kravets")
    assert Author.objects.get(slug="olha-bondar-kravets").live

    open_editor(editor, f"{live_server.url}/admin/snippets/newsletters/newsletter/add/")
    editor.locator("#id_name").press_sequentially("Explaining Ukraine")
    expect(editor.locator("#id_slug")).to_have_value("explaining-ukraine")
    editor.get_by_role("button", name="Save").click()
    expect(editor.locator(".messages")).to_contain_text("Explaining Ukraine")
    assert Newsletter.objects.filter(slug="explaining-ukraine").exists()


def test_an_error_on_another_tab_is_named_in_the_banner(editor, live_server, section):
    builders.make_article(section, authors=[builders.make_author()], title="Night trains resume")
    ArticlePage.objects.update(slug="night-trains-resume")
    write_article(editor, live_server, section, "Night trains resume")
    press_publish(editor)

    # Still on the Content tab: the banner says what is wrong, and where.
    expect(editor.get_by_role("tab", name="Content")).to_have_attribute("aria-selected", "true")
    summary = editor.locator(".messages .error-summary")
    expect(summary).to_have_text(
        "Slug (Promote tab): The slug 'night-trains-resume' is already in use within the "
        "parent page."
    )
    summary.get_by_role("link", name="Slug (Promote tab)").click()
    expect(editor.get_by_role("tab", name="Promote")).to_have_attribute("aria-selected", "true")
    expect(editor.get_by_role("textbox", name="Slug")).to_be_focused()
    assert ArticlePage.objects.count() == 1
