"""What the page cache refreshes when a newsletter changes: its name and whether it takes
sign-ups show in every page's footer form (``site``, ``pagecache/tags.py``)."""

from django.urls import reverse


def signup_form_paths():
    """The front page's footer form and the newsletters' own page, /newsletters/."""
    return ["/", reverse("newsletters:index")]
