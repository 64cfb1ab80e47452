from django.urls import path

from . import views

app_name = "mailing"
urlpatterns = [
    path("<int:pk>/", views.issue_web, name="issue_web"),
]
