from django import template
from django.urls import reverse

from articles.access import Access

from ..models import Narration

register = template.Library()

# The playback speeds offered (narration.js remembers the reader's choice).
SPEEDS = ("1", "1.25", "1.5", "2")


@register.inclusion_tag("narration/player.html")
def narration_player(page, readable=True):
    """The article's audio player, or nothing until its audio (of its current text) exists.

    An article for members has its audio in private storage: a reader who may read the
    article (``readable``) gets it through ``audio.py``, any other a note that members can
    listen, and never its address. One query; the audio file is not touched (its URL comes
    from the stored name).
    """
    narration = (
        Narration.objects.filter(article_id=page.pk)
        .only("audio", "withheld_audio", "audio_hash", "text_hash", "duration_seconds")
        .first()
    )
    context = {"narration": None, "audio_url": None, "speeds": SPEEDS}
    if narration is None or narration.audio_hash != narration.text_hash:
        return context
    if narration.is_playable:
        return {**context, "narration": narration, "audio_url": narration.audio.url}
    if narration.withheld_audio and page.effective_access() != Access.PUBLIC:
        if not readable:
            return {**context, "members_only": True}
        audio_url = reverse("narration:members_audio", kwargs={"article_id": page.pk})
        return {**context, "narration": narration, "audio_url": audio_url}
    return context


@register.filter
def listen_duration(seconds):
    """252.4 → "4 min 12 s", 42 → "42 s"."""
    if seconds is None:
        return ""
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"


@register.filter
def clock(seconds):
    """172.4 → "2:52", 3725 → "1:02:05": how players show a length."""
    if seconds is None:
        return ""
    minutes, seconds = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


@register.filter
def iso_duration(seconds):
    """172.4 → "PT2M52S", for <time datetime>."""
    if seconds is None:
        return ""
    minutes, seconds = divmod(round(seconds), 60)
    return f"PT{minutes}M{seconds}S" if minutes else f"PT{seconds}S"
