from django.apps import AppConfig


class PicksConfig(AppConfig):
    name = "picks"
    verbose_name = "Curated lists"

    def ready(self):
        from . import signals  # noqa: F401
