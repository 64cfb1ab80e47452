"""The News Feed item's form: its time, editable (editorial/publication_time.py)."""

from wagtail.admin.forms import WagtailAdminModelForm

from editorial.publication_time import PublishedAtFormMixin


class NewsFeedItemForm(PublishedAtFormMixin, WagtailAdminModelForm):
    published_noun = "item"
