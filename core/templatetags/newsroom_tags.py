import json

from django import template
from django.utils import dateformat, timezone
from django.utils.functional import LazyObject, empty
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..text import names_sentence

register = template.Library()

# "October 15, 2024 6:11 PM" in the newsroom's time zone.
HUMAN_DATETIME = "F j, Y g:i A"

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def newsroom_time(value, css_class=""):
    """A <time> element with the machine-readable offset and the human newsroom-local form."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return format_html(
        '<time datetime="{}"{}>{}</time>',
        local.isoformat(timespec="seconds"),
        format_html(' class="{}"', css_class) if css_class else "",
        dateformat.format(local, HUMAN_DATETIME),
    )


@register.filter
def json_ld(data):
    """Serialise structured data for a <script type="application/ld+json"> element.

    Escapes <, > and & so an editor's text can never close the script element.
    """
    serialised = json.dumps(data, ensure_ascii=False, default=_unwrap_lazy)
    return mark_safe(serialised.translate(_JSON_ESCAPES))  # noqa: S308


def _unwrap_lazy(value):
    """Lazy context values (the article page's) serialise as what they wrap."""
    if isinstance(value, LazyObject):
        if value._wrapped is empty:
            value._setup()
        return value._wrapped
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


@register.simple_tag
def byline(article_authors):
    """ "A", "A and B", "A, B and C": each published author linked to their page."""
    names = [_author_link(credit.author) for credit in article_authors]
    # Each name is format_html's, escaped; the sentence adds only ", " and " and ".
    return mark_safe(names_sentence(names))  # noqa: S308


def _author_link(author):
    if author.live:
        return format_html(
            '<a href="{}" rel="author">{}</a>', author.get_absolute_url(), author.name
        )
    return format_html("<span>{}</span>", author.name)
