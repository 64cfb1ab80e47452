"""What the page cache refreshes when the catalogue changes: /gift/ shows every active tier
and what each length of gift costs (tag ``tiers``)."""

from django.urls import reverse

from pagecache import tags as cache_tags

TIERS = cache_tags.keyed("payments", "tiers")


def gift_paths():
    return [reverse("payments:gift")]
