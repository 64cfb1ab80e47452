"""The ids the Content API shows, and the objects they name.

Ghost ids are 24 hex characters. Masthead's are made of the object's kind (two hex digits:
posts, pages, authors, and tags from two tables) and its primary key, so an id names exactly
one object and ``parse`` reads back what ``of`` wrote. The one place to switch to the Ghost
ids of imported objects (ghost_import's ``GhostRecord``) later.
"""

import re

KINDS = {"post": 1, "page": 2, "author": 3, "section": 4, "tag": 5, "tier": 6, "free_tier": 7}
_KIND_OF_CODE = {code: kind for kind, code in KINDS.items()}
GHOST_ID = re.compile(r"[0-9a-f]{24}")
MAX_PK = 2**63 - 1


def of(kind: str, pk: int) -> str:
    return f"{KINDS[kind]:02x}{pk:022x}"


def parse(value: str) -> tuple[str, int] | None:
    """(kind, primary key) of an id this API wrote, or None for any other string."""
    value = value.lower()
    if not GHOST_ID.fullmatch(value):
        return None
    kind = _KIND_OF_CODE.get(int(value[:2], 16))
    pk = int(value[2:], 16)
    # Beyond the largest primary key a database holds: it names nothing (and would overflow
    # the query's integer).
    if kind is None or pk > MAX_PK:
        return None
    return kind, pk


def pk_of(kind: str, value: str) -> int | None:
    """The primary key of an object of ``kind`` the id names, or None."""
    parsed = parse(value)
    return parsed[1] if parsed is not None and parsed[0] == kind else None
