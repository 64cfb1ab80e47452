"""Wagtail's database search backend (PostgreSQL full-text search, SQLite FTS5), with every
query made plain first (``query.backend_query``): typographic quotes and dashes as plain ones,
and no words of punctuation alone. ``WAGTAILSEARCH_BACKENDS`` names this module, so the
readers' search, the admin's page chooser and every other admin search get the same cleaning.
"""

from functools import cache

from modelsearch.backends import database
from modelsearch.query import Phrase, PlainText

from .query import backend_query


def SearchBackend(params):
    vendor_backend = database.SearchBackend(params)  # the class suits the database in use
    return _plain_queries(type(vendor_backend))(params)


@cache
def _plain_queries(backend_class):
    class PlainQueriesBackend(backend_class):
        def search(self, query, *args, **kwargs):
            return super().search(_plain(query), *args, **kwargs)

        def autocomplete(self, query, *args, **kwargs):
            return super().autocomplete(_plain(query), *args, **kwargs)

    PlainQueriesBackend.__name__ = f"Plain{backend_class.__name__}"
    return PlainQueriesBackend


def _plain(query):
    if isinstance(query, str):
        return backend_query(query)
    if isinstance(query, PlainText | Phrase):
        plain = backend_query(query.query_string)
        if not plain:
            return ""  # nothing left to look for: no results, as for an empty query
        if isinstance(query, Phrase):
            return Phrase(plain)
        return PlainText(plain, query.operator, query.boost)
    return query
