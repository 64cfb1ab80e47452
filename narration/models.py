from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Narration(models.Model):
    """The audio version of one article, and the state of the work that makes it.

    ``text_hash`` is the spoken text the newsroom wants narrated (set when a publish changes
    it); ``audio_hash`` is the text the current audio says. The player shows the audio
    only while the two agree, so an edited article never plays its old words.

    The audio is in public media (``audio``, served under ``MEDIA_URL``) only while the article
    is published and public. While it is not, the file waits in private storage
    (``withheld_audio``, the ``private`` entry of ``STORAGES``, served by no one) and comes back
    under a new random name when the article is public again. Audio replaced by a newer
    narration stays public as ``retired_audio`` until no cached page can still link it.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    article = models.OneToOneField(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="narration"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    text_hash = models.CharField(max_length=64)
    # Who holds the work: set when a task claims it, checked when it finishes.
    claim = models.CharField(max_length=32, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(default=0)
    retry_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    audio = models.FileField(upload_to="narration/", blank=True)
    withheld_audio = models.CharField(max_length=255, blank=True, editable=False)
    retired_audio = models.CharField(max_length=255, blank=True, editable=False)
    retired_at = models.DateTimeField(null=True, blank=True, editable=False)
    audio_hash = models.CharField(max_length=64, blank=True)
    audio_bytes = models.PositiveIntegerField(default=0)
    duration_seconds = models.FloatField(null=True, blank=True)
    voice = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["status", "retry_at"])]
        permissions = [("regenerate_narration", "Can regenerate narration")]

    def __str__(self):
        return f"Narration of {self.article}"

    @property
    def is_playable(self):
        """The player's rule, and the podcast feed's (``feeds.py`` asks it in SQL)."""
        return bool(self.audio) and self.audio_hash == self.text_hash


class LexiconEntry(index.Indexed, models.Model):
    """How the voice should say a word: "Zaluzhnyi" → "za LOOZH nee". Whole word, any case."""

    word = models.CharField(max_length=100, unique=True)
    say_as = models.CharField(
        "say it as",
        max_length=200,
        help_text='Plain words or a respelling, e.g. "za LOOZH nee". Applied to narrations made '
        "from now on; regenerate an article's narration to apply it there.",
    )

    panels = [FieldPanel("word"), FieldPanel("say_as")]
    search_fields = [index.SearchField("word"), index.AutocompleteField("word")]

    class Meta:
        ordering = ["word"]
        verbose_name = "pronunciation"
        verbose_name_plural = "pronunciations"

    def __str__(self):
        return f"{self.word} → {self.say_as}"
