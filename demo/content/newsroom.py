"""The Halvesk Ledger: a fictional reader-funded newsroom in the fictional city of Halvesk.

Halvesk is an invented river city on the (equally invented) Kestra, in an unnamed Eastern
European country. Every person, company and place in the demo is made up.
"""

from .schema import Author, Newsroom, Section

NEWSROOM = Newsroom(
    name="The Halvesk Ledger",
    tagline="Independent news from Halvesk and the Kestra valley",
    monogram="HL",
    home_intro="Reader-funded reporting from Halvesk and the towns of the Kestra valley.",
    support_url="https://example.org/support/",
    podcast_email="podcast@example.org",
)

SECTIONS = (
    Section(
        slug="region",
        title="Region",
        intro="Halvesk and the towns and villages of the Kestra valley.",
        style="ridges",
    ),
    Section(
        slug="politics",
        title="Politics",
        intro="The city council, the regional administration and the parliament that answers "
        "to the valley's voters.",
        style="blocks",
    ),
    Section(
        slug="business",
        title="Business",
        intro="Jobs, prices, energy and the companies that shape life in the valley.",
        style="bars",
    ),
    Section(
        slug="world",
        title="World",
        intro="The border, the river basin, and the families and trade that tie the valley to "
        "everywhere else.",
        style="orbits",
    ),
    Section(
        slug="culture",
        title="Culture",
        intro="Stages, books, music and the everyday culture of Halvesk.",
        style="circles",
    ),
    Section(
        slug="opinion",
        title="Opinion",
        intro="Editorials and columns. Columnists' views are their own.",
        style="split",
    ),
)


def _links(handle):
    return (
        ("Contact", f"https://example.org/contact/{handle}/"),
        ("Mastodon", f"https://social.example.org/@{handle}"),
    )


AUTHORS = (
    Author(
        slug="ilona-sadek",
        name="Ilona Sadek",
        role="Editor-in-chief",
        bio="Ilona Sadek founded the Ledger with four colleagues after twenty years at regional "
        "newspapers in Halvesk and the capital. She edits the Ledger's investigations and writes "
        "the occasional editorial. She lives on the Left Bank and answers reader letters herself.",
        links=_links("ilona-sadek"),
    ),
    Author(
        slug="petr-voranek",
        name="Petr Voranek",
        role="Political correspondent",
        bio="Petr Voranek covers the city council, the regional administration and the national "
        "parliament as it affects the Kestra valley. Before joining the Ledger he spent eight "
        "years as a parliamentary reporter in the capital. He has sat through every city budget "
        "debate for a decade, including the all-night ones.",
        links=_links("petr-voranek"),
    ),
    Author(
        slug="yana-holub",
        name="Yana Holub",
        role="Reporter",
        bio="Yana Holub reports on the towns and villages of the Kestra valley, from floods and "
        "schools to hospitals and buses. She grew up in Zavir and studied journalism at Halvesk "
        "University, and is usually somewhere on the road between the two.",
        links=_links("yana-holub"),
    ),
    Author(
        slug="anton-ferenc",
        name="Anton Ferenc",
        role="Business editor",
        bio="Anton Ferenc writes about jobs, prices, energy and the companies that shape life in "
        "the valley. He previously worked as an economist at a regional bank, which he says "
        "taught him to read a balance sheet and to distrust a press release.",
        links=_links("anton-ferenc"),
    ),
    Author(
        slug="daria-lisova",
        name="Daria Lisova",
        role="Culture writer",
        bio="Daria Lisova writes about theatre, books, music and the everyday culture of "
        "Halvesk. She trained as an actor, spent six years as a radio presenter and has "
        "reviewed almost every premiere in the city for the past decade.",
        links=_links("daria-lisova"),
    ),
    Author(
        slug="marek-dolan",
        name="Marek Dolan",
        role="Data reporter",
        bio="Marek Dolan analyses public data for the Ledger: budgets, procurement records, "
        "election results and satellite imagery. He builds the maps and charts that accompany "
        "our investigations and publishes his methods alongside them.",
        links=_links("marek-dolan"),
    ),
    Author(
        slug="vera-halas",
        name="Vera Halas",
        role="Foreign affairs reporter",
        bio="Vera Halas covers the border, the river basin and the ties between the valley and "
        "the wider world, including the many families with relatives working abroad. She "
        "speaks four languages and has reported from eleven countries.",
        links=_links("vera-halas"),
    ),
    Author(
        slug="emil-stavrov",
        name="Emil Stavrov",
        role="Editor-at-large",
        bio="Emil Stavrov writes a weekly column about life in Halvesk, its public services and "
        "the things the city argues about. A former history teacher and an unrepentant tram "
        "enthusiast, he has lived in the same flat below Sosnovy Hill for eleven years.",
        links=_links("emil-stavrov"),
    ),
)

# The newsroom's own page beside the sections, at /about/.
ABOUT_TITLE = "About the Ledger"
ABOUT_STANDFIRST = "Who we are, who pays for our work, and how to reach the newsroom."
ABOUT_BODY = (
    "The Halvesk Ledger is a small newsroom that covers the city of Halvesk and the towns of "
    "the Kestra valley. It was started by four reporters after the city's old daily paper "
    "closed, and it has no owner but its staff and no master but its readers.",
    "Most of our money comes from members who pay a few euros a month; the rest from one-off "
    "donations and a grant for the school-funding investigation. We take no money from the "
    "city council, the regional administration or the companies we cover.",
    "Tips, corrections and complaints go to the desk at desk@example.org. We read everything, "
    "and we say so on the article when we get something wrong.",
)
