"""Who else shows an object: listings that apps declare, so a change refreshes them all.

A page or a snippet is shown by its own URL and by listings, some of them another app's: an
article is on its authors' pages (``authors``), in the podcast (``narration``). The app that
lists it says so once, in its ``AppConfig.ready()``, for the model's label::

    dependents.register("articles.ArticlePage", provider)

``provider(obj)`` returns ``Listings``: the cache tags of those listings, read now (before a
deletion's rows go); a function giving their paths, called only when the CDN is purged
(``purge.py``); and the ids of Wagtail pages that show the object, whose ``page:<id>`` and own
URLs are refreshed (read with the others' in one query). ``listings_of(obj)`` is the union of
every provider's for the object's model and its parents' (a provider for ``wagtailcore.Page``
hears of every page type). So the app whose object changed needs no list of other apps' routes.
"""

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Model


def _no_paths():
    return ()


@dataclass(frozen=True)
class Listings:
    """Cache tags to invalidate, a function giving the paths (or URLs) to purge, and pages (by
    id) that show the object."""

    tags: frozenset[str] = field(default_factory=frozenset)
    paths: Callable[[], Iterable[str]] = _no_paths
    pages: frozenset[int] = field(default_factory=frozenset)

    def __post_init__(self):
        object.__setattr__(self, "tags", frozenset(self.tags))
        object.__setattr__(self, "pages", frozenset(self.pages))

    def __or__(self, other):
        first, second = self.paths, other.paths
        return Listings(
            self.tags | other.tags,
            lambda: itertools.chain(first(), second()),
            self.pages | other.pages,
        )

    @classmethod
    def union(cls, listings: Iterable["Listings"]) -> "Listings":
        combined = cls()
        for each in listings:
            combined |= each
        return combined


Provider = Callable[[Model], Listings]

_providers: dict[str, list[Provider]] = {}


def _label(model: type[Model] | str) -> str:
    return model if isinstance(model, str) else model._meta.label


def register(model: type[Model] | str, provider: Provider) -> None:
    """``provider(obj)`` names the listings that show ``obj``, an instance of ``model`` (a
    model class or its label, "app_label.ModelName"). Registering it again changes nothing."""
    providers = _providers.setdefault(_label(model), [])
    if provider not in providers:
        providers.append(provider)


def listings_of(obj: Model) -> Listings:
    """Every registered provider's listings of ``obj``: its model's, then its parents'."""
    models = [type(obj), *obj._meta.get_parent_list()]
    return Listings.union(
        provider(obj) for model in models for provider in _providers.get(_label(model), ())
    )
