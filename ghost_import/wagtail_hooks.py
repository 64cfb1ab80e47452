"""The Ghost redirects file's regular-expression rules in the admin (Settings → Ghost
redirects), to read, correct or delete after an import."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import GhostRedirectRule


class GhostRedirectRuleViewSet(ModelViewSet):
    model = GhostRedirectRule
    icon = "redirect"
    menu_label = "Ghost redirects"
    add_to_settings_menu = True
    list_display = ["pattern", "replacement", "permanent"]
    form_fields = ["pattern", "replacement", "permanent", "sort_order"]


@hooks.register("register_admin_viewset")
def register_ghost_redirect_rules():
    return GhostRedirectRuleViewSet("ghost_redirect_rules")
