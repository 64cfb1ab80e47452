from django.urls import path

from . import audio, feeds, transcripts

app_name = "narration"
urlpatterns = [
    path("podcast.xml", feeds.PodcastFeed(), name="podcast"),
    path("podcast/<int:article_id>/transcript.txt", transcripts.transcript, name="transcript"),
    path("podcast/<int:article_id>/audio.mp3", audio.members_audio, name="members_audio"),
]
