from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("", views.account, name="account"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/code/", views.sign_in_code, name="sign_in_code"),
    path("sign-in/link/<str:token>/", views.sign_in_link, name="sign_in_link"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("email/confirm/<str:token>/", views.email_confirm, name="email_confirm"),
    path("data/", views.data_download, name="data"),
    path("delete/", views.delete, name="delete"),
    path("billing/", views.billing, name="billing"),
]
