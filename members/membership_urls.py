from django.urls import path

from . import views

app_name = "membership"
urlpatterns = [
    path("", views.membership, name="join"),
    path("thanks/", views.membership_thanks, name="thanks"),
]
