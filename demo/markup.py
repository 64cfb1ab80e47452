"""A tiny plain-text format for demo article bodies, turned into ArticleBodyBlock stream data.

Blocks are separated by blank lines; lines inside a block are joined with spaces.

    Plain text                        a paragraph
    ## Heading                        a subheading
    > Quoted words                    a quote; a last line starting "-- " is the attribution
    [teaser: article-slug]            a related-article teaser
    [image: caption | credit]         an illustration drawn for the body
    [note: text] / [correction: text] an editor's note or a correction
"""

import html
import re

_DIRECTIVE = re.compile(r"^\[(teaser|image|note|correction):\s*(.*)\]$", re.DOTALL)


def _join(text):
    return " ".join(text.split())


def _rich(text):
    return f"<p>{html.escape(_join(text), quote=False)}</p>"


def _quote(chunk):
    lines = [line.strip() for line in chunk.splitlines()]
    attribution = lines.pop()[3:] if lines[-1].startswith("-- ") else ""
    return {
        "quote": _join(" ".join(line.lstrip("> ") for line in lines)),
        "attribution": attribution,
    }


def _directive(kind, arg, *, teaser_id, image_block):
    if kind == "teaser":
        return "related_article", {"article": teaser_id(arg.strip())}
    if kind == "image":
        caption, _, credit = (_join(part) for part in arg.partition("|"))
        return "image", image_block(caption, credit)
    return "editors_note", {"kind": kind, "text": _rich(arg)}


def parse_chunk(chunk, *, teaser_id, image_block):
    """One block as (block_type, value)."""
    if chunk.startswith("## "):
        return "subheading", _join(chunk[3:])
    if chunk.startswith(">"):
        return "quote", _quote(chunk)
    directive = _DIRECTIVE.match(chunk)
    if directive:
        return _directive(*directive.groups(), teaser_id=teaser_id, image_block=image_block)
    return "paragraph", _rich(chunk)


def to_stream(text, *, teaser_id, image_block):
    """The body as raw StreamField data: a list of {"type": ..., "value": ...} dicts.

    ``teaser_id(slug)`` gives the page id of a teased article; ``image_block(caption, credit)``
    gives the value of an image block (it draws and saves the image).
    """
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", text.strip())]
    return [
        {"type": block_type, "value": value}
        for block_type, value in (
            parse_chunk(chunk, teaser_id=teaser_id, image_block=image_block) for chunk in chunks
        )
    ]
