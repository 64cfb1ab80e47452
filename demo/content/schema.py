"""The shapes of the demo content: plain frozen dataclasses, no Django."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Newsroom:
    name: str
    tagline: str
    monogram: str
    home_intro: str
    support_url: str = ""
    podcast_email: str = ""


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    intro: str
    style: str  # an illustration style from demo.images.STYLES


@dataclass(frozen=True)
class Author:
    slug: str
    name: str
    role: str
    bio: str
    links: tuple[tuple[str, str], ...] = ()

    @property
    def initials(self):
        return "".join(part[0] for part in self.name.split()[:2])


@dataclass(frozen=True)
class Article:
    """One article. ``published`` is (days ago, "HH:MM" newsroom time); ``body`` is demo.markup.
    ``access``: who may read it ("members", "paid"; blank: as its section, public)."""

    slug: str
    title: str
    standfirst: str
    authors: tuple[str, ...]
    published: tuple[int, str]
    tags: tuple[str, ...]
    caption: str
    body: str
    credit: str = "Illustration: The Halvesk Ledger"
    updated_after_hours: float | None = None
    access: str = ""
    section: str = field(default="")
