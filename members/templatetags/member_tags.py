"""``{% account_link %}``: the header's "Sign in", or "Account" for a signed-in member;
``{% reader_is_paid as paid %}``: whether the reader is of the paid kind (the site-wide banner
is not for them).

It shows only whether the reader is signed in, never who: the page cache keeps members' pages
per kind of reader (pagecache/variants.py), so this link is the same in every page of a kind.
Anonymous requests read nothing (no query, no session), so their pages stay exactly as
cacheable as before.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.access import reader_for
from pagecache.headers import has_session

register = template.Library()


# A person, drawn like the search link's magnifier: on a phone the link is this icon (its name
# stays the word, for screen readers), so the header keeps to one line; wider, the word shows.
PERSON_ICON = (
    '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">'
    '<circle cx="12" cy="8" r="4" fill="none" stroke="currentColor" stroke-width="2.5"/>'
    '<path d="M4 21c1.2-4.2 4.3-6.5 8-6.5s6.8 2.3 8 6.5" fill="none" stroke="currentColor" '
    'stroke-width="2.5" stroke-linecap="round"/></svg>'
)


@register.simple_tag(takes_context=True)
def account_link(context):
    request = context.get("request")
    # Without a session nobody is signed in: no reader is asked for (no hook, no query).
    if request is not None and has_session(request) and reader_for(request).signed_in:
        url, label = reverse("members:account"), "Account"
    else:
        url, label = reverse("members:sign_in"), "Sign in"
    return format_html(
        '<a class="site-header__account" href="{}">{}<span class="site-header__account-label">{}'
        "</span></a>",
        url,
        mark_safe(PERSON_ICON),  # noqa: S308 - a constant of this module, no reader's text
        label,
    )


@register.simple_tag(takes_context=True)
def reader_is_paid(context):
    """Whether the reader is of the paid kind, the kind the page cache keeps this page for,
    never who they are; as ``account_link``, nothing is asked without a session."""
    request = context.get("request")
    return request is not None and has_session(request) and reader_for(request).kind == "paid"
