# ruff: noqa: RUF001 - typographic quotes and dashes are what these tests are about
"""An editor in the Wagtail admin, in a real browser: the page chooser with a pasted headline,
"Add … at the top" of Editors' Picks, multi-word tags, and a date picker in the newsroom's
format."""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import ArticleCorrection, ArticlePage
from picks.models import EDITORS_PICKS, CuratedItem, CuratedList
from testkit import builders

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# MASTHEAD_E2E_SHOTS=/some/folder: screenshots of each step, at a phone's and a desktop's
# width, for a person to look at.
SHOTS = os.environ.get("MASTHEAD_E2E_SHOTS")


def shoot(page, name):
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=Path(SHOTS) / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def editor(page, live_server, django_user_model):
    """The browser, signed in to the admin as a superuser."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    return page


@pytest.fixture
def newsroom(live_server):
    home = builders.make_home()
    section = builders.make_section(home, title="Region")
    author = builders.make_author(name="Olha Bondar")
    return section, author


def publish(page):
    """The editor's "Publish" (in the menu beside "Save draft")."""
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("published")


def choose_in_chooser(page, query, title):
    """In the open page chooser: type ``query`` and pick ``title`` from the results."""
    modal = page.locator(".modal-dialog")
    modal.get_by_role("textbox", name="Search term").fill(query)
    # The search's own results (the modal opens on a browsable list of pages).
    expect(modal).to_contain_text("There is 1 match")
    result = modal.locator("a.choose-page", has_text=title)
    expect(result).to_have_count(1)
    return result


def test_the_page_chooser_finds_a_headline_pasted_with_typographic_quotes(
    editor, live_server, newsroom
):
    section, author = newsroom
    target = builders.make_article(section, authors=[author], title="Dam's repairs - begin")
    article = builders.make_article(section, authors=[author], title="Lake kept low")
    editor.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    editor.get_by_role("button", name="Add Related article").click()
    editor.locator("#id_related_choices-FORMS").get_by_role("button", name="Choose a page").click()
    result = choose_in_chooser(editor, "Dam’s repairs — begin", "Dam's repairs - begin")
    shoot(editor, "chooser-curly-query")
    result.click()
    expect(editor.locator("#id_related_choices-FORMS")).to_contain_text("Dam's repairs - begin")
    publish(editor)
    assert [c.article_id for c in ArticlePage.objects.get(pk=article.pk).related_choices.all()] == [
        target.pk
    ]


def test_a_new_pick_goes_to_the_top_in_one_click(editor, live_server, newsroom):
    section, author = newsroom
    now = timezone.now()
    listed = [
        builders.make_article(
            section, authors=[author], title=f"Pick {n}", published_at=now - timedelta(hours=n)
        )
        for n in range(1, 6)
    ]
    builders.make_article(section, authors=[author], title="Breaking: bridge reopens")
    picks = CuratedList.objects.get(slug=EDITORS_PICKS)
    CuratedItem.objects.filter(curated_list=picks).delete()
    for n, article in enumerate(listed):
        CuratedItem.objects.create(curated_list=picks, article=article, sort_order=n)

    editor.goto(f"{live_server.url}/admin/snippets/picks/curatedlist/edit/{picks.pk}/")
    editor.get_by_role("button", name="Add article at the top").click()
    items = editor.locator("#id_items-FORMS > [data-inline-panel-child]:not(.deleted)")
    expect(items).to_have_count(6)
    first = items.first
    expect(first.get_by_role("button", name="Move up")).to_be_disabled()
    first.get_by_role("button", name="Choose a page").click()
    choose_in_chooser(editor, "bridge reopens", "Breaking: bridge reopens").click()
    expect(first).to_contain_text("Breaking: bridge reopens")
    expect(items.nth(1).get_by_role("button", name="Move up")).to_be_enabled()
    shoot(editor, "picks-added-at-top")
    editor.get_by_role("button", name="Save").first.click()
    expect(editor.locator(".messages")).to_contain_text("updated")

    items = CuratedItem.objects.filter(curated_list=picks).order_by("sort_order")
    titles = [item.article.title for item in items]
    assert titles == ["Breaking: bridge reopens", *(a.title for a in listed)]
    # Readers see it first in the Editors' Picks beside every article.
    editor.goto(live_server.url + listed[4].url)
    rail = editor.locator(".editors-picks, [aria-labelledby*=pick]").first
    expect(rail.locator("a").first).to_have_text("Breaking: bridge reopens")


