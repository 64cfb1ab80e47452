from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "webhooks"
    verbose_name = "Webhooks"

    def ready(self):
        # Lower apps never import webhooks: it listens to their signals from up here.
        from . import signals

        signals.connect()
