from django.urls import path

from . import feeds, views

app_name = "live"
urlpatterns = [
    path("", views.feed, name="feed"),
    path("<int:pk>/", views.item_detail, name="detail"),
    path("updates.json", views.updates, name="updates"),
    path("rss/", feeds.NewsFeedRss(), name="rss"),
]
