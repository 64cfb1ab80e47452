"""A Ghost post's body (Lexical, mobiledoc from older exports, or only its HTML) as Masthead
article body blocks.

Pure: it reads the body and returns a ``Conversion`` (raw StreamField data plus the images it
needs), touching no database and fetching nothing. The caller hands in two functions, each
given a URL exactly as Ghost wrote it (``__GHOST_URL__/…``, relative or absolute):

- ``resolve_url(url)``: what it should become, a source to fetch for an image (an
  ``ImageRef.src``), the new address for a link, button, file or link card. An empty string
  means "nothing usable": the image, file or link is then reported or kept as plain text.
- ``find_page(url)``: the id of the imported ``ArticlePage`` it points at, or None. A bookmark
  to one becomes a related-article teaser, a link to one an internal page link.

Images are placeholders (``{"image": ImageRef.key}`` in image blocks and gallery items, one
key per resolved source) until the caller has made Wagtail images of them;
``Conversion.body(image_ids)`` then puts in their ids, leaving out the ones that failed.
``MalformedBody`` (a ValueError) says a body is not JSON of the shape Ghost writes.

Every card becomes the nearest body block. A card Masthead has no block for is kept as
sanitised HTML (or, for email-only cards, left out) and named in ``unconverted`` for the
import report: nothing is dropped silently. Rich text holds only what the paragraph block's
editor allows (bold, italic, links, lists); other text formats keep their text.
"""

import copy
import hashlib
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import markdown as markdown_lib
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from django.core.exceptions import ValidationError

from articles.blocks import validate_link_url
from articles.sanitise import sanitise_html

# Lexical's text format bits; only bold and italic have a rich-text feature here.
BOLD, ITALIC = 1, 2

ResolveUrl = Callable[[str], str]
FindPage = Callable[[str], int | None]


@dataclass(frozen=True)
class ImageRef:
    key: str
    src: str
    alt: str
    caption: str
    credit: str


@dataclass
class Conversion:
    blocks: list[dict] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)
    unconverted: list[str] = field(default_factory=list)
    preview_end: bool = False

    def body(self, image_ids: dict[str, int | None]) -> list[dict]:
        """The blocks with Wagtail image ids in place of keys; an image that could not be
        made (None, or missing) is left out, and so is a gallery with no image left."""
        result = []
        for block in self.blocks:
            kind, value = block["type"], copy.deepcopy(block["value"])
            if kind == "image":
                value["image"] = image_ids.get(value["image"])
                if value["image"] is None:
                    continue
            elif kind == "gallery":
                for item in value["images"]:
                    item["image"] = image_ids.get(item["image"])
                value["images"] = [item for item in value["images"] if item["image"] is not None]
                if not value["images"]:
                    continue
            result.append({"type": kind, "value": value})
        return result


class MalformedBody(ValueError):
    """The body is not Lexical (or mobiledoc) JSON of the shape Ghost writes."""


def convert_lexical(
    source: str | dict | None, *, resolve_url: ResolveUrl, find_page: FindPage
) -> Conversion:
    """Raises ``MalformedBody`` (a ValueError) for a body that is not Ghost's Lexical JSON."""
    document = _document(source, "Lexical")
    body = _Body(resolve_url, find_page)
    try:
        for node in (document.get("root") or {}).get("children") or []:
            body.node(node)
    except (AttributeError, IndexError, KeyError, TypeError) as error:
        raise MalformedBody(f"Lexical body of an unexpected shape: {error!r}") from error
    return body.conversion()


def convert_mobiledoc(
    source: str | dict | None, *, resolve_url: ResolveUrl, find_page: FindPage
) -> Conversion:
    """Raises ``MalformedBody`` (a ValueError) for a body that is not mobiledoc JSON."""
    document = _document(source, "mobiledoc")
    body = _Body(resolve_url, find_page)
    try:
        for node in _mobiledoc_nodes(document):
            body.node(node)
    except (AttributeError, IndexError, KeyError, TypeError, ValueError) as error:
        raise MalformedBody(f"mobiledoc body of an unexpected shape: {error!r}") from error
    return body.conversion()


def _document(source, name):
    if not source:
        return {}
    try:
        document = json.loads(source) if isinstance(source, str) else source
    except ValueError as error:
        raise MalformedBody(f"{name} body is not JSON: {error}") from error
    if not isinstance(document, dict):
        raise MalformedBody(f"{name} body is not a JSON object")
    return document


