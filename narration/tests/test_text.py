import pytest

from narration.text import article_paragraphs, compile_lexicon, sentences, spoken_paragraphs
from testkit import builders

pytestmark = pytest.mark.django_db


def block(kind, value):
    return {"type": kind, "value": value}


@pytest.fixture
def article(section, author):
    image = builders.make_image()
    teased = builders.make_article(section, authors=[author], title="Teased headline")
    second = builders.make_author(name="Ivan Petrenko")
    return builders.make_article(
        section,
        authors=[author, second],
        title="Rail line reopens",
        standfirst="Trains run again after 14 months",
        caption="A caption nobody hears",
        credit="Photographer/Agency",
        lead_image=image,
        body=[
            block(
                "paragraph",
                "<p>The first train left at 6:11 PM.</p><ul><li>One</li><li>Two</li></ul>",
            ),
            block("image", {"image": image.pk, "caption": "Body caption", "credit": "Credit"}),
            block("subheading", "What comes next"),
            block(
                "quote", {"quote": "We waited so long.", "attribution": "Olena Marchenko, driver"}
            ),
            block("related_article", {"article": teased.pk}),
            block(
                "editors_note", {"kind": "correction", "text": "<p>An earlier version erred.</p>"}
            ),
            block("paragraph", "<p>Repairs cost &euro;2.5 million.</p>"),
        ],
    )


def test_spoken_text_in_reading_order_without_captions_teasers_or_notes(article):
    assert article_paragraphs(article) == [
        "Rail line reopens.",
        "Trains run again after 14 months.",
        "By Olha Bondar and Ivan Petrenko.",
        "The first train left at 6:11 PM.",
        "One.",
        "Two.",
        "What comes next.",
        "We waited so long. — Olena Marchenko, driver.",
        "Repairs cost €2.5 million.",
    ]


def test_spoken_paragraphs_are_normalised_after_the_lexicon(article):
    lexicon = compile_lexicon({"marchenko": "mar CHEN ko"})
    spoken = spoken_paragraphs(article, lexicon=lexicon)
    assert spoken[1] == "Trains run again after fourteen months."
    assert spoken[3] == "The first train left at six eleven p m."
    assert spoken[7] == "We waited so long. — Olena mar CHEN ko, driver."
    assert spoken[8] == "Repairs cost two point five million euros."


def test_lexicon_is_whole_word_and_case_insensitive():
    apply = compile_lexicon({"kyiv": "keev", "nato": "nay toe"})
    assert apply("KYIV and Kyivan, Nato.") == "keev and Kyivan, nay toe."


def test_long_sentences_are_cut_for_synthesis():
    run_on = " ".join(["word"] * 70) + ", " + " ".join(["more"] * 70)
    pieces = list(sentences(f"Short one. {run_on}. Last!"))
    assert pieces[0] == "Short one."
    assert pieces[-1] == "Last!"
    assert all(len(piece.split()) <= 60 for piece in pieces)
    assert " ".join(pieces).split() == f"Short one. {run_on}. Last!".split()


def test_an_article_without_a_standfirst_is_read_from_its_headline_to_its_body(section, author):
    article = builders.make_article(
        section,
        authors=[author],
        title="Dam repairs begin",
        standfirst="",
        body=[block("paragraph", "<p>Divers found cracks in two gates.</p>")],
    )
    article.search_description = "For search engines only."
    # Nothing stands in for the standfirst: the first paragraph is heard once, in its place.
    assert article_paragraphs(article) == [
        "Dam repairs begin.",
        "By Olha Bondar.",
        "Divers found cracks in two gates.",
    ]


def test_a_toggle_is_heard_and_link_cards_and_imported_html_are_not(section, author):
    article = builders.make_article(
        section,
        authors=[author],
        title="Dam opens",
        standfirst="",
        body=[
            block("toggle", {"heading": "How we reported this", "text": "<p>By boat.</p>"}),
            block("link_card", {"url": "https://example.org/", "title": "Elsewhere"}),
            block("html", "<table><tr><td>Turnout 61%</td></tr></table>"),
        ],
    )
    assert article_paragraphs(article)[-2:] == ["How we reported this.", "By boat."]
