"""The demo's newsletters: what The Halvesk Ledger's fictional newsroom sends by email.

``load_newsletters()`` creates any of them that are missing (by slug) and returns how many it
created, so running it again is safe. The hosts are the demo's own fictional reporters.
"""

from newsletters.models import Newsletter

NEWSLETTERS = (
    {
        "slug": "explaining-halvesk",
        "name": "Explaining Halvesk",
        "host": "Ilona Sadek",
        "cadence": "Every Friday",
        "description": "The week in Halvesk, explained: what the council decided, what it "
        "costs you, and what to watch next week. Five minutes, no jargon.",
    },
    {
        "slug": "morning-ledger",
        "name": "The Morning Ledger",
        "host": "",
        "cadence": "Weekdays at 7 AM",
        "description": "The stories that matter before your first coffee: the night's news, "
        "today's council and court diary, and the Kestra's water level.",
    },
    {
        "slug": "river-notes",
        "name": "River Notes",
        "host": "Yana Holub",
        "cadence": "Every other Tuesday",
        "description": "Barges, bridges, floods and the people who work the Kestra, from "
        "the Ledger's reporter on the river.",
    },
    {
        "slug": "stage-and-page",
        "name": "Stage and Page",
        "host": "Daria Lisova",
        "cadence": "Monthly",
        "description": "Premieres, new books and the month's best small concerts in Halvesk, "
        "picked by our culture desk.",
    },
    {
        "slug": "ledger-insider",
        "name": "The Ledger Insider",
        "host": "Ilona Sadek",
        "cadence": "Every Sunday",
        "description": "For paying members: what we are reporting on next, what did not make "
        "the paper, and your questions answered by the editors.",
        "audience": "paid",
    },
)


def load_newsletters():
    created = 0
    for order, fields in enumerate(NEWSLETTERS):
        _, was_created = Newsletter.objects.get_or_create(
            slug=fields["slug"], defaults={**fields, "sort_order": order}
        )
        created += was_created
    return created
