"""Members in the admin (Members → Members, Labels), and the reader a member's request is."""

from django import forms
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from articles.access import READER_HOOK, Reader

from .models import Label, Member
from .sessions import signed_in_member


@hooks.register(READER_HOOK)
def member_reader(request):
    member = signed_in_member(request)
    if member is None:
        return None
    return Reader(kind="paid" if member.has_paid_access else "free", member_id=member.pk)


class MemberForm(WagtailAdminModelForm):
    """Staff may comp a membership or take the comp back; "paid" comes only from payments."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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


class MemberViewSet(SnippetViewSet):
    model = Member
    icon = "user"
    menu_label = "Members"
    list_display = ["email", "name", "status", "created_at", "last_signed_in_at"]
    list_filter = ["status", "labels"]
    search_fields = ["email", "name"]
    search_backend_name = None
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("status"), FieldPanel("labels"), FieldPanel("note")],
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
