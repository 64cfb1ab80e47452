"""Ghost bodies (Lexical as Ghost 5-6 stores it, mobiledoc from Ghost 3-4, plain HTML) become
Masthead body blocks that the article's own StreamField accepts and renders."""

import json

import pytest
from wagtail.embeds.models import Embed

from articles.models import ArticlePage
from ghost_import.lexical import MalformedBody, convert_html, convert_lexical, convert_mobiledoc
from testkit import builders

SITE = "https://new.example"
POSTS = {f"{SITE}/old-post/": 41}


def resolve(url):
    url = url.replace("__GHOST_URL__", SITE)
    return f"{SITE}{url}" if url.startswith("/content/") else url


def find_page(url):
    return POSTS.get(resolve(url))


def lexical(*children):
    return json.dumps(
        {
            "root": {
                "children": list(children),
                "direction": "ltr",
                "format": "",
                "indent": 0,
                "type": "root",
                "version": 1,
            }
        }
    )


def text(value, text_format=0):
    return {
        "detail": 0,
        "format": text_format,
        "mode": "normal",
        "style": "",
        "text": value,
        "type": "extended-text",
        "version": 1,
    }


def element(kind, *children, **extra):
    return {
        "children": list(children),
        "direction": "ltr",
        "format": "",
        "indent": 0,
        "type": kind,
        "version": 1,
        **extra,
    }


def paragraph(*children):
    return element("paragraph", *children)


def link(url, *children):
    return element("link", *children, url=url, rel="noreferrer", target=None, title=None)


def bullets(*items, list_type="bullet"):
    tag = "ol" if list_type == "number" else "ul"
    return element("list", *items, listType=list_type, start=1, tag=tag)


def item(*children):
    return element("listitem", *children, value=1)


def card(kind, **properties):
    return {"type": kind, "version": 1, **properties}


def convert(*nodes):
    return convert_lexical(lexical(*nodes), resolve_url=resolve, find_page=find_page)


def only(conversion):
    assert len(conversion.blocks) == 1, conversion.blocks
    return conversion.blocks[0]


def stream_block():
    return ArticlePage._meta.get_field("body").stream_block


def validate(blocks):
    """The blocks through the article body's StreamField: parsed, cleaned and rendered."""
    block = stream_block()
    value = block.clean(block.to_python(blocks))
    return value, block.render(value, context={"teasers": {}})


@pytest.fixture
def embeds(monkeypatch):
    """oEmbed answers without the network, for providers Wagtail knows."""

    def fake_get_embed(url, max_width=None, max_height=None):
        return Embed(url=url, html=f'<iframe src="{url}"></iframe>', type="video", provider_name="")

    monkeypatch.setattr("wagtail.embeds.embeds.get_embed", fake_get_embed)


# Lexical paragraphs, headings, quotes and lists --------------------------------------------


def test_bold_and_italic_are_kept_and_other_formats_keep_their_text():
    block = only(
        convert(
            paragraph(
                text("Bold", 1),
                text(" italic", 2),
                text(" both", 3),
                text(" under", 8),
                text(" struck", 4),
                text(" code", 16),
                text(" <tag> & co"),
            )
        )
    )
    assert block == {
        "type": "paragraph",
        "value": "<p><b>Bold</b><i> italic</i><b><i> both</i></b> under struck code &lt;tag&gt;"
        " &amp; co</p>",
    }


def test_links_go_where_resolve_url_says_and_to_imported_posts_as_page_links():
    block = only(
        convert(
            paragraph(
                link("__GHOST_URL__/about/", text("About")),
                {"type": "linebreak", "version": 1},
                link("__GHOST_URL__/old-post/", text("the earlier story")),
                text(" and "),
                link("javascript:alert(1)", text("a trap")),
            )
        )
    )
    assert block["value"] == (
        '<p><a href="https://new.example/about/">About</a><br/>'
        '<a id="41" linktype="page">the earlier story</a> and a trap</p>'
    )


def test_empty_paragraphs_are_left_out():
    assert convert(paragraph(), paragraph(text("  "))).blocks == []


@pytest.mark.parametrize("tag", ["h1", "h2", "h3", "h4", "h5", "h6"])
def test_every_heading_is_a_subheading(tag):
    block = only(convert(element("extended-heading", text("Where the water went", 1), tag=tag)))
    assert block == {"type": "subheading", "value": "Where the water went"}


