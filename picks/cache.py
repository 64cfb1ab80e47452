"""The page cache's names for curated lists, and their URLs.

Tag (``pagecache/tags.py``): ``picks:<slug>``, one curated list (Top stories on the front page,
Editors' Picks on it and beside every article); its articles are theirs, ``page:<id>``.
"""

from pagecache import tags as cache_tags


def curated_list(slug):
    return cache_tags.keyed("picks", slug)


def list_paths():
    """What a list's change purges from the CDN: the front page, which shows every list."""
    return ["/"]
