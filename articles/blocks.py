"""The blocks an article body is made of, what each contributes to the words a reader reads,
and where the public preview of a gated article ends.

The preview is the body up to a "Preview ends here" block (``preview_end``), or, without one,
up to and including its ``PREVIEW_PARAGRAPHS``-th paragraph. It is what a reader without
access reads (``articles/access.py``), and all that listings, feeds, search excerpts, JSON-LD
and emails ever take from any body (``summary.py``).
"""

import html
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .paywall import GIFT_PATH, MEMBERSHIP_PATH, SUPPORT_PATH
from .sanitise import sanitise_html

PREVIEW_END = "preview_end"
# Without a "Preview ends here" block, a gated article's preview is its first paragraphs.
PREVIEW_PARAGRAPHS = 2


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(
        required=False, help_text='For example "Olena Marchenko, nurse".'
    )

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False)
    credit = blocks.CharBlock(required=False, help_text='For example "Contributor/Agency".')

    class Meta:
        icon = "image"
        template = "components/blocks/image.html"


class RelatedArticleBlock(blocks.StructBlock):
    """A teaser card for another article; renders nothing while that article is not live."""

    article = blocks.PageChooserBlock(page_type="articles.ArticlePage")

    class Meta:
        icon = "link"
        label = "Related article teaser"
        template = "components/blocks/teaser.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # The article page prefetches every teased article (with its image) in one query.
        prefetched = (parent_context or {}).get("teasers")
        article = value["article"]
        if article is not None and prefetched is not None:
            article = prefetched.get(article.pk)
        elif article is not None and not article.live:
            article = None
        context["teaser"] = article
        return context


class EditorsNoteBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("note", "Editor's note"), ("correction", "Correction")], default="note"
    )
    text = blocks.RichTextBlock(features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        label = "Editor's note or correction"
        template = "components/blocks/editors_note.html"


class NewsletterSignupBlock(blocks.StructBlock):
    """A sign-up form for one newsletter inside the article; not counted as words read."""

    newsletter = SnippetChooserBlock("newsletters.Newsletter")
    heading = blocks.CharBlock(
        required=False, help_text='Optional, for example "Get Explaining Halvesk every Friday".'
    )

    class Meta:
        icon = "mail"
        label = "Newsletter sign-up"
        template = "components/blocks/newsletter_signup.html"


class SupportBlock(blocks.StructBlock):
    """ "Support our journalism": a heading, a line, and the ways to pay (membership, once, a
    gift). The same for every reader, so it names no one and carries no token."""

    heading = blocks.CharBlock(default="Support our journalism", max_length=80)
    text = blocks.TextBlock(
        required=False,
        max_length=300,
        default="Our reporting is paid for by readers like you. Join them and keep it free "
        "for everyone.",
    )

    class Meta:
        icon = "pick"
        label = "Support call to action"
        template = "components/blocks/support.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["links"] = {
            "membership": MEMBERSHIP_PATH,
            "support": SUPPORT_PATH,
            "gift": GIFT_PATH,
        }
        return context


class PreviewEndBlock(blocks.StaticBlock):
    """Where a members-only or paid article's public preview ends; shows nothing itself."""

    class Meta:
        icon = "lock"
        label = "Preview ends here"
        admin_text = (
            "Readers without access read the body up to here, then the paywall. Without this "
            f"block they read the first {PREVIEW_PARAGRAPHS} paragraphs. Public articles "
            "ignore it."
        )
        template = "components/blocks/preview_end.html"


def validate_link_url(value):
    """A web address a reader may follow: http(s), or a path on this site; never script."""
    parts = urlsplit(value)
    on_this_site = not parts.scheme and not parts.netloc and value.startswith("/")
    if not (on_this_site or (parts.scheme in ("http", "https") and parts.netloc)):
        raise ValidationError("Enter a full web address (https://…) or a path on this site (/…).")


class LinkURLBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        super().__init__(max_length=2000, validators=[validate_link_url], **kwargs)


class LinkCardBlock(blocks.StructBlock):
    """A bookmark card for a page on another site: its title, description and publisher."""

    url = LinkURLBlock()
    title = blocks.CharBlock(max_length=300)
    description = blocks.TextBlock(required=False)
    publisher = blocks.CharBlock(required=False, help_text="The site's name.")
    thumbnail_url = LinkURLBlock(required=False, label="Thumbnail image URL")

    class Meta:
        icon = "link-external"
        label = "Link card"
        template = "components/blocks/link_card.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # Reader pages load images only from this site and its media origin (core/security.py):
        # another site's thumbnail would be refused, so it is not shown.
        thumbnail = value["thumbnail_url"]
        media = settings.MEDIA_URL
        same_site = thumbnail.startswith("/") and not thumbnail.startswith("//")
        on_media = "://" in media and thumbnail.startswith(media)
        context["thumbnail"] = thumbnail if same_site or on_media else ""
        return context