@pytest.mark.parametrize("kind", ["quote", "extended-quote", "aside"])
def test_quotes_and_pull_quotes_are_quotes(kind):
    node = element(kind, text("We stayed."), {"type": "linebreak"}, text("Then we left.", 2))
    assert only(convert(node)) == {
        "type": "quote",
        "value": {"quote": "We stayed.\nThen we left.", "attribution": ""},
    }


def test_lists_nest_inside_the_item_before():
    node = bullets(
        item(text("Bread")),
        item(bullets(item(text("Rye")), item(text("Spelt")), list_type="number")),
        item(text("Milk", 1)),
    )
    assert only(convert(node))["value"] == (
        "<ul><li>Bread<ol><li>Rye</li><li>Spelt</li></ol></li><li><b>Milk</b></li></ul>"
    )


# Cards ------------------------------------------------------------------------------------


def test_an_image_card_is_an_image_block_with_its_caption_alt_and_credit():
    conversion = convert(
        card(
            "image",
            src="__GHOST_URL__/content/images/2024/05/dam.jpg",
            caption='<span style="white-space: pre-wrap;">The dam at dawn</span>',
            alt="A concrete dam",
            title="",
            cardWidth="wide",
            href="",
        ),
        card("image", src="/content/images/b.jpg", caption="Photo by Ana Lee / Unsplash", alt=""),
    )
    first, second = conversion.blocks
    assert first["value"]["caption"] == "The dam at dawn"
    assert second["value"] == {
        "image": second["value"]["image"],
        "caption": "",
        "credit": "Ana Lee/Unsplash",
    }
    dam = conversion.images[0]
    assert dam.key == first["value"]["image"]
    assert dam.src == "https://new.example/content/images/2024/05/dam.jpg"
    assert dam.alt == "A concrete dam"
    assert conversion.body({dam.key: 7, conversion.images[1].key: None}) == [
        {"type": "image", "value": {"image": 7, "caption": "The dam at dawn", "credit": ""}}
    ]


def test_the_same_image_twice_is_one_image_to_fetch():
    src = "__GHOST_URL__/content/images/a.jpg"
    conversion = convert(card("image", src=src), card("image", src=src))
    assert len(conversion.blocks) == 2
    assert len(conversion.images) == 1


def test_a_gallery_keeps_its_images_in_row_order_and_drops_those_that_failed():
    images = [
        {"row": 1, "src": "/content/images/c.jpg", "caption": "Third", "alt": ""},
        {"row": 0, "src": "/content/images/a.jpg", "caption": "First", "alt": ""},
        {"row": 0, "src": "/content/images/b.jpg", "caption": "<b>Second</b>", "alt": ""},
    ]
    conversion = convert(card("gallery", images=images, caption="The flood"))
    gallery = only(conversion)["value"]
    assert [image["caption"] for image in gallery["images"]] == ["First", "Second", "Third"]
    assert gallery["caption"] == "The flood"
    ids = {ref.key: n for n, ref in enumerate(conversion.images, start=1)}
    ids[conversion.images[1].key] = None
    body = conversion.body(ids)
    assert [image["caption"] for image in body[0]["value"]["images"]] == ["First", "Third"]
    assert conversion.body(dict.fromkeys(ids)) == []


def bookmark(url, **metadata):
    return card("bookmark", url=url, metadata=metadata, caption="")


def test_a_bookmark_to_an_imported_post_is_a_related_article_teaser():
    block = only(convert(bookmark("__GHOST_URL__/old-post/", title="Earlier")))
    assert block == {"type": "related_article", "value": {"article": 41}}


def test_a_bookmark_elsewhere_is_a_link_card():
    node = bookmark(
        "https://example.org/report",
        title="The report",
        description="What happened.",
        publisher="Example",
        author="Ana",
        thumbnail="https://example.org/t.jpg",
        icon="https://example.org/favicon.ico",
    )
    assert only(convert(node)) == {
        "type": "link_card",
        "value": {
            "url": "https://example.org/report",
            "title": "The report",
            "description": "What happened.",
            "publisher": "Example",
            "thumbnail_url": "https://example.org/t.jpg",
        },
    }


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://vimeo.com/76979871",
        "https://x.com/someone/status/1234567890",
    ],
)
def test_embeds_of_known_providers_are_embed_blocks(url):
    node = card("embed", url=url, embedType="video", html="<iframe></iframe>", metadata={})
    assert only(convert(node)) == {"type": "embed", "value": url}