def convert_html(markup: str, *, resolve_url: ResolveUrl, find_page: FindPage) -> Conversion:
    body = _Body(resolve_url, find_page)
    body.html_blocks(markup or "")
    return body.conversion()


INLINE_TAGS = {
    "a", "abbr", "b", "br", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s",
    "small", "span", "strike", "strong", "sub", "sup", "u", "time", "img",
}  # fmt: skip
# Markup that sanitising takes out: named in the report when an HTML card had any.
REMOVED_TAGS = ["script", "style", "iframe", "form", "input", "object", "embed", "button"]


class _Body:
    def __init__(self, resolve_url, find_page):
        self.resolve_url = resolve_url
        self.find_page = find_page
        self.blocks = []
        self.images = {}
        self.unconverted = []
        self.preview_end = False

    def conversion(self):
        return Conversion(
            blocks=self.blocks,
            images=list(self.images.values()),
            unconverted=self.unconverted,
            preview_end=self.preview_end,
        )

    def add(self, kind, value):
        self.blocks.append({"type": kind, "value": value})

    # Lexical nodes -------------------------------------------------------------------------

    def node(self, node):
        if not isinstance(node, dict):
            raise TypeError(f"a node is {type(node).__name__}, not an object")
        kind = str(node.get("type") or "")
        handler = getattr(self, "card_" + kind.replace("-", "_"), None)
        if handler is not None:
            handler(node)
        elif node.get("html"):
            self.kept_html(node["html"], kind)
        elif node.get("children"):
            self.card_paragraph(node)
        else:
            self.unconverted.append(f"{kind or 'unknown'} (nothing to show, left out)")

    def card_paragraph(self, node):
        self.paragraph(self.inline(node.get("children") or []))

    def card_heading(self, node):
        self.subheading(_plain(self.inline(node.get("children") or [])))

    card_extended_heading = card_heading

    def card_quote(self, node):
        self.quote(_plain(self.inline(node.get("children") or [])))

    card_extended_quote = card_aside = card_quote

    def card_list(self, node):
        self.paragraph(self.lexical_list(node))

    def card_horizontalrule(self, node):
        self.add("divider", None)

    card_divider = card_horizontalrule

    def card_paywall(self, node):
        if not self.preview_end:
            self.preview_end = True
            self.add("preview_end", None)

    def card_image(self, node):
        caption, credit = _caption_and_credit(_plain(node.get("caption") or ""))
        key = self.image_ref(node.get("src"), alt=node.get("alt") or "", caption=caption)
        if key is None:
            self.missing_image(node.get("src"), caption)
            return
        self.add("image", {"image": key, "caption": caption, "credit": credit})
        if node.get("href"):
            self.unconverted.append(f"image link (to {node['href']}) not kept")

    def card_gallery(self, node):
        images = sorted(
            enumerate(node.get("images") or []),
            key=lambda pair: (pair[1].get("row") or 0, pair[0]),
        )
        items = []
        for _, image in images:
            caption = _plain(image.get("caption") or "")
            key = self.image_ref(image.get("src"), alt=image.get("alt") or "", caption=caption)
            if key is not None:
                items.append({"image": key, "caption": caption})
        caption = _plain(node.get("caption") or "")
        if items:
            self.add("gallery", {"images": items, "caption": caption})
        else:
            self.missing_image(None, caption)

    def card_bookmark(self, node):
        url = node.get("url") or ""
        metadata = node.get("metadata") or {}
        page_id = self.find_page(url) if url else None
        if page_id is not None:
            self.add("related_article", {"article": page_id})
        else:
            self.link_card(
                url,
                title=metadata.get("title") or "",
                description=metadata.get("description") or "",
                publisher=metadata.get("publisher") or metadata.get("author") or "",
                thumbnail=metadata.get("thumbnail") or "",
            )
        self.caption_paragraph(node.get("caption"))

    def card_embed(self, node):
        url = node.get("url") or ""
        if url and _embeddable(url):
            self.add("embed", url)
        elif node.get("html"):
            self.kept_html(node["html"], "embed")
        elif url:
            metadata = node.get("metadata") or {}
            self.link_card(
                url,
                title=metadata.get("title") or "",
                description="",
                publisher=metadata.get("provider_name") or "",
                thumbnail="",
            )
        self.caption_paragraph(node.get("caption"))

    def card_html(self, node):
        self.kept_html(node.get("html") or "", None)

    def card_markdown(self, node):
        rendered = markdown_lib.markdown(
            node.get("markdown") or "", extensions=["tables", "fenced_code", "sane_lists"]
        )
        self.html_blocks(rendered)

    def card_callout(self, node):
        text = self.richtext(node.get("calloutText") or "", lists=False)
        if _plain(text):
            self.add("editors_note", {"kind": "note", "text": text})

    def card_toggle(self, node):
        heading = _plain(node.get("heading") or "")
        text = self.richtext(node.get("content") or "")
        if heading or _plain(text):
            self.add("toggle", {"heading": heading or "More", "text": text})

    def card_button(self, node):
        self.button(node.get("buttonText") or "", node.get("buttonUrl") or "")

    def card_file(self, node):
        title = node.get("fileTitle") or node.get("fileName") or ""
        self.media_file("file", node.get("src"), title, _plain(node.get("fileCaption") or ""))

    def card_audio(self, node):
        self.media_file("audio", node.get("src"), node.get("title") or "", "")

    def card_video(self, node):
        self.media_file("video", node.get("src"), "", _plain(node.get("caption") or ""))

    def card_codeblock(self, node):
        code = f"<pre><code>{html.escape(node.get('code') or '')}</code></pre>"
        caption = _plain(node.get("caption") or "")
        if caption:
            code = f"<figure>{code}<figcaption>{html.escape(caption)}</figcaption></figure>"
        self.add("html", sanitise_html(code))

    def card_header(self, node):
        self.unconverted.append("header (its text and button kept, not its look)")
        self.subheading(_plain(node.get("header") or ""))
        self.paragraph_html(node.get("subheader") or "")
        if node.get("buttonEnabled"):
            self.button(node.get("buttonText") or "", node.get("buttonUrl") or "")

    def card_signup(self, node):
        self.unconverted.append("signup (no form imported: add a newsletter sign-up block)")

    def card_product(self, node):
        self.unconverted.append("product (image, title, text and button kept)")
        key = self.image_ref(node.get("productImageSrc"), alt="", caption="")
        if key is not None:
            self.add("image", {"image": key, "caption": "", "credit": ""})
        self.subheading(_plain(node.get("productTitle") or ""))
        self.paragraph_html(node.get("productDescription") or "")
        if node.get("productButtonEnabled"):
            self.button(node.get("productButton") or "", node.get("productUrl") or "")

    def card_call_to_action(self, node):
        self.unconverted.append("call-to-action (text, image and button kept)")
        if node.get("hasSponsorLabel"):
            # A sponsored message says so wherever it goes.
            self.paragraph_html(node.get("sponsorLabel") or "")
        key = self.image_ref(node.get("imageUrl"), alt="", caption="")
        if key is not None:
            self.add("image", {"image": key, "caption": "", "credit": ""})
        self.paragraph_html(node.get("textValue") or "")
        if node.get("showButton", True):
            self.button(node.get("buttonText") or "", node.get("buttonUrl") or "")

    def card_email(self, node):
        # Ghost shows these only in the emailed post, never on the web.
        self.unconverted.append(f"{node.get('type')} (shown only in emails, left out)")

    card_email_cta = card_email

    def card_transistor(self, node):
        self.unconverted.append("transistor (podcast player, left out)")

    # Lexical inline content ------------------------------------------------------------------

    def inline(self, nodes):
        pieces = []
        for node in nodes:
            kind = node.get("type")
            if kind == "linebreak":
                pieces.append("<br/>")
            elif kind == "tab":
                pieces.append(" ")
            elif kind in ("link", "autolink", "at-link"):
                inner = self.inline(node.get("children") or [])
                pieces.append(self.link(node.get("url") or "", inner))
            elif "text" in node:
                pieces.append(_formatted(node.get("text") or "", node.get("format")))
            elif node.get("children"):
                pieces.append(self.inline(node["children"]))
        return "".join(pieces)

    def lexical_list(self, node):
        tag = "ol" if node.get("listType") == "number" or node.get("tag") == "ol" else "ul"
        items = []
        for item in node.get("children") or []:
            children = item.get("children") or []
            nested = "".join(self.lexical_list(c) for c in children if c.get("type") == "list")
            text = self.inline([c for c in children if c.get("type") != "list"])
            if not _plain(text) and nested and items:
                # Lexical puts a nested list in an item of its own; Wagtail nests it in the
                # item before, where a reader sees it.
                items[-1] = items[-1][: -len("</li>")] + nested + "</li>"
            elif _plain(text) or nested:
                items.append(f"<li>{text}{nested}</li>")
        return f"<{tag}>{''.join(items)}</{tag}>" if items else ""

    def link(self, url, inner):
        inner = inner or html.escape(url)
        page_id = self.find_page(url) if url else None
        if page_id is not None:
            return f'<a id="{int(page_id)}" linktype="page">{inner}</a>'
        href = self.resolve_url(url) if url else ""
        if not _safe_href(href):
            return inner
        return f'<a href="{html.escape(href)}">{inner}</a>'

    # Blocks ------------------------------------------------------------------------------------

    def paragraph(self, rich):
        rich = rich.strip()
        if not _plain(rich):
            return
        if not rich.startswith(("<ul>", "<ol>")):
            rich = f"<p>{rich}</p>"
        self.add("paragraph", rich)

    def paragraph_html(self, markup):
        text = self.richtext(markup)
        if _plain(text):
            self.add("paragraph", text)

    def subheading(self, text):
        text = " ".join(text.split())
        if text:
            self.add("subheading", text)

    def quote(self, text):
        text = "\n".join(line.strip() for line in text.strip().splitlines())
        if text:
            self.add("quote", {"quote": text, "attribution": ""})

    def caption_paragraph(self, caption):
        text = self.inline_html_fragment(caption or "")
        if _plain(text):
            self.add("paragraph", f"<p><i>{text}</i></p>")

    def image_ref(self, src, *, alt, caption):
        if not src:
            return None
        resolved = self.resolve_url(src)
        if not resolved:
            return None
        key = "image-" + hashlib.sha1(resolved.encode(), usedforsecurity=False).hexdigest()[:16]
        if key not in self.images:
            self.images[key] = ImageRef(key=key, src=resolved, alt=alt, caption=caption, credit="")
        return key

    def missing_image(self, src, caption):
        self.unconverted.append(f"image without a source ({src or 'none'})")
        if caption:
            self.add("paragraph", f"<p><i>{html.escape(caption)}</i></p>")

    def link_card(self, url, *, title, description, publisher, thumbnail):
        href = self.resolve_url(url) if url else ""
        if not _valid_link(href):
            self.paragraph(html.escape(title or url))
            return
        thumbnail = self.resolve_url(thumbnail) if thumbnail else ""
        self.add(
            "link_card",
            {
                "url": href,
                "title": (_plain(title) or href)[:300],
                "description": _plain(description),
                "publisher": _plain(publisher),
                "thumbnail_url": thumbnail if _valid_link(thumbnail) else "",
            },
        )

    def button(self, label, url):
        label = _plain(label)
        href = self.resolve_url(url) if url else ""
        if label and _valid_link(href):
            self.add("button", {"label": label[:80], "url": href})
        elif label and url:
            self.paragraph(html.escape(label))
        elif label:
            self.unconverted.append(f"button without a link ({label})")

    def media_file(self, kind, src, title, caption):
        href = self.resolve_url(src) if src else ""
        if not _valid_link(href):
            self.unconverted.append(f"{kind} without a usable source ({src or 'none'})")
            return
        self.add("media_file", {"kind": kind, "url": href, "title": title, "caption": caption})

    def kept_html(self, markup, card):
        """An HTML card as the ``html`` block; ``card`` names a card Masthead could not express."""
        soup = BeautifulSoup(markup, "html.parser")
        removed = sorted({tag.name for tag in soup.find_all(REMOVED_TAGS)})
        for frame in soup.find_all("iframe"):
            # The frame itself cannot be kept safely; a link to what it showed can.
            src = frame.get("src") or ""
            if _safe_href(src):
                link = soup.new_tag("a", href=src)
                link.string = frame.get("title") or src
                paragraph = soup.new_tag("p")
                paragraph.append(link)
                frame.replace_with(paragraph)
        for anchor in soup.find_all("a", href=True):
            anchor["href"] = self.resolve_url(anchor["href"])
        # Pictures become Wagtail images (fetched, checked, served from media), placed after.
        images = [image.extract() for image in soup.find_all("img")]
        clean = sanitise_html(str(soup)).strip()
        if card is not None:
            self.unconverted.append(card)
        if removed:
            self.unconverted.append(f"{card or 'html'} (removed: {', '.join(removed)})")
        if _plain(clean) or "<hr" in clean:
            self.add("html", clean)
        for image in images:
            self._html_image(image, caption="")

    # HTML (the html column, rendered markdown) ---------------------------------------------

    def html_blocks(self, markup):
        soup = BeautifulSoup(markup, "html.parser")
        self._html_children(soup)

    def _html_children(self, parent):
        pending = []
        for child in list(parent.children):
            if isinstance(child, Comment):
                if child.strip() == "members-only":
                    # Where Ghost's paywall card was, in its rendered HTML.
                    self._flush_inline(pending)
                    pending = []
                    self.card_paywall({})
                continue
            if isinstance(child, NavigableString) or child.name in INLINE_TAGS:
                pending.append(child)
                continue
            self._flush_inline(pending)
            pending = []
            self._html_element(child)
        self._flush_inline(pending)

    def _flush_inline(self, nodes):
        if not nodes:
            return
        images = []
        text = "".join(self._inline_node(node, images) for node in nodes)
        self.paragraph(text)
        for image in images:
            self._html_image(image, caption="")

    def _html_element(self, element: Tag):
        name = element.name
        ghost_card = next(
            (css for css in element.get("class") or [] if css in self._GHOST_CARDS), None
        )
        if ghost_card is not None:
            getattr(self, self._GHOST_CARDS[ghost_card])(element)
        elif name == "p":
            self._flush_inline(list(element.children))
        elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.subheading(element.get_text(" "))
        elif name == "blockquote":
            self.quote("\n".join(p.get_text(" ") for p in _paragraphs(element)))
        elif name in ("ul", "ol"):
            self.paragraph(self._html_list(element))
        elif name == "hr":
            self.add("divider", None)
        elif name == "figure":
            self._html_figure(element)
        elif name in ("div", "section", "article", "main", "header", "footer"):
            self._html_children(element)
        elif name in ("script", "style", "noscript", "template"):
            return
        else:
            self.kept_html(str(element), None)

    # Ghost's rendered cards (its ``html`` column), read back into the cards they were.
    _GHOST_CARDS = {
        "kg-bookmark-card": "_html_bookmark",
        "kg-embed-card": "_html_embed",
        "kg-callout-card": "_html_callout",
        "kg-toggle-card": "_html_toggle",
        "kg-button-card": "_html_button",
        "kg-file-card": "_html_media",
        "kg-audio-card": "_html_media",
        "kg-video-card": "_html_media",
    }

    def _html_bookmark(self, figure: Tag):
        def part(name):
            found = figure.find(class_=f"kg-bookmark-{name}")
            return found.get_text(" ").strip() if found else ""

        container = figure.find("a")
        thumbnail = figure.select_one(".kg-bookmark-thumbnail img")
        caption = figure.find("figcaption")
        self.card_bookmark(
            {
                "url": container.get("href") if container else "",
                "metadata": {
                    "title": part("title"),
                    "description": part("description"),
                    "publisher": part("publisher"),
                    "author": part("author"),
                    "thumbnail": thumbnail.get("src") if thumbnail else "",
                },
                "caption": caption.decode_contents() if caption else "",
            }
        )

    def _html_embed(self, figure: Tag):
        caption = figure.find("figcaption")
        if caption:
            caption.extract()
        frame = figure.find("iframe")
        url = _embed_page_url(frame.get("src") or "") if frame else ""
        self.card_embed(
            {
                "url": url if url and _embeddable(url) else "",
                "html": figure.decode_contents(),
                "caption": caption.decode_contents() if caption else "",
            }
        )

    def _html_callout(self, element: Tag):
        text = element.find(class_="kg-callout-text")
        self.card_callout({"calloutText": (text or element).decode_contents()})

    def _html_toggle(self, element: Tag):
        heading = element.find(class_="kg-toggle-heading-text")
        content = element.find(class_="kg-toggle-content")
        self.card_toggle(
            {
                "heading": heading.get_text(" ") if heading else "",
                "content": content.decode_contents() if content else "",
            }
        )

    def _html_button(self, element: Tag):
        anchor = element.find("a")
        if anchor is None:
            self._html_children(element)
        else:
            self.button(anchor.get_text(" "), anchor.get("href") or "")

    def _html_media(self, element: Tag):
        classes = element.get("class") or []
        kind = "audio" if "kg-audio-card" in classes else "video"
        player = element.find(kind)
        source = player.get("src") if player else None
        if "kg-file-card" in classes:
            kind, anchor = "file", element.find("a")
            source = anchor.get("href") if anchor else None
        title = element.find(class_=re.compile(r"^kg-(file-card|audio)-title$"))
        caption = element.find(class_="kg-file-card-caption") or element.find("figcaption")
        self.media_file(
            kind,
            source,
            title.get_text(" ").strip() if title else "",
            caption.get_text(" ").strip() if caption else "",
        )

    def _html_figure(self, figure: Tag):
        caption_tag = figure.find("figcaption")
        caption = caption_tag.get_text(" ").strip() if caption_tag else ""
        images = figure.find_all("img")
        if "kg-gallery-card" in (figure.get("class") or []) and images:
            items = []
            for image in images:
                key = self.image_ref(image.get("src"), alt=image.get("alt") or "", caption="")
                if key is not None:
                    items.append({"image": key, "caption": ""})
            if items:
                self.add("gallery", {"images": items, "caption": " ".join(caption.split())})
                return
        if len(images) == 1 and not figure.find(["iframe", "pre", "table"]):
            self._html_image(images[0], caption=caption)
        else:
            self.kept_html(str(figure), None)

    def _html_image(self, image: Tag, *, caption):
        caption, credit = _caption_and_credit(" ".join(caption.split()))
        key = self.image_ref(image.get("src"), alt=image.get("alt") or "", caption=caption)
        if key is None:
            self.missing_image(image.get("src"), caption)
        else:
            self.add("image", {"image": key, "caption": caption, "credit": credit})

    def _inline_node(self, node, images):
        if isinstance(node, Comment):
            return ""
        if isinstance(node, NavigableString):
            return html.escape(str(node), quote=False)
        name = node.name
        if name == "img":
            images.append(node)
            return ""
        if name == "br":
            return "<br/>"
        if name in ("script", "style"):
            return ""
        inner = "".join(self._inline_node(child, images) for child in node.children)
        if name in ("b", "strong"):
            return f"<b>{inner}</b>" if inner.strip() else inner
        if name in ("i", "em"):
            return f"<i>{inner}</i>" if inner.strip() else inner
        if name == "a":
            return self.link(node.get("href") or "", inner)
        return inner

    def _html_list(self, element: Tag, *, images=None):
        images = [] if images is None else images
        items = []
        for item in element.find_all("li", recursive=False):
            nested = "".join(
                self._html_list(sub, images=images) for sub in item.find_all(["ul", "ol"])
            )
            text = "".join(
                self._inline_node(child, images)
                for child in item.children
                if not (isinstance(child, Tag) and child.name in ("ul", "ol"))
            )
            if _plain(text) or nested:
                items.append(f"<li>{text.strip()}{nested}</li>")
        return f"<{element.name}>{''.join(items)}</{element.name}>" if items else ""

    def inline_html_fragment(self, markup):
        """Inline rich text (bold, italic, links) from an HTML caption or heading."""
        soup = BeautifulSoup(markup, "html.parser")
        return "".join(self._inline_node(child, []) for child in soup.children).strip()

    def richtext(self, markup, *, lists=True):
        """Paragraph-block rich text from an HTML fragment (a toggle's content, a callout)."""
        soup = BeautifulSoup(markup, "html.parser")
        parts, pending = [], []

        def flush():
            text = "".join(self._inline_node(node, []) for node in pending).strip()
            if _plain(text):
                parts.append(f"<p>{text}</p>")
            pending.clear()

        for child in list(soup.children):
            if isinstance(child, NavigableString) or child.name in INLINE_TAGS:
                pending.append(child)
                continue
            flush()
            if child.name in ("ul", "ol") and lists:
                parts.append(self._html_list(child))
            elif child.name in ("ul", "ol"):
                for item in child.find_all("li"):
                    pending.extend(item.children)
                    flush()
            else:
                pending.extend(child.children)
                flush()
        flush()
        return "".join(parts)


