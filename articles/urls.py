from django.urls import path

from core import converters  # noqa: F401  (registers "uslug")

from . import views

app_name = "tags"
urlpatterns = [path("<uslug:slug>/", views.tag_detail, name="detail")]