def test_an_embed_from_an_unknown_provider_keeps_its_html_and_is_reported():
    node = card(
        "embed",
        url="https://charts.example/c/1",
        embedType="rich",
        html='<iframe src="https://charts.example/embed/1" title="Turnout"></iframe>',
        metadata={},
        caption="Turnout by region",
    )
    conversion = convert(node)
    kept, caption = conversion.blocks
    assert kept == {
        "type": "html",
        "value": '<p><a href="https://charts.example/embed/1" rel="noopener noreferrer">'
        "Turnout</a></p>",
    }
    assert caption == {"type": "paragraph", "value": "<p><i>Turnout by region</i></p>"}
    assert "embed" in conversion.unconverted


def test_an_html_card_is_sanitised_and_what_was_removed_is_reported():
    dirty = (
        '<div onclick="steal()"><p>Turnout <b>61%</b></p><script>alert(1)</script>'
        '<img src="x.png" onerror="alert(2)"><a href="javascript:alert(3)">trap</a></div>'
    )
    conversion = convert(card("html", html=dirty))
    block, picture = conversion.blocks
    assert block["type"] == "html" and picture["type"] == "image"
    assert "Turnout <b>61%</b>" in block["value"]
    for bad in ("script", "onclick", "onerror", "javascript:"):
        assert bad not in block["value"]
    assert conversion.unconverted == ["html (removed: script)"]


def test_a_markdown_card_becomes_blocks_of_safe_rich_text():
    source = (
        "## Findings\n\nThe **river** rose _fast_, see [the data](https://example.org/d).\n\n"
        "- one\n- two\n\n```\nprint('x')\n```\n\n<script>alert(1)</script>\n"
    )
    blocks = convert(card("markdown", markdown=source)).blocks
    assert blocks[:3] == [
        {"type": "subheading", "value": "Findings"},
        {
            "type": "paragraph",
            "value": '<p>The <b>river</b> rose <i>fast</i>, see <a href="https://example.org/d">'
            "the data</a>.</p>",
        },
        {"type": "paragraph", "value": "<ul><li>one</li><li>two</li></ul>"},
    ]
    assert blocks[3]["type"] == "html" and "<pre><code>print('x')" in blocks[3]["value"]
    assert all("alert" not in json.dumps(block) for block in blocks)


def test_callout_toggle_divider_button_and_paywall():
    conversion = convert(
        card("callout", calloutText="<p>This story was <i>updated</i>.</p>", calloutEmoji="💡"),
        card(
            "toggle",
            heading="<span>How we reported this</span>",
            content="<p>Three weeks.</p><ul><li>Calls</li></ul>",
        ),
        card("horizontalrule"),
        card("button", buttonText="Read the report", buttonUrl="__GHOST_URL__/r/", alignment="c"),
        card("paywall"),
    )
    assert conversion.blocks == [
        {
            "type": "editors_note",
            "value": {"kind": "note", "text": "<p>This story was <i>updated</i>.</p>"},
        },
        {
            "type": "toggle",
            "value": {
                "heading": "How we reported this",
                "text": "<p>Three weeks.</p><ul><li>Calls</li></ul>",
            },
        },
        {"type": "divider", "value": None},
        {"type": "button", "value": {"label": "Read the report", "url": f"{SITE}/r/"}},
        {"type": "preview_end", "value": None},
    ]
    assert conversion.preview_end is True


def test_file_audio_and_video_cards_are_media_files():
    blocks = convert(
        card(
            "file", src="__GHOST_URL__/content/files/r.pdf", fileTitle="Report", fileCaption="PDF"
        ),
        card("audio", src="__GHOST_URL__/content/media/a.mp3", title="Interview"),
        card("video", src="__GHOST_URL__/content/media/v.mp4", caption="<i>At the dam</i>"),
    ).blocks
    assert [block["value"] for block in blocks] == [
        {"kind": "file", "url": f"{SITE}/content/files/r.pdf", "title": "Report", "caption": "PDF"},
        {
            "kind": "audio",
            "url": f"{SITE}/content/media/a.mp3",
            "title": "Interview",
            "caption": "",
        },
        {
            "kind": "video",
            "url": f"{SITE}/content/media/v.mp4",
            "title": "",
            "caption": "At the dam",
        },
    ]


