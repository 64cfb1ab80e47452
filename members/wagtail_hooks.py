"""Members in the admin (Members → Members, Labels), and the reader a member's request is."""

from django import forms
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from articles.access import READER_HOOK
from newsletters import emails as addresses

from . import selectors, services
from .models import Label, Member
from .selectors import unlinked_subscriber
from .sessions import signed_in_member


@hooks.register(READER_HOOK)
def member_reader(request):
    member = signed_in_member(request)
    if member is None:
        return None
    return selectors.member_reader(member)


class MemberForm(WagtailAdminModelForm):
    """Staff may comp a membership or take the comp back; "paid" comes only from payments.
    The address is set when staff add a member, and changed only by the member (confirmed
    by email, with their newsletters)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["email"].disabled = True
        status = self.fields["status"]
        if self.instance.status == Member.Status.PAID:
            status.disabled = True
            status.help_text = "Paid through their subscription."
        else:
            status.choices = [
                (value, label) for value, label in status.choices if value != Member.Status.PAID
            ]
            status.help_text = "Complimentary: paid access without paying."
        self.fields["labels"].widget = forms.CheckboxSelectMultiple()
        self.fields["labels"].queryset = Label.objects.all()

    def clean_email(self):
        if self.instance.pk:
            return self.instance.email
        email = addresses.normalise(self.cleaned_data["email"])
        if Member.objects.with_email(email).exists():
            raise forms.ValidationError("A member has this address already.")
        return email

    def save(self, commit=True):
        member = super().save(commit=False)
        if member.pk is None and member.subscriber_id is None:
            member.subscriber = unlinked_subscriber(member.email)
        if commit:
            member.save()
            self.save_m2m()
            # A comp given or taken back: the member's paid newsletters follow.
            services.subscriber_access_sync(member=member)
        return member


class MemberViewSet(SnippetViewSet):
    model = Member
    icon = "user"
    menu_label = "Members"
    list_display = ["email", "name", "status", "created_at", "last_signed_in_at"]
    list_filter = ["status", "labels"]
    search_fields = ["email", "name"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("email"),
            FieldPanel("name"),
            FieldPanel("status"),
            FieldPanel("labels"),
            FieldPanel("note"),
        ],
        base_form_class=MemberForm,
    )
    inspect_view_enabled = True


class LabelViewSet(SnippetViewSet):
    model = Label
    icon = "tag"
    menu_label = "Labels"
    search_fields = ["name"]
    search_backend_name = None


class MembersGroup(SnippetViewSetGroup):
    menu_label = "Members"
    menu_icon = "group"
    menu_order = 250
    items = (MemberViewSet, LabelViewSet)


register_snippet(MembersGroup)
