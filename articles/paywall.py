"""The paywall card: what a reader without access sees after a gated article's preview.

The card is the same for every reader it is shown to (its fragment varies only on whether the
reader reads the article whole), so it names no reader. Its links go to routes other apps
serve: signing in (``members``), the membership tiers and the one-time support page. They are
paths, not reversed names, so the article page renders while those apps are not installed.
An article for specific tiers offers those tiers (each to its place on the membership page).
"""

from urllib.parse import urlencode

from .access import Access

SIGN_IN_PATH = "/account/sign-in/"
MEMBERSHIP_PATH = "/membership/"
SUPPORT_PATH = "/support/"
GIFT_PATH = "/gift/"


def paywall_card(*, access, next_path, tiers=()):
    """The card's context for an article of ``access`` at ``next_path`` (where sign-in returns);
    ``tiers``, the tiers an article for specific tiers offers (``payments.Tier``)."""
    sign_in = f"{SIGN_IN_PATH}?{urlencode({'next': next_path})}"
    members_only = access == Access.MEMBERS
    return {
        "members_only": members_only,
        "tiers": [
            {"name": tier.name, "url": f"{MEMBERSHIP_PATH}#tier-{tier.slug}"} for tier in tiers
        ],
        "sign_in_url": sign_in,
        "membership_url": MEMBERSHIP_PATH,
        "support_url": SUPPORT_PATH,
    }