def test_a_code_block_is_kept_as_escaped_preformatted_html():
    block = only(convert(card("codeblock", code="if a < b:\n    run()", language="python")))
    assert block == {"type": "html", "value": "<pre><code>if a &lt; b:\n    run()</code></pre>"}


def test_cards_without_an_equivalent_are_reported_never_silently_dropped():
    conversion = convert(
        card("header", header="Big news", subheader="<p>Read on</p>", buttonEnabled=False),
        card("signup", header="Join"),
        card("email", html="<p>Only for subscribers' inboxes</p>"),
        card("email-cta", html="<p>Upgrade</p>"),
        card("product", productTitle="The book", productDescription="<p>Good.</p>"),
        card("some-future-card", html="<p>Kept</p>"),
        card("another-future-card"),
    )
    assert [block["type"] for block in conversion.blocks] == [
        "subheading",
        "paragraph",
        "subheading",
        "paragraph",
        "html",
    ]
    reported = " | ".join(conversion.unconverted)
    for kind in ("header", "signup", "email ", "email-cta", "product", "some-future-card"):
        assert kind in reported
    assert "another-future-card" in reported


# Through the real StreamField ------------------------------------------------------------


@pytest.mark.django_db
def test_a_post_with_every_card_is_a_valid_article_body(home, section, author, embeds):
    earlier = builders.make_article(section, authors=[author], title="Earlier")
    POSTS[f"{SITE}/earlier/"] = earlier.pk
    try:
        conversion = convert(
            paragraph(text("Intro with "), link("__GHOST_URL__/earlier/", text("a link"))),
            element("heading", text("Heading"), tag="h2"),
            element("aside", text("Pulled out")),
            bullets(item(text("a")), item(bullets(item(text("b"))))),
            card("image", src="/content/images/a.jpg", caption="A", alt="a"),
            card("gallery", images=[{"src": "/content/images/b.jpg", "row": 0, "caption": "B"}]),
            bookmark("__GHOST_URL__/earlier/"),
            bookmark("https://example.org/x", title="X", publisher="Ex"),
            card("embed", url="https://www.youtube.com/watch?v=dQw4w9WgXcQ", html=""),
            card("html", html="<table><tr><td>1</td></tr></table>"),
            card("markdown", markdown="Some *markdown*."),
            card("callout", calloutText="Note this"),
            card("toggle", heading="More", content="<p>Hidden</p>"),
            card("horizontalrule"),
            card("button", buttonText="Go", buttonUrl="https://example.org/go"),
            card("file", src="/content/files/f.pdf", fileTitle="F"),
            card("audio", src="/content/media/a.mp3", title="A"),
            card("video", src="/content/media/v.mp4"),
            card("codeblock", code="x = 1"),
            card("paywall"),
            paragraph(text("After the cut")),
        )
        image_ids = {ref.key: builders.make_image().pk for ref in conversion.images}
        value, rendered = validate(conversion.body(image_ids))
    finally:
        del POSTS[f"{SITE}/earlier/"]
    assert [child.block_type for child in value] == [
        "paragraph", "subheading", "quote", "paragraph", "image", "gallery", "related_article",
        "link_card", "embed", "html", "paragraph", "editors_note", "toggle", "divider", "button",
        "media_file", "media_file", "media_file", "html", "preview_end", "paragraph",
    ]  # fmt: skip
    assert f'<a href="{earlier.url}">a link</a>' in rendered
    assert "<details" in rendered and '<hr class="divider">' in rendered
    assert "After the cut" in rendered


# Mobiledoc and plain HTML ------------------------------------------------------------------


