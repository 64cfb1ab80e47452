from django.urls import path

from . import podcast

app_name = "members_podcast"
urlpatterns = [
    path("<str:token>/feed.xml", podcast.feed, name="feed"),
    path("<str:token>/<int:article_id>.mp3", podcast.audio, name="audio"),
]
