"""The list's admin form: a newsletter for specific tiers names at least one."""

from wagtail.admin.forms import WagtailAdminModelForm


class NewsletterForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("audience") == "tiers" and not cleaned.get("tiers"):
            self.add_error("tiers", "Choose the tiers it is sent to.")
        return cleaned
