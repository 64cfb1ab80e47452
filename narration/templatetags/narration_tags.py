from django import template

from ..models import Narration

register = template.Library()


@register.inclusion_tag("narration/player.html")
def narration_player(page):
    """The article's audio player, or nothing until its audio (of its current text) exists.

    One query; the audio file is not touched (its URL comes from the stored name).
    """
    narration = (
        Narration.objects.filter(article_id=page.pk)
        .only("audio", "audio_hash", "text_hash", "duration_seconds")
        .first()
    )
    playable = narration is not None and narration.is_playable
    return {"narration": narration if playable else None}


@register.filter
def listen_duration(seconds):
    """252.4 → "4 min 12 s", 42 → "42 s"."""
    if seconds is None:
        return ""
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"