def _mobiledoc_nodes(document):
    """Mobiledoc's sections as the Lexical nodes they correspond to."""
    markups = document.get("markups") or []
    atoms = document.get("atoms") or []
    cards = document.get("cards") or []
    card_names = {"hr": "horizontalrule", "code": "codeblock", "card-markdown": "markdown"}
    for section in document.get("sections") or []:
        kind = section[0]
        if kind == 1:
            tag = str(section[1]).lower()
            children = _mobiledoc_inline(section[2], markups, atoms)
            if tag.startswith("h") and tag[1:].isdigit():
                yield {"type": "heading", "tag": tag, "children": children}
            elif tag in ("blockquote", "aside", "pull-quote"):
                yield {"type": "quote", "children": children}
            else:
                yield {"type": "paragraph", "children": children}
        elif kind == 3:
            items = [
                {"type": "listitem", "children": _mobiledoc_inline(markers, markups, atoms)}
                for markers in section[2]
            ]
            list_type = "number" if str(section[1]).lower() == "ol" else "bullet"
            yield {"type": "list", "listType": list_type, "children": items}
        elif kind == 2:
            yield {"type": "image", "src": section[1]}
        elif kind == 10:
            name, payload = cards[section[1]][0], cards[section[1]][1] or {}
            yield {**payload, "type": card_names.get(name, name)}
        else:
            yield {"type": f"mobiledoc section {kind}"}


