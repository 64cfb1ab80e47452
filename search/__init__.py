"""Search for readers: ``/search/?q=`` over published articles.

The view cleans what the reader typed (``query.py``), asks Wagtail's search backend for the
published articles that match every word (``selectors.py``; the database backend: PostgreSQL
full-text search in production, SQLite FTS5 in development), and shows each result with its
section, date and an excerpt with the matching words marked (``excerpts.py``). Headline,
standfirst, body, tags and author names are indexed (``ArticlePage.search_fields``); when an
author is published under a new name, their articles are re-indexed (``signals.py``,
``tasks.py``).
"""
