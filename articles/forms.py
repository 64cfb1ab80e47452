"""The article editor's form: the "Published" time (editorial/publication_time.py), one article
per create form however autosave and Publish interleave (editorial/create_once.py), and a slug
made from the headline when the editor leaves it empty."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from editorial.forms import CreateTokenFormMixin
from editorial.publication_time import PublishedAtFormMixin


class ArticlePageForm(PublishedAtFormMixin, CreateTokenFormMixin, WagtailAdminPageForm):
    published_noun = "article"

    # Never shown: "Published" schedules an article (ExpiryPanel has no "Go live at"), but
    # Wagtail offers the schedule dialog, for "Expire at", only to a form with this field.
    go_live_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # The headline fills the slug as the editor types; without it (no JavaScript, a
            # pasted headline), saving makes the slug from the headline as Wagtail does.
            self.fields["slug"].required = False