def _mobiledoc_inline(markers, markups, atoms):
    open_markups, nodes = [], []
    for marker in markers:
        # Mobiledoc 0.2 markers have no type: every one is text.
        marker_type, opened, closed, value = marker if len(marker) == 4 else (0, *marker)
        open_markups.extend(opened)
        text_format, href = 0, None
        for index in open_markups:
            tag = str(markups[index][0]).lower()
            attributes = markups[index][1] if len(markups[index]) > 1 else []
            if tag in ("b", "strong"):
                text_format |= BOLD
            elif tag in ("i", "em"):
                text_format |= ITALIC
            elif tag == "a":
                pairs = dict(zip(attributes[::2], attributes[1::2], strict=False))
                href = pairs.get("href")
        if marker_type == 1:
            name, text = atoms[value][0], atoms[value][1]
            node = {"type": "linebreak"} if name == "soft-return" else {"text": text}
        else:
            node = {"type": "text", "text": value, "format": text_format}
        if href and nodes and nodes[-1].get("type") == "link" and nodes[-1]["url"] == href:
            nodes[-1]["children"].append(node)
        elif href:
            nodes.append({"type": "link", "url": href, "children": [node]})
        else:
            nodes.append(node)
        if closed:
            del open_markups[len(open_markups) - closed :]
    return nodes


