from django import template

from ..models import Narration

register = template.Library()

# The playback speeds offered (narration.js remembers the reader's choice).
SPEEDS = ("1", "1.25", "1.5", "2")


@register.inclusion_tag("narration/player.html")
def narration_player(page, readable=True):
    """The article's audio player, or nothing until its audio (of its current text) exists.

    One query; the audio file is not touched (its URL comes from the stored name).
    """
    narration = (
        Narration.objects.filter(article_id=page.pk)
        .only("audio", "audio_hash", "text_hash", "duration_seconds")
        .first()
    )
    playable = narration is not None and narration.is_playable
    return {"narration": narration if playable else None, "speeds": SPEEDS}


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
