"""The blocks an article body is made of, and what each contributes to the words a reader reads."""

import html

from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


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


def read_text(stream_value):
    """The text of a body a reader reads, block by block: no captions, teasers or embeds."""
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


def html_text(markup):
    """The words of rich text, without its markup."""
    # Tags become spaces so "<p>one</p><p>two</p>" is two words, not one.
    return html.unescape(strip_tags(markup.replace("<", " <")))
