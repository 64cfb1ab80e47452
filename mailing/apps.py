from django.apps import AppConfig


class MailingConfig(AppConfig):
    name = "mailing"
    verbose_name = "Newsletter issues"

    def ready(self):
        from . import signals  # noqa: F401  (the bounce and complaint webhook's receiver)
