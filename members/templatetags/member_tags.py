"""``{% account_link %}``: the header's "Sign in", or "Account" for a signed-in member.

It shows only whether the reader is signed in, never who: a page stored for anonymous readers
was rendered without a session, and a member's request carries a session cookie, which the
page cache never answers from a stored page. Anonymous requests read nothing (no query, no
session), so their pages stay exactly as cacheable as before.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from ..sessions import signed_in_member

register = template.Library()


@register.simple_tag(takes_context=True)
def account_link(context):
    request = context.get("request")
    if request is not None and signed_in_member(request) is not None:
        return format_html(
            '<a class="site-header__account" href="{}">Account</a>', reverse("members:account")
        )
    return format_html(
        '<a class="site-header__account" href="{}">Sign in</a>', reverse("members:sign_in")
    )