def test_mobiledoc_sections_markups_atoms_and_cards():
    document = {
        "version": "0.3.1",
        "atoms": [["soft-return", "", {}]],
        "markups": [["strong"], ["a", ["href", "__GHOST_URL__/old-post/"]], ["em"]],
        "cards": [
            ["image", {"src": "/content/images/m.jpg", "caption": "M", "alt": "m"}],
            ["hr", {}],
            ["code", {"code": "<b>", "language": "html"}],
            ["markdown", {"markdown": "**Hi**"}],
            ["paywall", {}],
        ],
        "sections": [
            [1, "h2", [[0, [], 0, "Title"]]],
            [
                1,
                "p",
                [
                    [0, [0], 1, "Bold"],
                    [0, [], 0, " then "],
                    [0, [1], 0, "a "],
                    [0, [2], 2, "link"],
                    [1, [], 0, 0],
                    [0, [], 0, "next line"],
                ],
            ],
            [1, "aside", [[0, [], 0, "Pull quote"]]],
            [3, "ol", [[[0, [], 0, "one"]], [[0, [], 0, "two"]]]],
            [10, 0],
            [10, 1],
            [10, 2],
            [10, 3],
            [10, 4],
            [2, "/content/images/n.jpg"],
        ],
    }
    conversion = convert_mobiledoc(document, resolve_url=resolve, find_page=find_page)
    blocks = conversion.blocks
    assert blocks[0] == {"type": "subheading", "value": "Title"}
    assert blocks[1] == {
        "type": "paragraph",
        "value": '<p><b>Bold</b> then <a id="41" linktype="page">a <i>link</i></a><br/>'
        "next line</p>",
    }
    assert blocks[2]["value"]["quote"] == "Pull quote"
    assert blocks[3]["value"] == "<ol><li>one</li><li>two</li></ol>"
    assert [block["type"] for block in blocks[4:]] == [
        "image", "divider", "html", "paragraph", "preview_end", "image",
    ]  # fmt: skip
    assert blocks[6]["value"] == "<pre><code>&lt;b&gt;</code></pre>"
    assert conversion.preview_end and len(conversion.images) == 2


def test_html_only_posts_are_split_into_blocks():
    markup = (
        "<p>First <strong>bold</strong> <a href='/x/' onclick='x()'>link</a>.</p>"
        "<h3>Part two</h3><blockquote><p>Said.</p></blockquote><ul><li>a</li></ul><hr>"
        "<figure class='kg-card kg-image-card'><img src='/content/images/i.jpg' alt='i'>"
        "<figcaption>Caption</figcaption></figure>"
        "<p>Inline <img src='/content/images/j.jpg'> picture</p>"
        "<table><tr><td onmouseover='x()'>cell</td></tr></table><script>alert(1)</script>"
        "loose text"
    )
    conversion = convert_html(markup, resolve_url=resolve, find_page=find_page)
    assert [block["type"] for block in conversion.blocks] == [
        "paragraph", "subheading", "quote", "paragraph", "divider", "image", "paragraph",
        "image", "html", "paragraph",
    ]  # fmt: skip
    assert conversion.blocks[0]["value"] == '<p>First <b>bold</b> <a href="/x/">link</a>.</p>'
    assert conversion.blocks[5]["value"]["caption"] == "Caption"
    assert conversion.blocks[8]["value"] == "<table><tbody><tr><td>cell</td></tr></tbody></table>"
    assert "alert" not in json.dumps(conversion.blocks)


@pytest.mark.parametrize(
    "source",
    ["{not json", "[1, 2]", '{"root": {"children": [1]}}', '{"root": {"children": "text"}}'],
)
def test_a_malformed_lexical_body_is_a_clear_error(source):
    with pytest.raises(MalformedBody):
        convert_lexical(source, resolve_url=resolve, find_page=find_page)


@pytest.mark.parametrize("source", ["{not json", '{"sections": [[10, 0]]}', '{"sections": [[1]]}'])
def test_a_malformed_mobiledoc_body_is_a_clear_error(source):
    with pytest.raises(MalformedBody):
        convert_mobiledoc(source, resolve_url=resolve, find_page=find_page)


def test_no_body_is_an_empty_conversion():
    conversion = convert_lexical(None, resolve_url=resolve, find_page=find_page)
    assert conversion.blocks == [] and conversion.images == [] and not conversion.preview_end


