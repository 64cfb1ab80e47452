"""An article's summary: what cards, feeds, search engines and emails show under its headline.

The standfirst when the editor wrote one (it is optional); else the search description
(Promote tab); else the start of the first paragraph of the body's public preview
(``blocks.preview_raw``), cut at a word boundary: a summary never quotes text that only
members may read, so every listing, feed, email and search engine may show it to anyone. Empty
only for an article with none of these, and then nothing is shown: no empty element.

The article page itself shows only a standfirst the editor wrote: a fallback there would
repeat the first paragraph just below it. Narration and the word count likewise use only the
standfirst, so the first paragraph is never read or counted twice.
"""

from .blocks import html_text, preview_raw

SUMMARY_LENGTH = 200  # characters of a first paragraph kept, at most (about 30 words)


def article_summary(article):
    return (
        " ".join(article.standfirst.split())
        or " ".join(article.search_description.split())
        or trim_at_word(first_paragraph(preview_raw(article.body.raw_data)), SUMMARY_LENGTH)
    )


def first_paragraph(raw_blocks):
    """The plain text of the body's first paragraph block, from the raw stream (no queries)."""
    for block in raw_blocks:
        if block.get("type") == "paragraph":
            text = " ".join(html_text(block.get("value") or "").split())
            if text:
                return text
    return ""


def trim_at_word(text, limit):
    """``text`` if it fits in ``limit`` characters, else its whole words that fit, and "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace():
        # Step back to the end of the last whole word; a single giant word is cut as it is.
        space = cut.rfind(" ")
        cut = cut[:space] if space > 0 else cut
    return cut.rstrip(" ,;:\u2013\u2014-") + "…"  # no dangling comma or dash
