"""Which regular expressions of a Ghost redirects file are kept: bounded in length and count,
and none of the shape whose matching can run away (catastrophic backtracking)."""

import re

MAX_RULES = 200
MAX_PATTERN = 300
# A quantified group that is itself quantified, the shape of catastrophic backtracking.
NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]")


def regex_refusal(pattern):
    """Why a ``from`` pattern is not kept as a rule (None: it is kept)."""
    if len(pattern) > MAX_PATTERN:
        return f"longer than {MAX_PATTERN} characters"
    if NESTED_QUANTIFIER.search(pattern):
        return "a nested quantifier (it could take very long to match)"
    try:
        re.compile(pattern)
    except re.error as error:
        return f"not a regular expression Python reads ({error})"
    return None
