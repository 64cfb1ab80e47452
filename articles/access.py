"""Who may read what: an article's access level, and the reader a request carries.

Articles know nothing of members. An app that signs readers in (``members``) answers the
Wagtail hook ``READER_HOOK`` with a function ``(request) -> Reader | None``; the first answer
that is not ``None`` is the request's reader, and with no answer the reader is anonymous.
Everything that shows an article's text (its page, feeds, search excerpts, JSON-LD, newsletters,
narration) asks ``can_read`` before showing more than the public preview.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from wagtail import hooks

READER_HOOK = "reader_access"


class Access(models.TextChoices):
    """An article's audience, from the widest."""

    PUBLIC = "public", "Public"
    MEMBERS = "members", "Members (free sign-in)"
    PAID = "paid", "Paid members"
    TIERS = "tiers", "Specific tiers"


@dataclass(frozen=True)
class Reader:
    """What a request's reader may read: never their name or address (pages may be cached per
    reader kind, so nothing here may be personal beyond the member id used to look things up).

    ``kind``: "anonymous", "free" (signed in) or "paid" (an active, trialing, grace-period or
    complimentary membership). ``tier_ids``: the tiers whose articles they may read.
    """

    kind: str = "anonymous"
    tier_ids: frozenset[int] = field(default_factory=frozenset)
    member_id: int | None = None

    @property
    def signed_in(self) -> bool:
        return self.kind != "anonymous"


ANONYMOUS = Reader()


def reader_for(request) -> Reader:
    """The request's reader, asked once per request of every ``READER_HOOK`` function."""
    if request is None:
        return ANONYMOUS
    reader = getattr(request, "_masthead_reader", None)
    if reader is None:
        reader = ANONYMOUS
        for answer in hooks.get_hooks(READER_HOOK):
            found = answer(request)
            if found is not None:
                reader = found
                break
        request._masthead_reader = reader
    return reader


def can_read(access: str, reader: Reader, *, tier_ids=frozenset()) -> bool:
    """Whether ``reader`` may read an article of ``access`` (``tier_ids``: its tiers, for
    ``Access.TIERS``). An unknown level is closed: only public text is public."""
    if access == Access.PUBLIC:
        return True
    if access == Access.MEMBERS:
        return reader.signed_in
    if access == Access.PAID:
        return reader.kind == "paid"
    if access == Access.TIERS:
        return reader.kind == "paid" and bool(reader.tier_ids & frozenset(tier_ids))
    return False
