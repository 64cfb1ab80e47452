"""The demo's reader revenue: The Halvesk Ledger's paid tiers and a few members.

``load_membership()`` creates the tiers and members that are missing (by slug and address) and
returns how many it created, so running it again is safe. Saving a tier makes its prices
through the payments backend after the commit (the worker does it; under ``make run`` the
backend is the local Stripe stand-in), so a newcomer can join and pay without any account.
"""

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
    },
)


def load_membership():
    added = 0
    for data in TIERS:
        if not Tier.objects.filter(slug=data["slug"]).exists():
            Tier.objects.create(**data)
            added += 1
    for data in MEMBERS:
        if not Member.objects.filter(email=data["email"]).exists():
            Member.objects.create(**data)
            added += 1
    return added
