"""Who may do what in the newsroom, and how a story goes live.

- ``roles.py`` names the four roles (Reporters, Editors, Newsletter managers, Administrators)
  and their permissions; migration 0001 creates them, with the "Editor review" workflow that
  every page passes through before a reporter's work is published.
- ``services.py`` carries out scheduled publishing ("go live at") and expiry; ``periodic.py``
  runs it from the worker's clock every few seconds, so no cron entry is needed.
"""

from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial roles and workflow"
