"""Culture: stages, books and music in Halvesk. The works and artists reviewed are invented."""

from .schema import Article

SECTION = "culture"

ARTICLES = (
    Article(
        slug="iron-bridge-theatre-reopens",
        title="The Iron Bridge Theatre reopens with a play about the city's lost trams",
        standfirst="Two years after the flood filled its basement stage, the company is back "
        "with a bittersweet comedy about the night the last tram ran to Sosnovy Hill.",
        authors=("daria-lisova",),
        published=(3, "18:30"),
        tags=("Theatre", "Reviews"),
        caption="Stage lights on a curtain, in overlapping circles.",
        body="""
On the night the last tram ran up to Sosnovy Hill, in the winter of 1998, the driver stopped at
every stop on the way back down, whether anyone was waiting or not, and rang the bell. People
came out of their flats in dressing gowns to wave.

That, at least, is how the story is told in Halvesk, and it is the starting point for Last Tram
to Sosnovy Hill, the play with which the Iron Bridge Theatre reopened this week after two years
out of action. The company's basement stage, in the vaults under the bridge's eastern approach,
was filled to the ceiling with river water during the flood.

The new production, written by the company's director, Lev Adamec, takes place entirely inside a
single tram carriage on that final night. The passengers include a pair of teenagers who have
missed the last bus, a retired tram engineer, a woman moving out of her husband's flat with two
suitcases and a cat, and the city official who was responsible for closing the line and has
decided, for reasons of his own, to ride it.

## A comedy with a lump in its throat

It is funny, often very funny. Adamec has a gift for the kind of argument strangers have when
they are stuck together, petty and sincere at the same time. The exchange between the engineer
and the official about whether the line could have been saved, conducted while both of them try
to keep the cat in its basket, is the best five minutes of theatre I have seen in the city in
years.

But the play is also, plainly, about what cities lose when they decide something is no longer
worth the money. The official's defence of his decision is not a straw man; it is a careful
account of maintenance costs and passenger numbers that several people in the audience were
nodding along to. The play lets it stand, and lets the loss stand beside it.

> We wanted to make something about the flood without making a play about the flood. Everyone
> here already knows what water does. We wanted to talk about what a city decides to keep.
-- Lev Adamec, director

The set, by the designer Zoya Petrenko, is a tram interior rebuilt partly from parts salvaged
from a scrapyard outside Brodny. The seats are real. So is the bell, which rings at the end to
an audience that, on the opening night, was audibly in tears.

## Back in the vaults

The company spent much of the past two years performing in school halls and the foyer of the
city library while the vaults were dried out, rewired and fitted with a pump that now switches
on by itself. Its city grant was cut in the budget passed last week, and Adamec says the theatre
will rely more on ticket sales and a small circle of regular donors.

Last Tram to Sosnovy Hill runs until the end of next month, Thursday to Sunday. Tickets cost €8,
with half-price seats for students and pensioners. Go, and bring a handkerchief.

[teaser: council-approves-budget]
""",
    ),
    Article(
        slug="the-quiet-shift-review",
        title="The Quiet Shift: the strike novel Halvesk cannot stop arguing about",
        standfirst="Ruta Melnik's debut retells the occupation of the Brodny steelworks through "
        "the eyes of a canteen cook. Some who were there call it a betrayal; most readers "
        "simply cannot put it down.",
        authors=("daria-lisova",),
        published=(6, "17:00"),
        tags=("Books", "Reviews", "Brodny"),
        caption="A book cover that does not exist, in discs of colour.",
        body="""
There is a scene about a third of the way through The Quiet Shift in which Vira, the cook who
narrates it, is asked by the strike committee to stretch four sacks of potatoes and a crate of
tinned fish to feed eight hundred men for three days. She does it, and the way she does it,
described over six pages with the precision of a recipe and the tension of a thriller, tells you
most of what you need to know about this remarkable debut.

Ruta Melnik's novel is set during the occupation of the Brodny steelworks in the winter of 1996,
when workers who had not been paid for seven months barricaded themselves inside the plant for
nineteen days. It is an event that almost everyone over forty in the Kestra valley remembers, and
that almost nobody agrees about.

Melnik, who was nine at the time and whose father was among the occupiers, has chosen to tell
the story from the margins. Vira is not a steelworker and not a militant. She runs the works
canteen, she has opinions about everyone, and she is, for most of the book, more worried about
her teenage son, who is inside the plant against her wishes, than about the strike's demands.

## Small rooms, large events

The effect is to make history domestic without making it small. The big moments are there, the
negotiations with the ministry, the night the riot police gathered at the gates and then left,
but we see them from the canteen hatch, through steam, in fragments overheard while serving soup.
Melnik is very good on the way rumours move through a closed space, and on the particular
exhaustion of people who are waiting for something to happen.

She is also unsentimental. The strike committee includes heroes and bullies, sometimes in the
same person. One of the most memorable characters, a charismatic organiser called Hordiy, turns
out to have been negotiating a private settlement for himself. The book never tells us what to
think of him; it simply shows us Vira, in the last chapter, refusing to serve him.

## Why it has caused a row

It is Hordiy who has caused the trouble. Several former strike leaders have said publicly that
he is an obvious portrait of a real person, now dead, and that the novel smears a man who cannot
answer back. A letter signed by twelve veterans of the occupation, published last week, called
the book "a story written by people who were not there about people who were".

Melnik says that Hordiy is invented, and that she spoke to more than forty people who took part
in the strike while researching the book. At a reading at the city library this week, so full
that people stood in the corridor, she said she had written a novel, not a history.

> I was not trying to settle anybody's account. I was trying to understand why my father came
> home from those nineteen days and never talked about them.
-- Ruta Melnik, speaking at the city library

## Read it anyway

Whatever one thinks of the argument, it is a measure of the book's power that it has started
one. The Quiet Shift is the most vivid account I have read of what the 1990s did to towns like
Brodny: not only the poverty, but the humiliation of being told that work you had done all your
life no longer had any value.

It is not flawless. The final chapters, set in the present day, feel hurried, and a subplot about
Vira's sister abroad is never fully developed. But those are the quibbles of a reader who wanted
more. With the steelworks once again cutting a shift, it could hardly be more timely.

[teaser: brodny-steelworks-shift-cut]

The Quiet Shift is published by Kestra Press (384 pages, €14).
""",
    ),
    Article(
        slug="kitchen-archive",
        title="Ordinary kitchens: the archive collecting the valley's domestic life",
        standfirst="A historian at Halvesk University is asking families for their recipe "
        "notebooks, shopping lists and kitchen snapshots. More than 1,200 have arrived so far.",
        authors=("daria-lisova",),
        published=(14, "16:15"),
        tags=("History", "Archives", "Halvesk University"),
        caption="Jars, plates and a calendar, reduced to circles of colour.",
        body="""
The shopping list is written in pencil on the back of a tram ticket. It reads: flour, two kilos;
sugar if there is any; soap; ask about the boots. There is no date, but the ticket is from 1983,
and the handwriting belonged to a woman who worked in the spinning mill in Halvesk for 31 years.

It is one of more than 1,200 items sent to the Kitchen Archive, a project run by the historian
Olga Perun at Halvesk University, since she appealed for donations on local radio six months ago.

Perun says the idea came from frustration. The archives she used as a researcher were full of
factory records, party documents and official photographs, but held almost nothing about how
people actually lived: what they ate, how they queued, how they made a small flat feel like a
home.

> We know exactly how many tonnes of steel Brodny produced in 1979. We know almost nothing about
> what the people who made it had for dinner.
-- Olga Perun, historian

## What people send

Most donations arrive by post, often with a letter explaining where they came from. There are
recipe notebooks that span three generations, with a grandmother's neat handwriting giving way
to her daughter's biro and then to a granddaughter's printed sheets glued in. There are ration
cards, instruction leaflets for pressure cookers and a surprising number of carbon copies of
letters of complaint to the makers of kitchen appliances.

[image: Objects donated to the Kitchen Archive, catalogued by colour. |
Illustration: The Halvesk Ledger]

There are also snapshots, which Perun says are the most revealing part of the collection. Most
were not taken to show the kitchen at all. They record birthdays, children on someone's lap, New
Year tables, and the kitchen is simply in the background: the wallpaper, the calendar, the jars
on the shelf.

> People apologise when they send them. They say, it is just our kitchen, nothing special. That
> is exactly why it is special.
-- Olga Perun

## From archive to exhibition

A selection from the archive will go on show at the city museum later this year, alongside a
kitchen from a 1970s apartment block on the Left Bank, reassembled from donated furniture and
appliances. Perun is also working with the university's history students to record interviews
with donors.

The project has no permanent funding. It survives on a small university grant and the unpaid
work of students and volunteers, who spend two evenings a week scanning and cataloguing. Perun
hopes the exhibition will persuade the city to take the collection into its own archive.

Donations can be posted or brought to the history faculty on University Street. Perun asks only
that people include a note saying whose kitchen it was, and when.
""",
    ),
    Article(
        slug="boathouse-jazz-club",
        title="Jazz in the boathouse: the club that survived three owners and a flood",
        standfirst="For almost three decades, a wooden rowing club on the Kestra has doubled as "
        "Halvesk's only jazz venue. Its new owner wants to keep it exactly as it is.",
        authors=("daria-lisova",),
        published=(23, "19:20"),
        tags=("Music", "Nightlife", "Kestra River"),
        caption="A quartet, a bar and the river outside, as discs of light.",
        body="""
To get to the Boathouse, you walk down a flight of concrete steps from the embankment, past a row
of upturned rowing boats, and push open a door that sticks in wet weather. Inside there are
perhaps eighty seats, a bar made from an old racing shell, and a stage just big enough for a
quartet, provided the drummer is not ambitious.

It has been Halvesk's jazz club since the late 1990s, when a rowing coach called Yuri Pavlenko
started letting friends play in the clubhouse on Friday nights. It has since survived three
changes of ownership, a fire in the kitchen, the smoking ban and, last year, a flood that left a
line of river silt a metre up its walls.

Its latest owner is Sasha Kravets, a pianist who played her first paid gig on its stage at the
age of seventeen. She bought the lease earlier this year from a property company that had planned
to turn the building into a restaurant.

> People keep asking me what I am going to change. The answer is the roof, the toilets and the
> wiring. Not the room. The room is the whole point.
-- Sasha Kravets, owner

## Rebuilding after the water

The flood very nearly finished the club. Its piano, a battered upright played by almost every
jazz musician of note to pass through the city, was ruined. The insurer paid for less than half
the damage.

What saved it, Kravets says, was the audience. A fundraising concert at the city concert hall,
where musicians who had started out at the Boathouse played for free, raised enough to replace
the piano and refit the bar. Regulars turned up with buckets and scrubbing brushes to clean the
silt from the walls.

The Boathouse now has live music five nights a week, including a Tuesday jam session at which
students from the music college play alongside professionals. Admission is usually €5, and
Tuesdays are free.

> The first time I played here I was terrified, and someone in the audience shouted "slower!",
> and I slowed down, and it was better. That is this place.
-- Sasha Kravets

On a recent Friday, the room was full by nine. A trio from the capital played standards and
then, as the night went on, a set of tunes built around folk melodies from the northern valleys.
Outside, the river slid past in the dark, a few metres from the door.
""",
    ),
)
