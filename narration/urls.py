from django.urls import path

from . import feeds, transcripts

app_name = "narration"
urlpatterns = [
    path("podcast.xml", feeds.PodcastFeed(), name="podcast"),
    path("podcast/<int:article_id>/transcript.txt", transcripts.transcript, name="transcript"),
]
