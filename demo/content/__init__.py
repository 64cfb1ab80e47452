"""The demo newsroom's content: who it is, its sections, its people and its articles.

All of it is original fiction written for this demo. The articles live one module per
section; ARTICLES gathers them, each tagged with its section's slug.
"""

from dataclasses import replace

from . import business, culture, opinion, politics, region, world
from .newsroom import ABOUT_BODY, ABOUT_STANDFIRST, ABOUT_TITLE, AUTHORS, NEWSROOM, SECTIONS

ARTICLES = tuple(
    replace(article, section=module.SECTION)
    for module in (region, politics, business, world, culture, opinion)
    for article in module.ARTICLES
)

__all__ = [
    "ABOUT_BODY",
    "ABOUT_STANDFIRST",
    "ABOUT_TITLE",
    "ARTICLES",
    "AUTHORS",
    "NEWSROOM",
    "SECTIONS",
]
