"""Curated lists: ordered choices of articles that editors make by hand.

Two lists exist from the start (a data migration): "Top stories", which leads the front page, and
"Editors' Picks", shown on the front page and beside articles. Each item may expire; an expired
item, or one whose article is no longer live, drops out of what readers see by itself.

Articles know nothing of picks: the front page asks for its top stories through a Wagtail hook
(``articles.models.TOP_STORIES_HOOK``, answered in ``wagtail_hooks.py``), and templates show the
picks with ``{% editors_picks limit=N exclude=page %}`` (``templatetags/picks_tags.py``).
"""
