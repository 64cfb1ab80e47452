"""An issue's body: text for every reader, and sections for paying members only.

A paid section is never rendered for a free reader: ``rendering.body_parts`` swaps it for a
call to action before any template sees it, so its text cannot reach the free email (either
part), the web version or anything made from them.
"""

from wagtail import blocks

TEXT_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul"]


class PaidSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=200)
    body = blocks.RichTextBlock(features=TEXT_FEATURES)

    class Meta:
        icon = "lock"
        label = "Paid-only section"
        help_text = (
            "Paying members get this; everyone else gets “This part is for paying members — "
            "Become a member” instead."
        )


class IssueBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=TEXT_FEATURES, label="Text")
    paid_section = PaidSectionBlock()

    class Meta:
        required = False
