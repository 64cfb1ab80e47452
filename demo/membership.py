"""The demo's reader revenue: The Halvesk Ledger's paid tiers, a few members, an article for
Patrons only, a support call to action in a public article and the site-wide banner.

``load_membership()`` creates or sets what is missing (tiers by slug, members by address; the
article, the block and the banner once) and returns how many it added, so running it again is
safe. Saving a tier makes its prices
through the payments backend after the commit (the worker does it; under ``make run`` the
backend is the local Stripe stand-in), so a newcomer can join and pay without any account.
"""

from articles.access import Access
from articles.models import ArticlePage
from core.models import NewsroomSettings
from members.models import Member
from payments.models import Tier

TIERS = (
    {
        "slug": "supporter",
        "name": "Supporter",
        "description": "Keep independent reporting from the Kestra valley going.",
        "benefits": "Every article, members-only and paid\nEvery paid story read aloud",
        "monthly_amount": 500,
        "yearly_amount": 5000,
        "trial_days": 0,
        "sort_order": 1,
    },
    {
        "slug": "patron",
        "name": "Patron",
        "description": "For readers who want to do more: pays for a day of reporting a month.",
        "benefits": "Everything Supporters get\nYour name in our yearly thank-you list\n"
        "An invitation to the newsroom's open evening",
        "monthly_amount": 1000,
        "yearly_amount": 10000,
        "trial_days": 14,
        "sort_order": 2,
    },
)

# Made-up readers (example.org never receives mail): one free, one given a complimentary
# membership by the newsroom.
MEMBERS = (
    {"email": "marta.reader@example.org", "name": "Marta Vell", "status": Member.Status.FREE},
    {
        "email": "guest.columnist@example.org",
        "name": "Teodor Ansel",
        "status": Member.Status.COMPED,
        "note": "Complimentary: guest columnist.",
        "comp_tier": "patron",
    },
)

# A long read Patrons read first (its tiers: only theirs), and a public article that ends
# with the support call to action.
PATRONS_ARTICLE = "olesk-village-school"
SUPPORT_ARTICLE = "floodwall-repairs-behind-schedule"
SUPPORT_BLOCK = {
    "heading": "Support our journalism",
    "text": "The Ledger is paid for by its readers, not by advertisers or owners. Join them, "
    "give once, or give a membership to someone who reads us.",
}
BANNER = {
    "banner_on": True,
    "banner_text": "The Halvesk Ledger is funded by readers like you.",
    "banner_link_label": "Become a member",
    "banner_link_url": "/membership/",
}


def load_membership():
    added = 0
    for data in TIERS:
        if not Tier.objects.filter(slug=data["slug"]).exists():
            Tier.objects.create(**data)
            added += 1
    for data in MEMBERS:
        if not Member.objects.filter(email=data["email"]).exists():
            comp_tier = data.get("comp_tier")
            fields = {key: value for key, value in data.items() if key != "comp_tier"}
            if comp_tier:
                fields["comp_tier"] = Tier.objects.get(slug=comp_tier)
            Member.objects.create(**fields)
            added += 1
    added += _patrons_article() + _support_block() + _banner()
    return added


def _republish(article):
    article.save_revision().publish()


def _patrons_article():
    article = ArticlePage.objects.filter(slug=PATRONS_ARTICLE).first()
    if article is None or article.access == Access.TIERS:
        return 0
    article.access = Access.TIERS
    article.access_tiers.set([Tier.objects.get(slug="patron")])
    _republish(article)
    return 1


def _support_block():
    article = ArticlePage.objects.filter(slug=SUPPORT_ARTICLE).first()
    if article is None or any(block.block_type == "support" for block in article.body):
        return 0
    article.body.append(("support", SUPPORT_BLOCK))
    _republish(article)
    return 1


def _banner():
    settings = NewsroomSettings.load()
    if settings.banner_on or settings.banner_text:
        return 0
    for name, value in BANNER.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
    return 1
