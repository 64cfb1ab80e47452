"""What a reader typed, made safe to show and to search with."""

import re
import unicodedata

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
