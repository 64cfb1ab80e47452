from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    # The one address the provider delivers every event to (docs/payments.md).
    path("members/webhooks/stripe/", views.stripe_webhook, name="stripe_webhook"),
    path("support/", views.support, name="support"),
    path("support/thanks/", views.support_thanks, name="support_thanks"),
    path("support/cancelled/", views.support_cancelled, name="support_cancelled"),
    path("gift/", views.gift, name="gift"),
    path("gift/thanks/", views.gift_thanks, name="gift_thanks"),
]
