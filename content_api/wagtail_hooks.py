"""Content API keys in the admin: Settings → Content API keys, for administrators only. The
key is shown in the list to copy (it is a public, read-only key, as Ghost's are)."""

from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ContentAPIKey


class AdminsOnly(ModelPermissionPolicy):
    """Only superusers make, see or revoke keys."""

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return user.is_active and user.is_superuser

    def instances_user_has_any_permission_for(self, user, actions):
        return self.model.objects.all() if user.is_superuser else self.model.objects.none()


register_permission_policy(ContentAPIKey, AdminsOnly(ContentAPIKey))


class ContentAPIKeyViewSet(SnippetViewSet):
    model = ContentAPIKey
    icon = "key"
    menu_label = "Content API keys"
    menu_name = "content-api-keys"
    add_to_settings_menu = True
    menu_order = 900
    list_display = ["name", "key", "active", "created", "last_used_at"]
    panels = [FieldPanel("name"), FieldPanel("active")]


content_api_keys = ContentAPIKeyViewSet()
register_snippet(content_api_keys)
