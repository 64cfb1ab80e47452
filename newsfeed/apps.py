from django.apps import AppConfig


class NewsFeedConfig(AppConfig):
    name = "newsfeed"
    # Called live until it was renamed for what it is: the label keeps that name, so its table
    # (live_newsfeeditem), migrations, permissions and admin URLs (/admin/snippets/live/…) stay;
    # so do its templates (templates/live/), its template tags (live_tags) and URL names (live:).
    label = "live"
    verbose_name = "News Feed"

    def ready(self):
        from . import signals  # noqa: F401
