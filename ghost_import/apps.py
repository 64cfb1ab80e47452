from django.apps import AppConfig


class GhostImportConfig(AppConfig):
    name = "ghost_import"
    verbose_name = "Ghost import"
