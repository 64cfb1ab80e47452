"""The excerpt under each search result, with the reader's words marked.

The article's summary (its standfirst, else its search description, else the start of its
first paragraph: articles/summary.py) when it contains a search word; otherwise a snippet of
the body around the first match; otherwise (the match was in the headline, a tag or an
author's name) the summary. Text is escaped piece by piece around each ``<mark>``, so
editors' text can never become markup.

The body searched for a snippet is the public preview alone when the article is not open to
everyone (``articles.blocks.preview_raw``): its whole body is indexed, so a reader may find a
members-only article by a word further in, but is never shown that text.
"""

import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from articles.access import Access
from articles.blocks import preview_raw

CONTEXT_BEFORE = 80  # characters of body shown before the first match
CONTEXT_AFTER = 160  # ... and after it


def words_pattern(terms):
    """Each term at the start of a word, and the rest of that word ("elect" marks "elections")."""
    if not terms:
        return None
    alternatives = "|".join(re.escape(term) for term in sorted(set(terms), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def highlight(text, pattern):
    """``text`` escaped, with every match of ``pattern`` in ``<mark>``."""
    if pattern is None:
        return escape(text)
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces += [
            escape(text[position : match.start()]),
            "<mark>",
            escape(match.group()),
            "</mark>",
        ]
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped above


def body_text(raw_blocks):
    """The words of a body a reader reads, from the raw stream.

    Reading the raw JSON rather than the StreamField's blocks means image and teaser blocks
    never load their images or pages: no queries per result.
    """
    texts = []
    for block in raw_blocks:
        kind, value = block.get("type"), block.get("value")
        if kind == "paragraph":
            texts.append(_html_text(value))
        elif kind == "subheading":
            texts.append(value)
        elif kind == "quote":
            texts += [value.get("quote", ""), value.get("attribution", "")]
        elif kind == "editors_note":
            texts.append(_html_text(value.get("text", "")))
        elif kind == "toggle":
            texts += [value.get("heading", ""), _html_text(value.get("text", ""))]
        elif kind == "html":
            texts.append(_html_text(value))
    return " ".join(" ".join(text.split()) for text in texts if text)


def _html_text(markup):
    return html.unescape(strip_tags((markup or "").replace("<", " <")))


def snippet(text, match):
    """Whole words around ``match``, with an ellipsis where the text was cut."""
    start = max(0, match.start() - CONTEXT_BEFORE)
    end = min(len(text), match.end() + CONTEXT_AFTER)
    if start > 0:
        space = text.find(" ", start, match.start())
        start = space + 1 if space != -1 else match.start()
    if end < len(text):
        space = text.rfind(" ", match.end(), end)
        end = space if space != -1 else end
    return f"{'…' if start > 0 else ''}{text[start:end]}{'…' if end < len(text) else ''}"


def excerpt(*, article, terms):
    pattern = words_pattern(terms)
    if pattern is None or pattern.search(article.summary):
        return highlight(article.summary, pattern)
    raw_blocks = article.body.raw_data
    if article.effective_access() != Access.PUBLIC:
        raw_blocks = preview_raw(raw_blocks)
    body = body_text(raw_blocks)
    match = pattern.search(body)
    if match is None:
        return highlight(article.summary, pattern)
    return highlight(snippet(body, match), pattern)
