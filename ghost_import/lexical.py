"""PLACEHOLDER: the real body conversion (every Lexical card) replaces this file on merge.

Paragraphs and headings only, with the interface the importer relies on.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ImageRef:
    key: str
    src: str
    alt: str = ""
    caption: str = ""
    credit: str = ""


@dataclass
class Conversion:
    blocks: list[dict] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)
    unconverted: list[str] = field(default_factory=list)
    preview_end: bool = False

    def body(self, image_ids: dict[str, int | None]) -> list[dict]:
        return [dict(block) for block in self.blocks]


def _text(children):
    return "".join(
        html_lib.escape(child.get("text", "")) if child.get("type") in ("text", None) else ""
        for child in children or ()
    )


def convert_lexical(
    source, *, resolve_url: Callable[[str], str], find_page: Callable[[str], int | None]
) -> Conversion:
    if isinstance(source, str):
        source = json.loads(source) if source.strip() else {}
    conversion = Conversion()
    for node in (source or {}).get("root", {}).get("children", []):
        kind = node.get("type")
        if kind == "paragraph":
            text = _text(node.get("children"))
            if text:
                conversion.blocks.append({"type": "paragraph", "value": f"<p>{text}</p>"})
        elif kind in ("heading", "extended-heading"):
            conversion.blocks.append(
                {"type": "subheading", "value": html_lib.unescape(_text(node.get("children")))}
            )
        elif kind == "paywall":
            conversion.preview_end = True
            conversion.blocks.append({"type": "preview_end", "value": None})
        else:
            conversion.unconverted.append(kind or "unknown")
    return conversion


def convert_mobiledoc(source, *, resolve_url, find_page) -> Conversion:
    if isinstance(source, str):
        source = json.loads(source) if source.strip() else {}
    conversion = Conversion()
    markers_text = lambda markers: "".join(m[3] for m in markers if len(m) > 3)  # noqa: E731
    for section in (source or {}).get("sections", []):
        if section and section[0] == 1:
            text = html_lib.escape(markers_text(section[2]))
            if section[1] in ("h1", "h2", "h3", "h4", "h5", "h6"):
                conversion.blocks.append({"type": "subheading", "value": html_lib.unescape(text)})
            elif text:
                conversion.blocks.append({"type": "paragraph", "value": f"<p>{text}</p>"})
        elif section and section[0] == 10:
            conversion.unconverted.append("card")
    return conversion


def convert_html(html, *, resolve_url, find_page) -> Conversion:
    conversion = Conversion()
    for match in re.finditer(r"<(p|h[1-6])[^>]*>(.*?)</\1>", html or "", re.S):
        text = re.sub(r"<[^>]+>", "", match.group(2))
        if match.group(1) == "p":
            conversion.blocks.append({"type": "paragraph", "value": f"<p>{text}</p>"})
        else:
            conversion.blocks.append({"type": "subheading", "value": html_lib.unescape(text)})
    return conversion