class DividerBlock(blocks.StaticBlock):
    class Meta:
        icon = "horizontalrule"
        label = "Divider"
        admin_text = "A line between two parts of the article."
        template = "components/blocks/divider.html"


class GalleryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False)


class GalleryBlock(blocks.StructBlock):
    images = blocks.ListBlock(GalleryImageBlock(), min_num=1)
    caption = blocks.CharBlock(required=False, help_text="About the whole gallery.")

    class Meta:
        icon = "image"
        label = "Gallery"
        template = "components/blocks/gallery.html"


class ButtonBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=80)
    url = LinkURLBlock()

    class Meta:
        icon = "link"
        label = "Button"
        template = "components/blocks/button.html"


class ToggleBlock(blocks.StructBlock):
    """A heading that opens to show more (``<details>``): works without JavaScript."""

    heading = blocks.CharBlock(max_length=300)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "collapse-down"
        label = "Toggle"
        template = "components/blocks/toggle.html"


class MediaFileBlock(blocks.StructBlock):
    """A file to download, or audio or video played by the browser's own player."""

    kind = blocks.ChoiceBlock(
        choices=[("file", "File to download"), ("audio", "Audio"), ("video", "Video")],
        default="file",
    )
    url = LinkURLBlock()
    title = blocks.CharBlock(required=False)
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "media"
        label = "File, audio or video"
        template = "components/blocks/media_file.html"


class SanitisedHTMLBlock(blocks.RawHTMLBlock):
    """HTML kept from an imported card Masthead has no block for.

    Cleaned by ``sanitise_html`` when saved and again when shown, so no stored markup reaches
    a reader unchecked.
    """

    def clean(self, value):
        return self.normalize(sanitise_html(super().clean(value)))

    def get_prep_value(self, value):
        return sanitise_html("" if value is None else str(value))

    def render_basic(self, value, context=None):
        return mark_safe(sanitise_html(str(value)))  # noqa: S308 - cleaned just now

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["value"] = mark_safe(sanitise_html(str(value)))  # noqa: S308 - cleaned just now
        return context

    class Meta:
        icon = "code"
        label = "HTML (imported)"
        template = "components/blocks/html.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], template="components/blocks/paragraph.html"
    )
    subheading = blocks.CharBlock(
        icon="title", template="components/blocks/subheading.html", form_classname="title"
    )
    quote = QuoteBlock()
    image = ImageBlock()
    related_article = RelatedArticleBlock()
    embed = EmbedBlock(icon="media", template="components/blocks/embed.html")
    editors_note = EditorsNoteBlock()
    newsletter_signup = NewsletterSignupBlock()
    support = SupportBlock()
    preview_end = PreviewEndBlock()
    link_card = LinkCardBlock()
    divider = DividerBlock()
    gallery = GalleryBlock()
    button = ButtonBlock()
    toggle = ToggleBlock()
    media_file = MediaFileBlock()
    html = SanitisedHTMLBlock()


def preview_length(block_types):
    """How many of the body's blocks (given by their types, in order) the preview holds."""
    block_types = list(block_types)
    if PREVIEW_END in block_types:
        return block_types.index(PREVIEW_END)
    paragraphs = 0
    for position, block_type in enumerate(block_types):
        if block_type == "paragraph":
            paragraphs += 1
            if paragraphs == PREVIEW_PARAGRAPHS:
                return position + 1
    return len(block_types)


def split_preview(stream_value):
    """(the preview's blocks, the rest's blocks) of a body; no marker block in either."""
    children = list(stream_value)
    cut = preview_length(child.block_type for child in children)
    rest = [child for child in children[cut:] if child.block_type != PREVIEW_END]
    return children[:cut], rest


def preview_raw(raw_blocks):
    """The preview's blocks of a body's raw stream (``StreamValue.raw_data``): no queries."""
    raw_blocks = list(raw_blocks)
    return raw_blocks[: preview_length(block.get("type") for block in raw_blocks)]


def read_text(stream_value):
    """The text of a body a reader reads, block by block: no captions, teasers, link cards or
    embeds. A toggle's folded text and imported HTML count: a reader who opens them reads them."""
    for block in stream_value:
        if block.block_type == "paragraph":
            yield html_text(block.value.source)
        elif block.block_type == "subheading":
            yield block.value
        elif block.block_type == "quote":
            yield block.value["quote"]
            yield block.value["attribution"] or ""
        elif block.block_type == "editors_note":
            yield html_text(block.value["text"].source)
        elif block.block_type == "toggle":
            yield block.value["heading"]
            yield html_text(block.value["text"].source)
        elif block.block_type == "html":
            yield html_text(sanitise_html(str(block.value)))


def html_text(markup):
    """The words of rich text, without its markup."""
    # Tags become spaces so "<p>one</p><p>two</p>" is two words, not one.
    return html.unescape(strip_tags(markup.replace("<", " <")))
