import pytest

from articles.blocks import ArticleBodyBlock, read_text
from articles.reading_time import count_words, reading_minutes


@pytest.mark.parametrize(
    ("words", "minutes"),
    [(0, 1), (1, 1), (230, 1), (231, 2), (460, 2), (461, 3), (540, 3), (690, 3), (691, 4)],
)
def test_minutes_round_up_and_are_at_least_one(words, minutes, settings):
    settings.MASTHEAD_WORDS_PER_MINUTE = 230
    assert reading_minutes(words) == minutes


def test_words_per_minute_is_a_setting(settings):
    settings.MASTHEAD_WORDS_PER_MINUTE = 100
    assert reading_minutes(520) == 6


def test_word_count_keeps_contractions_and_numbers_whole():
    assert count_words("Kyiv's 10,000 re-elected officials won't", "ok.") == 6


def test_only_text_a_reader_reads_is_counted():
    body = ArticleBodyBlock().to_python(
        [
            {"type": "paragraph", "value": "<p>one two</p><p>three</p>"},
            {"type": "subheading", "value": "four five"},
            {"type": "quote", "value": {"quote": "six seven", "attribution": "eight"}},
            {"type": "image", "value": {"image": None, "caption": "not me", "credit": "nor me"}},
            {"type": "embed", "value": "https://example.org/video"},
            {"type": "related_article", "value": {"article": None}},
            {"type": "editors_note", "value": {"kind": "note", "text": "<p>nine</p>"}},
        ]
    )
    assert count_words(*read_text(body)) == 9
