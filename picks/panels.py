"""The "Articles, in order" panel of a curated list, with "Add an article at the top".

Wagtail's InlinePanel adds a new item at the bottom, and an editor then drags it, or clicks
"Move up" once per item, to the top, where a new pick usually belongs. This panel is that
InlinePanel (drag handles, arrows, deletion, the ORDER of each item all as Wagtail does them)
with a second button above the list: ``picks/static/picks/add-to-top.js`` clicks Wagtail's own
"Add" and moves the new item first, renumbering the order the form saves.
"""

from django import forms
from wagtail.admin.panels import InlinePanel


class CuratedItemsPanel(InlinePanel):
    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "picks/admin/curated_items_panel.html"

        @property
        def media(self):
            return super().media + forms.Media(js=["picks/add-to-top.js"])
