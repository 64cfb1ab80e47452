import re

import pytest

from articles.summary import article_summary
from search.excerpts import body_text, excerpt, highlight, snippet, words_pattern
from search.query import MAX_QUERY_LENGTH, clean_query, query_terms


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("  grain   exports ", "grain exports"),
        ("grain\x00exports", "grain exports"),
        ("tab\there\nnewline", "tab here newline"),
        ("\uff47\uff52\uff41\uff49\uff4e", "grain"),  # full-width letters, as some IMEs type
        ("", ""),
    ],
)
def test_clean_query(raw, cleaned):
    assert clean_query(raw) == cleaned


def test_clean_query_caps_the_length():
    assert clean_query("x" * 10_000) == "x" * MAX_QUERY_LENGTH


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ('"grain exports"', ["grain", "exports"]),
        ("' OR 1=1 --", ["OR", "1", "1"]),
        ("NEAR(a b)*", ["NEAR", "a", "b"]),
        ("Київ 🙂 café", ["Київ", "café"]),
        ("% * \" '", []),
    ],
)
def test_query_terms_are_letters_and_digits_only(query, terms):
    assert query_terms(query) == terms


def test_highlight_marks_words_starting_with_a_term_and_escapes_everything_else():
    pattern = words_pattern(["elect", "grain"])
    assert str(highlight("<b>Elections</b> & grain, not selection", pattern)) == (
        "&lt;b&gt;<mark>Elections</mark>&lt;/b&gt; &amp; <mark>grain</mark>, not selection"
    )


def test_highlight_escapes_a_term_that_looks_like_markup():
    assert str(highlight("a <mark> b", words_pattern(["mark"]))) == "a &lt;<mark>mark</mark>&gt; b"


def test_body_text_reads_paragraphs_subheadings_quotes_and_notes_but_not_captions():
    raw = [
        {"type": "paragraph", "value": "<p>One&amp;two</p><p>three</p>"},
        {"type": "image", "value": {"image": 1, "caption": "caption words"}},
        {"type": "subheading", "value": "Sub"},
        {"type": "quote", "value": {"quote": "Said", "attribution": "Someone"}},
        {"type": "related_article", "value": {"article": 5}},
        {"type": "editors_note", "value": {"kind": "note", "text": "<p>Note</p>"}},
    ]
    assert body_text(raw) == "One&two three Sub Said Someone Note"


def test_body_text_reads_toggles_and_imported_html_but_not_link_cards():
    raw = [
        {"type": "toggle", "value": {"heading": "Method", "text": "<p>By boat</p>"}},
        {"type": "link_card", "value": {"url": "https://example.org/", "title": "Elsewhere"}},
        {"type": "html", "value": "<table><tr><td>Turnout</td></tr></table>"},
    ]
    assert body_text(raw) == "Method By boat Turnout"


def test_snippet_cuts_at_word_boundaries_with_ellipses():
    text = " ".join(f"w{i}" for i in range(200))
    match = re.search(r"\bw100\b", text)
    cut = snippet(text, match)
    assert cut.startswith("…w") and cut.endswith("…")
    assert "w100" in cut and len(cut) < 300
    assert all(re.fullmatch(r"w\d+", word) for word in cut.strip("…").split())


class Article:
    def __init__(self, standfirst, paragraphs=(), search_description=""):
        self.standfirst = standfirst
        self.search_description = search_description

        class Body:
            raw_data = [{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs]

        self.body = Body()

    summary = property(article_summary)

    def effective_access(self):
        return "public"


def test_excerpt_prefers_a_matching_standfirst():
    article = Article("Grain prices rise.", ["The grain harvest was late."])
    assert str(excerpt(article=article, terms=["grain"])) == "<mark>Grain</mark> prices rise."


def test_excerpt_shows_the_body_around_the_first_match():
    article = Article("Prices rise.", ["Farmers &lt;say&gt; the harvest was late."])
    assert str(excerpt(article=article, terms=["harvest"])) == (
        "Farmers &lt;say&gt; the <mark>harvest</mark> was late."
    )


def test_excerpt_falls_back_to_the_standfirst():
    article = Article("Prices & wages.", ["Nothing here."])
    assert str(excerpt(article=article, terms=["bondar"])) == "Prices &amp; wages."


def test_excerpt_of_an_article_without_a_standfirst_is_its_first_paragraph():
    article = Article("", ["Farmers &amp; millers met on Tuesday.", "The harvest was late."])
    # The match is elsewhere (a tag, an author): the start of the story, never an empty line.
    assert (
        str(excerpt(article=article, terms=["bondar"])) == "Farmers &amp; millers met on Tuesday."
    )
    article = Article("", ["Farmers met."], search_description="Millers & farmers meet.")
    assert (
        str(excerpt(article=article, terms=["millers"]))
        == "<mark>Millers</mark> &amp; farmers meet."
    )
