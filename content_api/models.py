"""Content API keys: who may read ``/ghost/api/content/``, as a Ghost site's integrations do.

A key is 26 hex characters, as Ghost's Content API keys are, given in the query string
(``?key=…``). Keys are made, shown and revoked by administrators in the admin (Settings →
Content API keys, ``wagtail_hooks.py``); a revoked (inactive) or deleted key answers 401 at
once, cached answers included (``views.py`` checks the key before the cache).
"""

import secrets

from django.db import models

KEY_LENGTH = 26


def new_key() -> str:
    return secrets.token_hex(KEY_LENGTH // 2)


class ContentAPIKey(models.Model):
    name = models.CharField(
        max_length=100, help_text='Who uses it, e.g. "Next.js front end" or "Mobile app".'
    )
    key = models.CharField(max_length=KEY_LENGTH, unique=True, default=new_key, editable=False)
    active = models.BooleanField(
        default=True, help_text="Untick to revoke the key: its requests are refused at once."
    )
    created = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = "Content API key"

    def __str__(self):
        return self.name