def _formatted(text, text_format):
    text = html.escape(text, quote=False)
    text_format = text_format if isinstance(text_format, int) else 0
    if text and text_format & ITALIC:
        text = f"<i>{text}</i>"
    if text and text_format & BOLD:
        text = f"<b>{text}</b>"
    return text


def _plain(markup):
    """The text of some (rich text or Ghost) HTML: line breaks kept, markup gone."""
    markup = re.sub(r"<br\s*/?>", "\n", markup or "")
    markup = re.sub(r"</(p|li|h\d)>", "\n", markup)
    text = html.unescape(re.sub(r"<[^>]+>", "", markup))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _paragraphs(element):
    paragraphs = element.find_all("p")
    return paragraphs or [element]


_CREDIT = re.compile(r"^(?:photo|photograph|image|picture)s?\s*(?:by|:)\s*(?P<credit>.+)$", re.I)


def _caption_and_credit(caption):
    """Ghost has no credit field; a caption that is only "Photo by X" is the credit."""
    match = _CREDIT.match(caption)
    if match and len(match["credit"]) <= 120:
        return "", match["credit"].replace(" on Unsplash", "/Unsplash").replace(" / ", "/")
    return caption, ""


def _safe_href(href):
    if not href:
        return False
    scheme = urlsplit(href).scheme.lower()
    return scheme in ("http", "https", "mailto", "tel") or (
        not scheme and href.startswith(("/", "#"))
    )


def _valid_link(href):
    try:
        validate_link_url(href or "")
    except ValidationError:
        return False
    return True


def _embed_page_url(src):
    """The page an embedded player shows, which oEmbed knows (YouTube's frames are not)."""
    match = re.match(r"^(?:https?:)?//(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]+)", src)
    if match:
        return f"https://www.youtube.com/watch?v={match[1]}"
    return "https:" + src if src.startswith("//") else src


def _embeddable(url):
    from wagtail.embeds.finders import get_finders

    return urlsplit(url).scheme in ("http", "https") and any(
        finder.accept(url) for finder in get_finders()
    )