def test_multi_word_tags_read_without_quotes(editor, live_server, newsroom):
    section, author = newsroom
    article = builders.make_article(section, authors=[author], tags=["Left Bank", "Rail"])
    editor.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    chips = editor.locator("#id_tags + ul .tagit-label")
    expect(chips).to_have_text(["Left Bank", "Rail"])
    new_tag = editor.locator("#id_tags + ul input[type=text]")
    new_tag.click()
    new_tag.type("Black Sea")
    new_tag.press("Enter")
    new_tag.type('"Kestra Dam"')  # quoted, as Wagtail's help text used to ask
    new_tag.press("Enter")
    expect(chips).to_have_text(["Left Bank", "Rail", "Black Sea", "Kestra Dam"])
    editor.locator("#id_tags + ul").scroll_into_view_if_needed()
    shoot(editor, "tag-box")
    publish(editor)

    names = sorted(tag.name for tag in ArticlePage.objects.get(pk=article.pk).tags.all())
    assert names == ["Black Sea", "Kestra Dam", "Left Bank", "Rail"]
    editor.goto(live_server.url + article.url)
    expect(editor.locator("ul.tags a")).to_have_text(
        ["Black Sea", "Kestra Dam", "Left Bank", "Rail"]
    )


def test_the_date_picker_writes_and_saves_the_newsroom_format(editor, live_server, newsroom):
    section, author = newsroom
    article = builders.make_article(section, authors=[author], title="Bridge opened in 1962")
    editor.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    editor.get_by_role("button", name="Add Correction").click()
    when = editor.locator("#id_corrections-0-corrected_at")
    # Filled with now, in the newsroom's words.
    expect(when).to_have_value(re.compile(r"^[A-Z][a-z]+ \d\d, \d{4} \d\d:\d\d [AP]M$"))
    time_of_day = when.input_value().split(", ")[1][5:]  # "09:05 AM"
    when.click()
    picker = editor.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_have_count(1)
    picker.locator(".xdsoft_date:not(.xdsoft_other_month)[data-date='15']").click()
    now = timezone.localtime()
    expected = f"{now:%B} 15, {now.year} {time_of_day}"
    expect(when).to_have_value(expected)
    shoot(editor, "date-picker")
    editor.locator("#id_corrections-0-note").fill("An earlier version misstated the year.")
    publish(editor)

    corrected = timezone.localtime(ArticleCorrection.objects.get(page=article).corrected_at)
    assert f"{corrected:%B %d, %Y %I:%M %p}" == expected  # in the newsroom's time zone
    editor.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    expect(when).to_have_value(expected)


def test_the_narration_admin_says_which_voice_and_links_the_licence_guide(
    editor, live_server, settings
):
    settings.MASTHEAD_NARRATION = {**settings.MASTHEAD_NARRATION, "VOICE": None}
    editor.goto(f"{live_server.url}/admin/narration/")
    voice = editor.get_by_role("region", name="The voice")
    expect(voice).to_contain_text("Articles are read by “joe”")
    expect(voice).to_contain_text("Not cleared for commercial use.")
    shoot(editor, "narration-admin")
    voice.get_by_role("link", name=re.compile("Read the narration guide")).click()
    heading = editor.get_by_role("heading", name="Licences — the operator's to know")
    expect(heading).to_be_in_viewport()
    shoot(editor, "narration-guide")
