"""Plain-text helpers every app shares: names as a sentence, typography made plain."""

# Apostrophes, quotation marks and dashes, by their plain keyboard forms.
_PLAIN = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u02b9\u0060\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2039\u203a", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    }
)


def names_sentence(names):
    """ "A", "A and B", "A, B and C": a byline, or the newsletters a reader chose."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def plain_typography(text):
    """``text`` with typographic quotes, apostrophes and dashes as plain ``'``, ``"`` and ``-``.

    Headlines pasted from a word processor or a wire story carry the typographic ones where
    others type those of a keyboard; search indexes and queries both text made plain
    (``core/search_fields.py``, ``search/query.py``), so either form finds the other."""
    return text.translate(_PLAIN)
