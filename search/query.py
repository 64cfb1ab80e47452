"""What a reader or an editor typed, made safe to show and to search with.

Headlines pasted from a word processor or a wire story carry typographic quotes, apostrophes
and dashes where others type the plain ones of a keyboard ("Dam's repairs - begin"). Both the
text indexed (``core/search_fields.py``) and every query (``search/backend.py``: the readers'
search, the admin's page chooser and every other admin search) go through
``core.text.plain_typography``, so either form finds the other.
"""

import re
import unicodedata

from core.text import plain_typography

MAX_QUERY_LENGTH = 200
_WORD = re.compile(r"\w+")


def clean_query(raw):
    """The query as typed, without control characters (PostgreSQL rejects NUL), capped."""
    # Cut first so that a huge query costs no more work than a long one.
    text = unicodedata.normalize("NFKC", raw[: MAX_QUERY_LENGTH * 4])
    text = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_terms(query):
    """The words to search for.

    Only letters and digits go to the search backend: quotes, ``*``, ``-`` or ``NEAR(`` mean
    something to SQLite FTS5 and PostgreSQL tsquery, and a lone quote is a syntax error there.
    """
    return _WORD.findall(query)


def backend_query(raw):
    """A query as the search backend should get it: cleaned, with plain typography, and
    without "words" that are only punctuation (a lone dash matches nothing in SQLite FTS5,
    and every word must match)."""
    words = plain_typography(clean_query(raw)).split()
    return " ".join(word for word in words if _WORD.search(word))
