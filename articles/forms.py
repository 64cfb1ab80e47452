"""The article editor's form: the "Published" time (editorial/publication_time.py), one article
per create form however autosave and Publish interleave (editorial/create_once.py), a slug
made from the headline when the editor leaves it empty, and tiers exactly when the level is
"Specific tiers" (the section editor's form too)."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from editorial.forms import CreateTokenFormMixin
from editorial.publication_time import PublishedAtFormMixin

from .access import Access

NO_TIER = (
    "Tick at least one tier: “Specific tiers” opens it to members of the tiers ticked here. "
    "Or choose another level."
)


class TiersFormMixin:
    """ "Specific tiers" needs a tier; any other level keeps none (so none lingers unseen)."""

    access_field = "access"
    tiers_field = "access_tiers"

    def clean(self):
        cleaned_data = super().clean()
        tiers = cleaned_data.get(self.tiers_field)
        if tiers is None:
            return cleaned_data
        if cleaned_data.get(self.access_field) == Access.TIERS:
            if not tiers:
                self.add_error(self.tiers_field, NO_TIER)
        elif tiers:
            cleaned_data[self.tiers_field] = tiers.none()
        return cleaned_data


class SectionPageForm(TiersFormMixin, WagtailAdminPageForm):
    access_field = "default_access"
    tiers_field = "default_tiers"


class ArticlePageForm(
    TiersFormMixin, PublishedAtFormMixin, CreateTokenFormMixin, WagtailAdminPageForm
):
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
