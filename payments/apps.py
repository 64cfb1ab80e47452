from django.apps import AppConfig
from django.core import checks

from .checks import payments_configured, payments_ready_for_production


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = "Payments"

    def ready(self):
        checks.register(payments_configured, "payments")
        checks.register(payments_ready_for_production, "payments", deploy=True)
        from . import receivers  # noqa: F401 (connects them)