def test_ghosts_rendered_cards_in_html_are_read_back_into_their_blocks():
    markup = """
    <p>Free part.</p>
    <!--members-only-->
    <figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container"
      href="https://example.org/r"><div class="kg-bookmark-content">
      <div class="kg-bookmark-title">The report</div>
      <div class="kg-bookmark-description">What happened.</div>
      <div class="kg-bookmark-metadata"><span class="kg-bookmark-publisher">Example</span></div>
      </div><div class="kg-bookmark-thumbnail"><img src="https://example.org/t.jpg"></div></a>
    </figure>
    <figure class="kg-card kg-embed-card"><iframe width="200" height="113"
      src="https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed"></iframe></figure>
    <div class="kg-card kg-callout-card kg-callout-card-blue"><div class="kg-callout-emoji">💡
      </div><div class="kg-callout-text">Mind the <b>gap</b></div></div>
    <div class="kg-card kg-toggle-card" data-kg-toggle-state="close"><div
      class="kg-toggle-heading"><h4 class="kg-toggle-heading-text">Method</h4><button
      class="kg-toggle-card-icon"></button></div><div class="kg-toggle-content"><p>By boat.</p>
      </div></div>
    <div class="kg-card kg-button-card kg-align-center"><a href="https://example.org/go"
      class="kg-btn kg-btn-accent">Go</a></div>
    <div class="kg-card kg-file-card"><a class="kg-file-card-container" href="/content/files/f.pdf"
      download><div class="kg-file-card-contents"><div class="kg-file-card-title">Report</div>
      <div class="kg-file-card-caption">The PDF</div></div></a></div>
    <div class="kg-card kg-audio-card"><audio src="/content/media/a.mp3" preload="metadata">
      </audio><div class="kg-audio-title">Interview</div></div>
    <figure class="kg-card kg-video-card"><div class="kg-video-container"><video
      src="/content/media/v.mp4"></video></div><figcaption>At the dam</figcaption></figure>
    """
    conversion = convert_html(markup, resolve_url=resolve, find_page=find_page)
    assert [(block["type"], block["value"]) for block in conversion.blocks] == [
        ("paragraph", "<p>Free part.</p>"),
        ("preview_end", None),
        (
            "link_card",
            {
                "url": "https://example.org/r",
                "title": "The report",
                "description": "What happened.",
                "publisher": "Example",
                "thumbnail_url": "https://example.org/t.jpg",
            },
        ),
        ("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ("editors_note", {"kind": "note", "text": "<p>Mind the <b>gap</b></p>"}),
        ("toggle", {"heading": "Method", "text": "<p>By boat.</p>"}),
        ("button", {"label": "Go", "url": "https://example.org/go"}),
        (
            "media_file",
            {"kind": "file", "url": f"{SITE}/content/files/f.pdf", "title": "Report",
             "caption": "The PDF"},
        ),
        (
            "media_file",
            {"kind": "audio", "url": f"{SITE}/content/media/a.mp3", "title": "Interview",
             "caption": ""},
        ),
        (
            "media_file",
            {"kind": "video", "url": f"{SITE}/content/media/v.mp4", "title": "",
             "caption": "At the dam"},
        ),
    ]  # fmt: skip
    assert conversion.preview_end


def test_a_sponsored_call_to_action_keeps_its_label_text_and_button():
    conversion = convert(
        card(
            "call-to-action",
            textValue="<p>Try the <b>new</b> app</p>",
            showButton=True,
            buttonText="Get it",
            buttonUrl="https://example.org/app",
            hasSponsorLabel=True,
            sponsorLabel='<p><span style="white-space: pre-wrap;">SPONSORED</span></p>',
            imageUrl="",
        ),
        card("button", buttonText="Nowhere", buttonUrl=""),
    )
    assert conversion.blocks == [
        {"type": "paragraph", "value": "<p>SPONSORED</p>"},
        {"type": "paragraph", "value": "<p>Try the <b>new</b> app</p>"},
        {"type": "button", "value": {"label": "Get it", "url": "https://example.org/app"}},
    ]
    assert "call-to-action (text, image and button kept)" in conversion.unconverted
    assert "button without a link (Nowhere)" in conversion.unconverted


def test_an_html_cards_links_resolve_and_its_pictures_become_image_blocks():
    markup = (
        '<div><p>See <a href="__GHOST_URL__/about/">us</a></p>'
        '<img src="__GHOST_URL__/content/images/chart.png" alt="Chart"></div>'
    )
    conversion = convert(card("html", html=markup))
    kept, image = conversion.blocks
    assert kept == {
        "type": "html",
        "value": '<div><p>See <a href="https://new.example/about/" rel="noopener noreferrer">'
        "us</a></p></div>",
    }
    assert image["type"] == "image"
    assert conversion.images[0].src == f"{SITE}/content/images/chart.png"
    assert conversion.images[0].alt == "Chart"
