import datetime as dt

import pytest

from core.templatetags.newsroom_tags import byline, json_ld, newsroom_time


class FakeAuthor:
    def __init__(self, name, live=True):
        self.name, self.live, self.slug = name, live, name.lower().replace(" ", "-")

    def get_absolute_url(self):
        return f"/author/{self.slug}/"


class Credit:
    def __init__(self, name, live=True):
        self.author = FakeAuthor(name, live)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Ann"], "Ann"),
        (["Ann", "Bo"], "Ann and Bo"),
        (["Ann", "Bo", "Cy"], "Ann, Bo and Cy"),
        (["Ann", "Bo", "Cy", "Di"], "Ann, Bo, Cy and Di"),
    ],
)
def test_byline_joins_names_like_a_newspaper(names, expected):
    html = byline([Credit(name) for name in names])
    text = html
    for name in names:
        text = text.replace(f'<a href="/author/{name.lower()}/" rel="author">{name}</a>', name)
    assert text == expected


def test_byline_escapes_names():
    assert "<script>" not in byline([Credit("<script>x</script>")])


def test_newsroom_time_in_kyiv_summer_and_winter(settings):
    settings.TIME_ZONE = "Europe/Kyiv"
    summer = newsroom_time(dt.datetime(2024, 10, 15, 15, 11, tzinfo=dt.UTC))
    winter = newsroom_time(dt.datetime(2024, 12, 1, 7, 5, tzinfo=dt.UTC))
    assert summer == '<time datetime="2024-10-15T18:11:00+03:00">October 15, 2024 6:11 PM</time>'
    assert winter == '<time datetime="2024-12-01T09:05:00+02:00">December 1, 2024 9:05 AM</time>'


def test_json_ld_escapes_markup():
    assert json_ld({"a": "</script>&"}) == '{"a": "\\u003C/script\\u003E\\u0026"}'
