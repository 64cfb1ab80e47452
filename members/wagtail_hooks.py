"""Members in the admin (Members → Members, Labels; a member's page with their timeline, comp
and cancel; bulk labels), and the reader a member's request is."""

from django import forms
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    IndexView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from articles.access import READER_HOOK
from newsletters import emails as addresses

from . import admin_views, selectors, services
from .filters import LabelsForm, MemberFilterSet
from .models import Label, Member
from .selectors import member_timeline, membership_has_access, unlinked_subscriber
from .sessions import signed_in_member


@hooks.register(READER_HOOK)
def member_reader(request):
    member = signed_in_member(request)
    if member is None:
        return None
    return selectors.member_reader(member)


class MemberForm(WagtailAdminModelForm):
    """Staff may comp a membership (to a tier, or every tier) or take the comp back; "paid"
    comes only from payments. The address is set when staff add a member, and changed only
    by the member (confirmed by email, with their newsletters)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["email"].disabled = True
        if status := self.fields.get("status"):
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
        # A comp, given or taken back, goes through services (it is on the timeline).
        status = self.cleaned_data.get("status")
        comp_tier = self.cleaned_data.get("comp_tier")
        member = super().save(commit=False)
        if "status" in self.fields and not self.fields["status"].disabled:
            member.status = self.initial.get("status") or Member.Status.FREE
            member.comp_tier_id = self.initial.get("comp_tier")
        if member.pk is None and member.subscriber_id is None:
            member.subscriber = unlinked_subscriber(member.email)
        if commit:
            member.save()
            self.save_m2m()
            self._comp(member, status, comp_tier)
        return member

    def _comp(self, member, status, comp_tier):
        if "status" not in self.fields or self.fields["status"].disabled:
            return
        by = self.for_user.get_username() if self.for_user else ""
        if status == Member.Status.COMPED:
            services.member_comp(member=member, tier=comp_tier, by=by)
        elif member.status == Member.Status.COMPED:
            services.member_uncomp(member=member, by=by)
        member.refresh_from_db(fields=["status", "comp_tier"])


class TierColumn(Column):
    """The tiers a member reads now: their memberships', or their comp's."""

    def get_value(self, instance):
        if instance.status == Member.Status.COMPED:
            return instance.comp_tier.name if instance.comp_tier else "Every tier"
        names = {
            m.tier.name for m in instance.memberships.all() if m.tier and membership_has_access(m)
        }
        return ", ".join(sorted(names))


class MemberIndexView(IndexView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.request.user.has_perm(admin_views.IMPORT):
            query = self.request.GET.urlencode()
            export_url = reverse("wagtailsnippets_members_member:ghost_export")
            buttons += [
                HeaderButton(
                    "Export (Ghost CSV)",
                    url=f"{export_url}?{query}" if query else export_url,
                    icon_name="download",
                    priority=40,
                ),
                HeaderButton(
                    "Import (Ghost CSV)",
                    url=reverse("wagtailsnippets_members_member:ghost_import"),
                    icon_name="upload",
                    priority=50,
                ),
            ]
        return buttons


class MemberInspectView(InspectView):
    """A member's page: who they are, their memberships, and their timeline."""

    template_name = "members/admin/member_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        member = self.object
        context["timeline"] = member_timeline(member)
        context["manage"] = self.request.user.has_perm(admin_views.MANAGE)
        context["memberships"] = [
            (m, membership_has_access(m) and not m.cancel_at_period_end)
            for m in member.memberships.select_related("tier")
        ]
        return context


class MemberViewSet(SnippetViewSet):
    model = Member
    icon = "user"
    menu_label = "Members"
    index_view_class = MemberIndexView
    inspect_view_class = MemberInspectView
    list_display = [
        "email",
        "name",
        "status",
        TierColumn("tier", label="Tier"),
        DateColumn("created_at", label="Signed up"),
        DateColumn("last_signed_in_at", label="Last sign-in"),
    ]
    filterset_class = MemberFilterSet
    search_fields = ["email", "name"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("email"),
            FieldPanel("name"),
            FieldPanel("status", permission=admin_views.MANAGE),
            FieldPanel("comp_tier", permission=admin_views.MANAGE),
            FieldPanel("labels"),
            FieldPanel("note"),
        ],
        base_form_class=MemberForm,
    )
    inspect_view_enabled = True
    inspect_view_fields = [
        "email",
        "name",
        "status",
        "comp_tier",
        "labels",
        "note",
        "signup_source",
        "stripe_customer_id",
        "created_at",
        "last_signed_in_at",
    ]

    def get_queryset(self, request):
        return Member.objects.select_related("comp_tier").prefetch_related("memberships__tier")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("comp/<int:pk>/", admin_views.comp_view, name="comp"),
            path("uncomp/<int:pk>/", admin_views.uncomp_view, name="uncomp"),
            path(
                "cancel/<int:pk>/<int:membership_pk>/",
                admin_views.cancel_view,
                name="cancel",
            ),
            path("ghost-import/", admin_views.import_view, name="ghost_import"),
            path(
                "ghost-import/<int:pk>/",
                admin_views.import_status_view,
                name="ghost_import_status",
            ),
            path("ghost-export/", admin_views.export_view, name="ghost_export"),
        ]


class LabelViewSet(SnippetViewSet):
    model = Label
    icon = "tag"
    menu_label = "Labels"
    search_fields = ["name"]
    search_backend_name = None


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("members.view_member")


class DashboardViewSet(ViewSet):
    name = "members_dashboard"
    icon = "table"
    menu_label = "Dashboard"
    menu_item_class = DashboardMenuItem

    def get_urlpatterns(self):
        return [path("", admin_views.dashboard_view, name="index")]


class MembersGroup(SnippetViewSetGroup):
    menu_label = "Members"
    menu_icon = "group"
    menu_order = 250
    items = (DashboardViewSet, MemberViewSet, LabelViewSet)


register_snippet(MembersGroup)


class _LabelsBulkAction(SnippetBulkAction):
    models = [Member]
    form_class = LabelsForm
    template_name = "members/admin/bulk_labels.html"

    def check_perm(self, obj):
        return self.request.user.has_perm("members.change_member")

    def get_execution_context(self):
        return {"labels": list(self.cleaned_form.cleaned_data["labels"])}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"{self.done} {num_parent_objects} member{'s' if num_parent_objects != 1 else ''}."


@hooks.register("register_bulk_action")
class AddLabelsBulkAction(_LabelsBulkAction):
    display_name = "Add labels"
    action_type = "add_labels"
    aria_label = "Add labels to the selected members"
    action_priority = 40
    done = "Labels added to"

    @classmethod
    def execute_action(cls, objects, labels=(), **kwargs):
        services.member_labels_change(members=objects, add=labels)
        return len(objects), 0


@hooks.register("register_bulk_action")
class RemoveLabelsBulkAction(_LabelsBulkAction):
    display_name = "Remove labels"
    action_type = "remove_labels"
    aria_label = "Remove labels from the selected members"
    action_priority = 41
    done = "Labels removed from"

    @classmethod
    def execute_action(cls, objects, labels=(), **kwargs):
        services.member_labels_change(members=objects, remove=labels)
        return len(objects), 0
