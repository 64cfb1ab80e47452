"""The admin writes dates as the site does: "December 3, 2026 11:16 AM", never "12/03/2026"."""

import json
import re
from datetime import datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from core.templatetags.newsroom_tags import newsroom_time
from newsfeed.models import NewsFeedItem
from newsfeed.services import news_item_publish
from testkit import builders

KYIV = ZoneInfo("Europe/Kyiv")
MOMENT = datetime(2026, 12, 3, 11, 16, tzinfo=KYIV)
SITE = "December 3, 2026 11:16 AM"


@pytest.fixture(autouse=True)
def kyiv(settings):
    settings.TIME_ZONE = "Europe/Kyiv"


def test_the_site_says_it_this_way():
    assert re.search(r">(.*)</time>", newsroom_time(MOMENT)).group(1) == SITE


def test_admin_listing_tooltips_read_like_the_site(admin_client, db):
    item = news_item_publish(headline="Ferry timetable changes", summary="Winter sailings.")
    NewsFeedItem.objects.filter(pk=item.pk).update(first_published_at=MOMENT)
    html = unescape(admin_client.get("/admin/snippets/live/newsfeeditem/").content.decode())
    # Wagtail's "Time" column: "… ago", with the full date on hover.
    assert f'data-w-tooltip-content-value="{SITE}"' in html
    assert "12/03/2026" not in html and "Dec. 3, 2026" not in html


def test_narration_admin_reads_like_the_site(admin_client, section, author):
    from narration.models import Narration

    article = builders.make_article(section, authors=[author], title="Rail line reopens")
    narration = Narration.objects.create(article=article, text_hash="x")
    Narration.objects.filter(pk=narration.pk).update(updated_at=MOMENT)
    html = admin_client.get("/admin/narration/").content.decode()
    assert f"<td>{SITE}</td>" in html
    assert "12/03/2026" not in html


def test_article_status_panel_reads_like_the_site(admin_client, section, author):
    article = builders.make_article(section, authors=[author], published_at=MOMENT)
    html = unescape(admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode())
    assert f'data-w-tooltip-content-value="{SITE}"' in html  # "First published … ago"


def test_date_pickers_show_and_read_back_the_newsroom_format(admin_client, section, author):
    from articles.models import ArticleCorrection

    article = builders.make_article(section, authors=[author])
    ArticleCorrection.objects.create(page=article, corrected_at=MOMENT, note="A wrong year.")
    html = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    field = re.search(r'<input[^>]*name="corrections-0-corrected_at"[^>]*>', html).group(0)
    assert 'value="December 03, 2026 11:16 AM"' in field
    # The picker (jQuery datetimepicker) is told the same format, in its own notation.
    script = r'initDateTimeChooser\("id_corrections\\u002D0\\u002Dcorrected_at", (\{.*?\})\);'
    config = json.loads(re.search(script, html).group(1))
    assert config["format"] == "F d, Y h:i A" and config["formatTime"] == "h:i A"


@pytest.mark.parametrize(
    "typed", ["December 03, 2026 11:16 AM", "december 3, 2026 11:16 am", "2026-12-03 11:16"]
)
def test_a_date_the_picker_writes_or_an_editor_types_is_read_in_newsroom_time(typed):
    from django import forms

    # The form field behind every admin date picker (a correction's date, "Go live at").
    assert timezone.localtime(forms.DateTimeField().clean(typed), KYIV) == MOMENT


def test_an_ambiguous_date_is_refused_rather_than_guessed():
    from django import forms

    with pytest.raises(forms.ValidationError):
        forms.DateTimeField().clean("03/12/2026 11:16")
