"""Articles: the front page, sections, articles, their body blocks, tags and reading time.

Page tree: HomePage → SectionPage (Ukraine, World, …) → ArticlePage. An article's section is its
parent page. Listings read through ``selectors.py`` (one place that says what "published" means
and what a listing prefetches); writes that go beyond Wagtail's own publishing live in
``services.py`` and run from the signal handlers in ``signals.py``.
"""
