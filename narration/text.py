"""What the voice reads, in reading order, and the hash that says whether it changed.

Headline, standfirst, byline, then the body's paragraphs, subheadings, quotes (with their
attribution) and toggles (heading, then text). Captions, credits, teasers, link cards, embeds,
imported HTML and editor's notes are left out: they are not part of the story as told. Each
piece goes through the editors' pronunciation lexicon, then the normaliser; the hash is of that
final text, so only a change a listener would hear (or a lexicon entry that now applies, at the
next publish) causes a new narration.
"""

import hashlib
import html
import re

from django.utils.html import strip_tags

from core.text import names_sentence

from .normalise import normalise


def article_paragraphs(article):
    """The article as plain paragraphs a listener hears, before normalisation."""
    paragraphs = [article.title, article.standfirst]
    credits = sorted(article.article_authors.all(), key=lambda credit: credit.sort_order)
    if credits:
        paragraphs.append(f"By {names_sentence(credit.author.name for credit in credits)}.")
    for block in article.body:
        if block.block_type == "paragraph":
            paragraphs.extend(_html_paragraphs(block.value.source))
        elif block.block_type == "subheading":
            paragraphs.append(block.value)
        elif block.block_type == "quote":
            quote = block.value["quote"].strip()
            attribution = (block.value["attribution"] or "").strip()
            paragraphs.append(f"{quote} — {attribution}" if attribution else quote)
        elif block.block_type == "toggle":
            paragraphs.append(block.value["heading"])
            paragraphs.extend(_html_paragraphs(block.value["text"].source))
    return [_sentence(p) for p in paragraphs if p and p.strip()]


def spoken_paragraphs(article, *, lexicon=None):
    """The paragraphs as the voice says them: lexicon first, then the normaliser."""
    apply_lexicon = lexicon if lexicon is not None else load_lexicon()
    return [normalise(apply_lexicon(paragraph)) for paragraph in article_paragraphs(article)]


def text_hash(paragraphs):
    return hashlib.sha256("\n".join(paragraphs).encode()).hexdigest()


def load_lexicon():
    """A function applying every ``LexiconEntry`` (whole words, any case) in one pass."""
    from .models import LexiconEntry

    entries = {e.word.lower(): e.say_as for e in LexiconEntry.objects.all()}
    return compile_lexicon(entries)


def compile_lexicon(entries):
    if not entries:
        return lambda text: text
    words = sorted(entries, key=len, reverse=True)
    pattern = re.compile(
        r"(?<!\w)(?:{})(?!\w)".format("|".join(re.escape(w) for w in words)), re.IGNORECASE
    )
    return lambda text: pattern.sub(lambda m: entries[m[0].lower()], text)


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+")  # noqa: RUF001 (the character is the point)
MAX_WORDS = 60


def sentences(paragraph):
    """A paragraph in sentences of at most MAX_WORDS words, so synthesis memory stays small."""
    for sentence in _SENTENCE_END.split(paragraph):
        words = sentence.split()
        while len(words) > MAX_WORDS:
            # Cut a run-on sentence after the last comma in range, or at the limit.
            cut = max(
                (i + 1 for i, w in enumerate(words[:MAX_WORDS]) if w.endswith((",", ";", ":"))),
                default=MAX_WORDS,
            )
            yield " ".join(words[:cut])
            words = words[cut:]
        if words:
            yield " ".join(words)


def _html_paragraphs(markup):
    # Each <p> or <li> is its own paragraph, so list items are not run together.
    for piece in re.split(r"</(?:p|li|h\d)>", markup):
        text = html.unescape(strip_tags(piece.replace("<", " <"))).strip()
        if text:
            yield " ".join(text.split())


def _sentence(text):
    # A heading or headline without a full stop would run into the next sentence.
    text = " ".join(text.split())
    return text if text[-1] in ".!?…\"'”’" else text + "."  # noqa: RUF001 (the character is the point)
