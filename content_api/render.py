"""A body as Ghost's Content API gives it: HTML without the page around it, plaintext, and
what a reader without access gets of a gated article.

Blocks render with their own templates (``components/blocks/``), but for the ones that are
page furniture (newsletter sign-up, support appeal) or a marker. URLs inside are made
absolute, as Ghost's are. A gated article gives what Ghost gives a visitor: the body up to its
paywall card ("Preview ends here") if it has one, else nothing (Ghost's ``post-gating``).
"""

import html
import re

from django.template import engines
from django.utils.html import strip_tags

from articles.blocks import PREVIEW_END, split_preview

FURNITURE = frozenset({"newsletter_signup", "support", PREVIEW_END})
_TEMPLATE = (
    "{% load wagtailcore_tags %}{% for block in blocks %}{% include_block block %}{% endfor %}"
)
_RELATIVE = re.compile(r'(\s(?:src|href|poster)=")/(?!/)')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)"')


def _absolute(markup, root):
    markup = _RELATIVE.sub(lambda m: f"{m.group(1)}{root}/", markup)

    def srcset(match):
        parts = []
        for candidate in match.group(2).split(","):
            candidate = candidate.strip()
            if candidate.startswith("/") and not candidate.startswith("//"):
                candidate = root + candidate
            parts.append(candidate)
        return f'{match.group(1)}{", ".join(parts)}"'

    return _SRCSET.sub(srcset, markup)


def blocks_html(blocks, *, request, root):
    shown = [block for block in blocks if block.block_type not in FURNITURE]
    if not shown:
        return ""
    template = engines["django"].from_string(_TEMPLATE)
    return _absolute(template.render({"blocks": shown}, request).strip(), root)


def plaintext(markup):
    """The words of HTML, a blank line between its paragraphs and headings."""
    spaced = re.sub(r"</(p|h[1-6]|li|blockquote|figcaption|figure|div)>", "\n\n", markup)
    text = html.unescape(strip_tags(spaced))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def body_for_visitor(body, *, gated):
    """The body's blocks a visitor without an account reads: all of an open article; of a
    gated one, those before its "Preview ends here" block, or none without one."""
    if not gated:
        return list(body)
    if not any(block.block_type == PREVIEW_END for block in body):
        return []
    preview, _rest = split_preview(body)
    return preview
