from django.apps import AppConfig


class ContentApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "content_api"
    verbose_name = "Content API"
