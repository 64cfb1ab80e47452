from django.urls import path

from . import feeds

app_name = "narration"
urlpatterns = [path("podcast.xml", feeds.PodcastFeed(), name="podcast")]
