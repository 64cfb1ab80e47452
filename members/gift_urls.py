from django.urls import path

from . import views

# Redeeming a gift membership; buying one is payments' /gift/. Payments' emails link here by
# these names.
app_name = "gift"
urlpatterns = [
    path("", views.gift_redeem, name="redeem"),
    path("<str:code>/", views.gift_redeem_code, name="redeem_code"),
]
