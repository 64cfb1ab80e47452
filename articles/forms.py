"""The article editor's form: one article per create form however autosave and Publish
interleave (editorial/create_once.py), and a slug made from the headline when the editor
leaves it empty."""

from wagtail.admin.forms import WagtailAdminPageForm

from editorial.forms import CreateTokenFormMixin


class ArticlePageForm(CreateTokenFormMixin, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # The headline fills the slug as the editor types; without it (no JavaScript, a
            # pasted headline), saving makes the slug from the headline as Wagtail does.
            self.fields["slug"].required = False
