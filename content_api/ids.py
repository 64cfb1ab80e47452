"""The ids the Content API shows, and the objects they name.

Ghost ids are 24 hex characters. An object imported from Ghost keeps its Ghost id
(ghost_import's ``GhostRecord``), so a front end, comment system or app that stored ids goes on
finding the same posts, authors and tags. Every other object's id is made of its kind (two hex
digits: posts, pages, authors, and tags from two tables) and its primary key, so an id names
exactly one object and ``parse`` reads back what ``of`` wrote. (Ghost's ids begin with the
seconds since 1970, so none of them begins with one of these kinds' digits.)

The Ghost ids of what one answer shows are read once per request (``request_scope``): the
posts and pages of the page asked for (``remember``), and every author, tag and tier of the
site, which are few.
"""

import contextlib
import contextvars
import re

from django.contrib.contenttypes.models import ContentType

KINDS = {"post": 1, "page": 2, "author": 3, "section": 4, "tag": 5, "tier": 6, "free_tier": 7}
_KIND_OF_CODE = {code: kind for kind, code in KINDS.items()}
GHOST_ID = re.compile(r"[0-9a-f]{24}")
MAX_PK = 2**63 - 1
# The kinds of ``GhostRecord`` each of ours was imported as, and the models they are.
GHOST_KINDS = {
    "post": "post",
    "page": "page",
    "author": "user",
    "section": "tag",
    "tag": "tag",
    "tier": "tier",
}
MODELS = {
    "post": "articles.ArticlePage",
    "page": "articles.InfoPage",
    "author": "authors.Author",
    "section": "articles.SectionPage",
    "tag": "taggit.Tag",
    "tier": "payments.Tier",
}
# Few per site: all of them are read at the first id of the kind an answer shows.
_READ_WHOLE = ("author", "section", "tag", "tier")

# (kind, pk) → the Ghost id, or None when known not to have one; None outside a request.
_known: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "content_api_ghost_ids", default=None
)


@contextlib.contextmanager
def request_scope():
    """The Ghost ids read while answering one request are kept until it is answered."""
    token = _known.set({})
    try:
        yield
    finally:
        _known.reset(token)


def _content_type(kind):
    return ContentType.objects.get_by_natural_key(*MODELS[kind].lower().split("."))


def _records(kind):
    from ghost_import.models import GhostRecord

    return GhostRecord.objects.filter(kind=GHOST_KINDS[kind], content_type=_content_type(kind))


def remember(kind: str, pks) -> None:
    """Read the Ghost ids of the ``kind`` objects ``pks`` (one query) for ``of``."""
    known = _known.get()
    if known is None or kind not in GHOST_KINDS:
        return
    wanted = [pk for pk in pks if (kind, pk) not in known]
    if not wanted:
        return
    known.update(dict.fromkeys(((kind, pk) for pk in wanted), None))
    for pk, ghost_id in (
        _records(kind).filter(object_id__in=wanted).values_list("object_id", "ghost_id")
    ):
        if GHOST_ID.fullmatch(ghost_id):
            known[(kind, pk)] = ghost_id


def _remember_whole(kind, known):
    marker = (kind, "*")
    if marker in known:
        return
    known[marker] = None
    for pk, ghost_id in _records(kind).values_list("object_id", "ghost_id"):
        if GHOST_ID.fullmatch(ghost_id):
            known[(kind, pk)] = ghost_id


def of(kind: str, pk: int) -> str:
    """The id the API shows for the ``kind`` object ``pk``."""
    known = _known.get()
    if known is not None and kind in GHOST_KINDS:
        if kind in _READ_WHOLE:
            _remember_whole(kind, known)
        elif (kind, pk) not in known:
            remember(kind, [pk])
        if ghost_id := known.get((kind, pk)):
            return ghost_id
    return f"{KINDS[kind]:02x}{pk:022x}"


def _own(value):
    kind = _KIND_OF_CODE.get(int(value[:2], 16))
    pk = int(value[2:], 16)
    # Beyond the largest primary key a database holds: it names nothing (and would overflow
    # the query's integer).
    if kind is None or pk > MAX_PK:
        return None
    return kind, pk


def parse(value: str, *, kinds=tuple(GHOST_KINDS)) -> tuple[str, int] | None:
    """(kind, primary key) of an id this API shows, or None for any other string. A Ghost id
    is looked for among ``kinds``."""
    value = value.lower()
    if not GHOST_ID.fullmatch(value):
        return None
    if int(value[:2], 16) in _KIND_OF_CODE:
        return _own(value)  # one of ours (no Ghost id begins so)
    from ghost_import.models import GhostRecord

    wanted = {GHOST_KINDS[kind] for kind in kinds}
    types = {_content_type(kind).pk: kind for kind in kinds}
    for content_type_id, object_id in GhostRecord.objects.filter(
        kind__in=wanted, ghost_id=value, content_type_id__in=types
    ).values_list("content_type_id", "object_id")[:1]:
        return types[content_type_id], object_id
    return None


def pk_of(kind: str, value: str) -> int | None:
    """The primary key of an object of ``kind`` the id names, or None."""
    parsed = parse(value, kinds=(kind,)) if kind in GHOST_KINDS else parse(value, kinds=())
    return parsed[1] if parsed is not None and parsed[0] == kind else None
