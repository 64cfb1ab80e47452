"""Opinion: the Ledger's editorials and columns. Written for the demo; nobody real is quoted."""

from .schema import Article

SECTION = "opinion"

ARTICLES = (
    Article(
        slug="publishing-council-contracts",
        title="Why we are publishing the council's contracts in full",
        standfirst="From today, the Ledger will publish every contract over €50,000 signed by the "
        "city and the regional administration. Here is why, and what we ask of readers.",
        authors=("ilona-sadek",),
        published=(4, "06:35"),
        tags=("Transparency", "Procurement", "Editorial"),
        caption="Contracts, stacked and split: an editorial in shapes.",
        credit="",
        body="""
Every year, the city of Halvesk and the Kestra regional administration sign thousands of
contracts with private companies. They buy asphalt and school dinners, software and snow
clearing, legal advice and the construction of floodwalls. Together, those contracts account for
more than a third of everything the two administrations spend.

In theory, most of that information is already public. Tenders are run through the national
electronic procurement system, and signed contracts are supposed to be uploaded to it. In
practice, anyone who has tried to use the system knows how hard it is to find anything. Documents
are uploaded late, as unreadable scans, or not at all. Searching by company name often fails.
Amendments that change the price of a contract after it is signed can be buried in a separate
section that few people know exists.

From today, the Ledger will publish, in a searchable database on our website, every contract over
€50,000 signed by the city council and the regional administration, along with every amendment,
and we will update it every week. Where a contract has not been uploaded, we will say so, and we
will ask for it.

## Why we are doing this

Yesterday, our reporters showed that a single company had won nine of the region's last eleven
road-repair tenders, most of them without any competition. That story began with a reader who
noticed the same name on roadworks signs all over the valley and wondered why. It took two
reporters three months to piece the contracts together. It should not take that long.

[teaser: governor-road-contracts]

We do not assume that anyone who wins a public contract has done something wrong. Most have not.
But public money is spent in the public's name, and the public should be able to see where it
goes without needing a law degree or a journalist.

> Sunlight is not an accusation. It is a habit, and one that every public institution can
> afford.
-- From the Ledger's founding statement

## What we ask of readers

A database is only as useful as the people who read it. If you see a contract that looks odd, a
price that seems high, or a company you have never heard of winning work in your street, tell
us. Our contact details are at the bottom of every page, and you can write to us in confidence.

We will not publish every tip, and we will check everything before we publish anything. But some
of the best stories we have done started with a reader asking a simple question.

## What we ask of officials

We have written to the mayor and the governor asking them to publish the same information
themselves, in a usable form, so that a newspaper does not have to. If they do, we will happily
link to their database and retire ours. Until then, ours will be there.
""",
    ),
    Article(
        slug="the-valley-needs-buses-that-come",
        title="The valley does not need another bypass. It needs buses that come",
        standfirst="The regional government wants to spend €90 million on a new road around "
        "Brodny. For a fraction of that, it could make public transport something people choose.",
        authors=("emil-stavrov",),
        published=(3, "09:00"),
        tags=("Transport", "Column"),
        caption="A road, a bus and an argument, drawn as a diagonal.",
        body="""
There is a bus stop at the bottom of the hill below my flat, with a timetable fixed to the
shelter. It says buses to the centre of Halvesk come every twenty minutes. I have lived here for
eleven years, and I have never once seen them do it.

This is not a complaint about the drivers, who are heroic, or even about the buses, which are
mostly fine. It is a complaint about priorities. The regional government has just announced that
it wants to spend €90 million on a bypass around Brodny, a road that will save drivers perhaps
eight minutes on the journey from Halvesk to the steelworks. It has announced nothing at all
about the buses.

Every transport planner I have ever spoken to says the same thing: new roads fill up. Build a
bypass, and within a few years the traffic it was meant to relieve has grown to fill it, and
people start asking for another one. The only proven way to keep a valley moving is to give
people a genuine alternative to the car.

## What €90 million would buy

Consider what that money could do. The entire annual subsidy for bus services across the Kestra
region is about €14 million. For the cost of the bypass, the region could double the frequency
of every rural bus route for the next six years and still have money left over.

Or it could do what other regions have done and build a proper network: buses every fifteen
minutes on the main valley routes, timed to meet the trains at Halvesk station, with a single
ticket that works on the trams, the buses and the regional railway. Nothing about that is
futuristic. Several of our neighbours did it decades ago.

> I do not need the bus to be fast. I need it to be there.
-- Ganna, 78, who lives in Zavir and does not drive

## The people the road forgets

The people who depend on buses are not, on the whole, the people who attend planning meetings.
They are teenagers who need to get to school, pensioners who have given up driving, night-shift
workers, people who cannot afford a car or have lost their licence. In the villages of the
northern valleys, where the last bus of the day often leaves before six in the evening, they are
effectively stranded after dark.

The return of a night bus on the Left Bank, paid for in last week's city budget, is a small sign
that the city understands this. The regional government, which runs the buses beyond the city
limits, does not yet seem to.

[teaser: market-street-parking-fees]

I am not against roads. Brodny's residents have put up with lorries rumbling down their main
street for years, and they deserve relief. But the honest answer to their problem might be a
smaller, cheaper road for the lorries alone, paired with a serious investment in getting everyone
else out of their cars.

The region's transport plan is open for consultation until the end of next month. If you have
ever stood at a bus stop wondering whether the timetable is a work of fiction, now would be a
good time to say so.
""",
    ),
    Article(
        slug="grandmothers-allotment-food-prices",
        title="What my grandmother's allotment taught me about food prices",
        standfirst="Supermarket prices have outpaced wages for two years. The answer is not for "
        "everyone to grow potatoes, but the allotments of the Left Bank have something to teach "
        "the city.",
        authors=("emil-stavrov",),
        published=(15, "07:55"),
        tags=("Food", "Prices", "Column"),
        caption="A strip of earth between an embankment and a ditch, in two halves.",
        access="members",
        body="""
My grandmother kept an allotment on the edge of the Tovarna estate for forty years, a narrow
strip of black earth between a railway embankment and a drainage ditch. She grew potatoes,
onions, beetroot, cabbages, a row of raspberries and, for reasons she never explained, a single
enormous sunflower every year.

When I was a child, I assumed this was a hobby. It was only much later that I understood it was
how our family ate through the 1990s, when wages went unpaid for months and the shops, when they
had anything, had it at prices nobody could afford.

I have been thinking about her allotment a great deal lately, because food prices in Halvesk are
again rising faster than incomes. According to the national statistics office, the cost of a
basic basket of groceries has risen by about 23 percent in two years, while average wages in the
region have risen by 15 percent. For pensioners, whose incomes have risen more slowly still, the
gap is wider.

## The allotments are full again

I am not going to suggest that the answer is for everyone to dig up a strip of land and plant
cabbages. Most people have neither the time, the land nor the back for it. But it is worth
noticing that the waiting list for the city's allotments, which was empty a decade ago, now runs
to more than 400 names.

> Ten years ago we had plots going to weeds. Now people ring every week asking if anyone has
> died.
-- Mykhailo Pak, secretary of the Left Bank Allotment Association

The people on the list are not nostalgic pensioners, or not only. They are young families,
people who lost work in the past two years, and a surprising number of people who have simply
decided that knowing where some of their food comes from is worth a few evenings a week.

## What the city could do

There are things the council could do without spending much. It owns several pieces of unused
land on the Left Bank that could be turned into new plots. It could allow the weekly farmers'
market on Cathedral Square to run twice a week, as traders have asked. It could stop charging
farmers from the valley the same stall fees as resellers who bring in produce from wholesale
markets.

None of this would bring down the price of a supermarket trolley. But it would make the food
that grows an hour's drive from the city easier to buy, and it would give people who want to
grow their own somewhere to do it.

My grandmother would have taken a blunter view. She would have said that anyone who complained
about the price of potatoes should try growing some. She would have been half right. The other
half is that not everyone can, and a city should make sure they do not have to.
""",
    ),
    Article(
        slug="numbers-need-context",
        title="Numbers without context are noise. Here is how we try to avoid them",
        standfirst="Our data reporter explains the rules the Ledger follows before it puts a "
        "figure in a headline, and why we sometimes leave a dramatic number out.",
        authors=("marek-dolan",),
        published=(26, "10:00"),
        tags=("Journalism", "Data", "Column"),
        caption="Rates, totals and margins of error, as one split frame.",
        body="""
Every week, the Ledger receives dozens of press releases containing numbers. Crime is up 40
percent. Tourism is at a record high. A new factory will create 500 jobs. Some of these numbers
are accurate and meaningful. Some are accurate and meaningless. A few are simply wrong. Part of
my job is to tell the difference before any of them reach you.

Here are the rules we follow.

## Always ask: compared with what?

A figure on its own tells you very little. A 40 percent rise in burglaries sounds alarming, but
if the number went from five to seven in a small district, it is probably noise. When we report
a change, we try to give the actual numbers as well as the percentage, and to say whether the
change is larger than the ordinary ups and downs from one year to the next.

## Prefer rates to totals

Halvesk has more road accidents than Olesk. It also has about a hundred times as many people and
cars. When we compare places of different sizes, we use rates, per 1,000 residents or per
kilometre of road, rather than raw totals. When we compare money across years, we adjust for
inflation, and we say that we have.

> The most dangerous number in journalism is the one that is technically true.
-- A note pinned above the data desk

## Show where it came from

Every figure in our reporting should have a source that readers can check, and where we have
done our own analysis, we publish our method and, where we can, our data. When we are unsure, we
say so. A word like "roughly" or "about" is not a weakness; it is an honest description of what
we know.

## Be careful with promises

Companies and politicians announce jobs, investments and savings that have not happened yet. We
report these as claims, attributed to whoever made them, and we try to go back later to see
whether they came true. In our experience, the number of jobs announced on the day a factory is
unveiled is usually the highest that number will ever be.

## Sometimes, leave it out

Occasionally we decide not to publish a number at all. If a figure comes from a survey too small
to mean anything, or from a source that will not tell us how it was calculated, putting it in a
headline would give it an authority it has not earned. We would rather tell you less than
mislead you.

None of this makes us infallible. We make mistakes, and when we do, we correct them openly, at
the bottom of the article, saying what was wrong. If you think we have got a number wrong, write
to us. Someone will check, and if you are right, we will say so.
""",
    ),
)
