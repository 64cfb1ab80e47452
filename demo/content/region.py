"""Region: Halvesk and the Kestra valley. Fiction; any resemblance to real places is chance."""

from .schema import Article

SECTION = "region"

ARTICLES = (
    Article(
        slug="floodwall-repairs-behind-schedule",
        title="Only two of seven damaged floodwall sections rebuilt, city engineers admit",
        standfirst="A contractor blames late payments, the city blames the contractor, and "
        "residents of the Left Bank quays are stacking sandbags again.",
        authors=("yana-holub", "marek-dolan"),
        published=(0, "08:15"),
        updated_after_hours=3,
        tags=("Floods", "Infrastructure", "Left Bank"),
        caption="The Kestra at the Left Bank quays, in an illustration of the river's layers.",
        body="""
Only two of the seven sections of the Halvesk floodwall damaged in last year's high water have
been fully rebuilt, according to a progress report presented to the city's infrastructure
committee this week. More than a kilometre of the Left Bank is still protected by temporary
steel barriers, and in places by nothing sturdier than sandbags.

The report, prepared by the city's own engineering department, says the remaining five
sections will not be complete for at least another four months. The original contract, signed
with the Halvesk building firm Vodbud, promised that all seven would be finished by the end of
last year.

> We are not hiding the delay. The temporary barriers are rated for a flood like the last
> one, but they are not a wall, and nobody should pretend they are.
-- Taras Bilyk, chief hydrology engineer, Halvesk city council

## A dispute over money

Vodbud says it stopped work on three of the sections for eleven weeks because the city fell
behind on its payments. Its director, Stepan Horak, told the Ledger that the company had at one
point been owed about €1.3 million, and that it could not keep buying reinforced concrete on
credit.

The city disputes the figure. A spokesperson for the mayor's office said that payments had
been held back because inspectors found cracks in freshly poured concrete on one section, and
that the contract allows the council to withhold money until defects are put right. Both sides
say they expect to settle the matter without going to court.

So far the city has paid Vodbud €4.9 million of the €7.2 million contract, according to
figures in the committee papers. Most of the money comes from a national reconstruction fund,
which requires the work to be signed off by an independent engineer before the final tranche is
released.

## Living behind the sandbags

On Quay Street, where the river came over the old wall and filled ground-floor flats to waist
height, residents have started preparing for the worst again. Several doorways have boards
fitted with rubber seals, and a pile of filled sandbags waits under a tarpaulin by the tram
stop.

Nadia Rybak, 71, has lived in the same flat on the corner of Quay Street for forty years. She
lost her furniture, her late husband's books and most of her photographs in the flood. She
says she has stopped believing dates.

> They showed us drawings of a beautiful new promenade. I would settle for a wall. Every time
> it rains for two days, I lie awake listening to the river.
-- Nadia Rybak, Quay Street resident

City officials say a warning system installed after the flood, which sends text messages to
registered phones when gauges upstream pass a set level, would give residents of the lowest
streets at least twelve hours' notice. About 6,400 people have signed up, a fraction of the
roughly 19,000 who live in the area that flooded.

## What happens next

The infrastructure committee voted to ask the mayor's office for fortnightly progress reports
and to commission a second independent inspection of the sections already completed.
Councillor Bohdan Kral, who chairs the committee, said he would also ask the city's auditors to
review how the contract was tendered.

[teaser: who-owns-the-river]

Vodbud says its crews will return to the three stalled sections within days, and that it can
finish the work on the new schedule if payments arrive on time. Late on the day of the
committee meeting, the mayor's office said it would pay the disputed invoices for the two
sections that have passed inspection, and publish the engineering reports on the city's
website.
""",
    ),
    Article(
        slug="night-buses-return-left-bank",
        title="Night buses return to the Left Bank after a two-year gap",
        standfirst="The N3 will link the railway station, the hospital and the Tovarna estate "
        "through the night, after a campaign led by the people who work while the city sleeps.",
        authors=("yana-holub",),
        published=(2, "12:20"),
        tags=("Transport", "Left Bank"),
        caption="The N3 route, abstracted: hills, river and the lights of the night shift.",
        body="""
Night buses will run again between the Left Bank and the railway station from next week, two
years after the route was cut to save money, the Halvesk public transport company has
announced.

The N3 will leave the station every 40 minutes between midnight and 5am, calling at the Iron
Bridge, Quay Street, the regional hospital and the Tovarna industrial estate. A single journey
will cost the same as a daytime ticket, and monthly passes will be valid.

The route was scrapped when the transport company cut its budget by a fifth after a fall in
passenger numbers. Its loss was felt most by people who work nights: hospital staff, bakers,
cleaners and workers at the Tovarna warehouses, many of whom live on the Left Bank and do not
own cars.

> For two years I paid for a taxi twice a week or walked forty minutes across the bridge at
> four in the morning. It was not a small thing. It was a tenth of my wages.
-- Halyna Savchuk, night-shift cleaner at the regional hospital

A petition calling for the route's return gathered more than 3,000 signatures a year ago, and
the hospital's trade union raised the issue with the council several times. The money for the
service, about €310,000 a year, was found in the budget the council passed last week, partly by
running two daytime routes less often in the middle of the day, when they carry few
passengers.

## Electric, eventually

The transport company says the N3 will start with diesel buses but will switch to two of the
electric buses it expects to receive next year. Charging them overnight at the depot had been
one of the obstacles to running a night service, its director, Vasyl Koval, said.

> Night buses are never going to make a profit. But a city that asks people to work at night
> has to get them home.
-- Vasyl Koval, director, Halvesk Public Transport

The company will review passenger numbers after six months. It has said it will consider a
second night route, up to Sosnovy Hill, if the N3 carries more than 150 passengers a night.

[teaser: the-valley-needs-buses-that-come]
""",
    ),
    Article(
        slug="olesk-village-school",
        title="Nine pupils, one teacher and a fight to keep Olesk's school open",
        standfirst="The regional education department wants to bus the village's children to a "
        "larger school 22 kilometres away. Their parents say the village will not survive it.",
        authors=("yana-holub",),
        published=(10, "09:25"),
        tags=("Education", "Villages"),
        caption="Olesk sits in the upper valley, 22 kilometres and several hills from Brodny.",
        credit="",
        body="""
The primary school in Olesk has a single classroom, a tiled stove that is no longer lit and a
globe on which the borders of Europe are still drawn as they were in 1985. It also has nine
pupils, aged six to ten, and one teacher, Svitlana Orel, who has taught there for 26 years.

Under a plan published by the regional education department last month, the school would close
at the end of the school year. The children would travel each morning by minibus to the larger
school in Brodny, a journey of 22 kilometres on a road that is often closed by snow and, in
the wet months, by landslips.

The department says the change is about quality as much as money. Children in very small
schools, it argues, miss out on specialist teachers, science labs, sports and the ordinary
experience of learning alongside classmates their own age. Olesk costs about three times as
much per pupil as the regional average.

> Nobody doubts the dedication of the teachers in our smallest schools. But a child in Olesk
> deserves a chemistry teacher, a gym and friends their own age, just as much as a child in
> Halvesk.
-- Statement from the regional education department

## A village that is getting younger

What makes Olesk unusual is that it is not shrinking. Four young families have moved into the
village in the past three years, drawn by cheap houses and, in two cases, by the chance to
work remotely for employers in the capital. Three more children are due to start school within
two years.

Parents say that closing the school would undo all that. Mykola and Iva Danko moved to Olesk
from Halvesk with their two daughters, into a house that had stood empty for a decade. Iva
Danko says they would not have come if there had been no school.

> We did the maths before we moved. The house, the internet, the school. Take away the school
> and we are a family that lives an hour from everything.
-- Iva Danko, parent

## The cost of the bus

Opponents of the closure have also questioned the savings. According to the department's own
figures, closing the school would save about €46,000 a year in salaries and heating. The
parents' group, using quotes from two local transport firms, estimates that a daily minibus
with a supervising adult would cost around €28,000.

Svitlana Orel, who would be offered a post at the Brodny school, has not said publicly whether
she would take it. Sitting at one of the small desks after the children had gone home, she
talked instead about the youngest pupils, who she said would spend nearly an hour and a half a
day on the road.

> A six-year-old is not a parcel. You cannot put him on a bus in the dark and take him off in
> the dark and call it education.
-- Svitlana Orel, teacher

The department says it will hold a public consultation in the village before making a final
decision, and that it has not ruled out keeping the school open as part of a federation with
Brodny, sharing a head teacher and specialist staff. Parents say they will put that option at
the top of their response.

Outside, the older pupils were building something out of old pallets by the fence. Asked what
it was, a nine-year-old called Roma said it was a bus stop, "in case we lose".
""",
    ),
    Article(
        slug="who-owns-the-river",
        title="Who owns the river? A year of sand dredging on the Kestra",
        standfirst="Satellite images, permit records and former workers point to digging far "
        "outside licensed zones below Zavir, on a river that nobody has measured properly in a "
        "decade.",
        authors=("yana-holub", "marek-dolan", "ilona-sadek"),
        published=(4, "06:30"),
        tags=("Kestra River", "Environment", "Investigation"),
        caption="Dredging trenches below Zavir, drawn as layers of the riverbed.",
        credit="Graphic: Marek Dolan/Ledger",
        body="""
[note: This investigation is based on satellite imagery, permit records obtained under freedom
of information law, and interviews with more than twenty people. Both companies named were
given a week to respond to our findings before publication.]

From the railway bridge above the village of Zavir, the Kestra looks much as it always has:
wide, brown and slow, curving past willow banks towards Halvesk. From the water, it looks
different. Along a nine-kilometre stretch below the bridge, the riverbed has been dug out in
long trenches, some of them deep enough to swallow a tram.

Over the past year, the Ledger has tracked the dredging of sand and gravel from this part of
the river using publicly available satellite images, permit records released by the regional
environmental inspectorate, and the accounts of fishermen, farmers and former employees of two
of the companies involved. What we found is an industry operating largely on trust, on a
stretch of river that officials admit nobody has surveyed properly in more than a decade.

## Permits for one thing, digging for another

Two companies hold licences to extract aggregate from the stretch below Zavir: Kestra
Aggregates, which supplies several of the region's concrete plants, and a smaller firm called
Riverstone Materials. Between them, their permits allow the removal of 180,000 cubic metres of
material a year, and only from marked zones in the middle of the channel, away from the banks.

Satellite images from the past twelve months show barges and excavators working outside those
zones on at least 37 days, in several cases within a few metres of the eastern bank. Marek
Dolan, the Ledger's data reporter, compared the images with the coordinates listed in the
permits, which the inspectorate released after a four-month request.

> The permits describe rectangles in the middle of the river. The pictures show machines in
> places no rectangle covers. It is not subtle once you put the two side by side.
-- Marek Dolan, data reporter

Two former employees of Kestra Aggregates, who asked not to be named because they still work in
the industry, told us that crews were regularly sent to dig closer to the bank because the sand
there was cleaner and cheaper to process. One described a foreman telling the crew to switch
off the barge's tracking unit when they moved out of the licensed zone.

Kestra Aggregates said in a written response that it operates "strictly within the terms of its
licence" and that any movement outside the marked zones was for "navigation and maintenance
purposes". It did not answer questions about the tracking units. Riverstone Materials did not
respond to repeated requests for comment.

[image: Excavated trenches below Zavir, as traced by the Ledger from satellite imagery. |
Graphic: Marek Dolan/Ledger]

## The banks are moving

For the people who farm along the eastern bank, the consequences are not abstract. Petro Lysak
has grown potatoes and cabbages on a strip of land by the river for thirty years. In the past
two years, he says, the bank below his fields has collapsed in three places, taking about half
a hectare with it.

> My father planted those willows to hold the bank. Now the willows are in the river. You can
> stand there and watch the soil fall in when a barge goes past.
-- Petro Lysak, farmer near Zavir

Hydrologists say that is what you would expect. When sand is taken from a riverbed faster than
the river can replace it, the channel deepens and the water speeds up, eating at the banks and
undermining anything built on them. Downstream, the effects can include falling water levels in
nearby wells and extra strain on bridges and flood defences.

Dr Olena Kravchuk, who studies river sediment at Halvesk University, reviewed the Ledger's maps.
She said the deepest trenches were consistent with extraction well above the licensed volume,
although she cautioned that only a proper survey of the riverbed could confirm it.

> Rivers keep accounts. If you take more sand than arrives from upstream, the river will take
> it back from somewhere, usually from the banks, the bridges or the next village.
-- Dr Olena Kravchuk, Halvesk University

## Nobody is counting

The regional environmental inspectorate is responsible for checking that extraction stays
within the licence. It employs two inspectors to cover the entire Kestra region, including
every quarry, landfill and factory outfall, and it has one boat, which was out of service for
most of last year.

Records released to the Ledger show that inspectors visited the dredging sites below Zavir four
times in twelve months. Each visit was announced in advance. No breaches were recorded.

The inspectorate's director, Ruslan Hamov, said his staff were "doing what is humanly possible"
with the resources they had. He said the inspectorate relies on the companies' own reports of
how much they extract, which are based on the weight of material sold to customers.

That method leaves a gap. Material sold through intermediaries, or used by the companies' own
subsidiaries, does not necessarily appear in the reports. Invoices seen by the Ledger show
Kestra Aggregates selling sand to a concrete plant owned by a company registered at the same
address, at prices about a third below the market rate.

## Who benefits

Sand and gravel are the unglamorous base of the construction industry. Every floodwall, road
and apartment block in Halvesk is built partly from what comes out of the Kestra. The rebuilding
that followed last year's flood has driven up demand, and prices for washed river sand have
risen by roughly 40 percent in eighteen months, according to trade figures.

There is an uncomfortable loop here. The flood that damaged the city's defences has increased
demand for the very material whose over-extraction may be weakening the river's banks upstream.
The engineers we spoke to were careful not to draw a direct line between the dredging and the
flood itself, which followed days of exceptional rain. But several said the river was now less
able to absorb a shock than it had been.

[teaser: kestra-basin-commission]

## What happens now

After we shared our findings, the inspectorate said it would commission a sonar survey of the
riverbed below Zavir and carry out unannounced inspections. The office of the regional
governor, Alina Moroz, said it had asked for a briefing.

Councillor Hana Vesely, who represents part of the Left Bank on the city council, said the
findings should be sent to prosecutors. "If the licence says one thing and the river says
another, someone should explain the difference," she said.

Petro Lysak is not waiting. He has started planting willow cuttings again along what remains of
his bank, a few metres further back than his father did.
""",
    ),
    Article(
        slug="childrens-rehabilitation-ward",
        title="Children's hospital opens the region's first rehabilitation ward",
        standfirst="Families who used to spend weeks in the capital for therapy after injuries "
        "and operations can now stay close to home.",
        authors=("yana-holub",),
        published=(17, "11:30"),
        tags=("Health", "Halvesk"),
        caption="The new ward occupies the fourth floor of the regional children's hospital.",
        body="""
Children recovering from serious injuries, operations and strokes will be able to receive
intensive rehabilitation in Halvesk for the first time, after the regional children's hospital
opened a 16-bed ward on its fourth floor this week.

Until now, families in the Kestra region had to travel to the capital for that kind of care,
often waiting months for a place and then spending several weeks in rented rooms near the
hospital. Staff say some families could not afford it and simply went without.

The new ward has rooms for physiotherapy and occupational therapy, a small hydrotherapy pool and
a classroom, so that children staying for longer periods can keep up with school. Each room has
a fold-out bed for a parent.

> Recovery does not stop when the surgery is over. For a child, the next six weeks can decide
> whether they walk properly, go back to school, play football again.
-- Dr Iryna Stepaniuk, head of the new ward

The ward cost about €2.1 million, most of it from a national health programme, with equipment
donated by a charity set up by the parents of former patients. Six specialist therapists have
been recruited, two of them from abroad, and the hospital says it is still looking for a speech
therapist.

For the Bondar family from Lipovar, the timing was lucky. Their son, Denys, who is eleven, was
hit by a car on his way home from school two months ago and spent three weeks in intensive care.
He was among the first patients to move to the new ward.

> Before, they told us it would be the capital, a waiting list, maybe two months. Now his
> grandmother can visit on the bus. He is already walking with a frame.
-- Marta Bondar, Denys's mother

The hospital expects to treat around 300 children a year on the ward. It plans to add a day
clinic for children who no longer need to stay overnight but still need therapy several times
a week, and says it will publish waiting times on its website so that families can see how long
they are likely to wait.
""",
    ),
)
