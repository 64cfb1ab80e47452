"""Politics: the city council, the region and parliament. All people and parties invented."""

from .schema import Article

SECTION = "politics"

ARTICLES = (
    Article(
        slug="council-approves-budget",
        title="City council passes budget after all-night session",
        standfirst="Mayor Roman Teslenko's spending plan survived by three votes, with money for "
        "floodwall repairs and night buses but deep cuts to culture grants.",
        authors=("petr-voranek",),
        published=(6, "07:40"),
        tags=("City Council", "Budget"),
        caption="The council chamber's voting board, reimagined in blocks of colour.",
        body="""
Halvesk city council approved next year's budget at a quarter to six in the morning, after a
session that began at ten the previous morning and included eleven hours of debate, two
adjournments and one power cut.

The budget, worth €412 million, passed by 26 votes to 23. Mayor Roman Teslenko's coalition was
joined by two independent councillors, who said they had secured concessions for their
districts in talks during the night.

It sets aside €38 million for flood defences and drainage, the largest single item after
schools, and pays for the return of the N3 night bus between the Left Bank and the railway
station. Spending on road resurfacing rises by a fifth, and the city's contribution to the
regional children's hospital is maintained.

The cuts fall mostly on culture and sport. Grants to independent theatres, festivals and
community groups will fall from €2.6 million to €1.9 million, and two municipal swimming pools
will close for three months each for what the council describes as overdue maintenance.

> This is not a budget anyone would write in a good year. It is a budget for a city that is
> still paying for last year's flood.
-- Mayor Roman Teslenko

## The opposition's case

The opposition argued that the council could have avoided the culture cuts by delaying a
planned renovation of the city hall's east wing, budgeted at €6.5 million over two years. An
amendment to do so was defeated by four votes.

Councillor Bohdan Kral, who leads the largest opposition group, said the all-night session had
been "a way of making sure nobody reads the small print". He pointed to a late change that
moved €3 million from the contingency fund into a line marked "urban development", without a
detailed explanation.

> Budgets passed at dawn are budgets nobody has read. We will be finding things in this one
> for months.
-- Councillor Bohdan Kral

The mayor's office said the €3 million would pay for the design of a new bus interchange at
the railway station, and that details would be published within a month.

## Two who changed sides

The two independent councillors who backed the budget, Hana Vesely and Andriy Tkach, both
represent districts on the Left Bank. Vesely said she had won a commitment to speed up the
floodwall repairs and to publish regular progress reports. Tkach said he had secured money for
a new health centre in Sosnovy Hill.

Both were heckled from the public gallery, which stayed about half full through the night.
Several of those present were members of theatre companies that will lose part of their
funding.

The budget now goes to the regional finance office for a formal check, which is usually a
formality. The council will debate a separate plan for managing the city's debt next month.
""",
    ),
    Article(
        slug="kestra-electoral-districts",
        title="Parliament moves to redraw the Kestra region's electoral districts",
        standfirst="A government bill would merge two rural districts and split Halvesk in three. "
        "The opposition says the lines were drawn to win seats, not to count people.",
        authors=("petr-voranek", "marek-dolan"),
        published=(11, "13:50"),
        tags=("Elections", "Parliament"),
        caption="Seven districts, redrawn: an abstract map of the proposed boundaries.",
        body="""
A bill that would redraw the parliamentary constituencies of the Kestra region passed its first
reading in the national parliament this week, setting up a fight over where the lines fall
before the general election due in eighteen months.

Under the proposal, the region would keep its seven seats, but their boundaries would change
substantially. Halvesk, which currently forms two constituencies, would be divided into three,
each combining a slice of the city with a swathe of surrounding countryside. The rural districts
of Olesk and Zavir, in the north of the region, would be merged.

The government says the changes are needed because the population has shifted since the
boundaries were last drawn, fourteen years ago. Halvesk has grown, the northern valleys have
emptied, and the gap between the largest and smallest constituencies in the region has widened
to more than 40 percent, well beyond the 15 percent limit set by the electoral code.

## Where the lines fall

That part of the argument is not in dispute. The opposition agrees that the map has to change.
What it objects to is how.

An analysis by the Ledger of the proposed boundaries, using results from the last general
election broken down by polling station, suggests the new map would make the governing
coalition the favourite in five of the seven seats, up from four today. The largest single
effect comes from the way Halvesk is divided: the Left Bank, where the opposition won
comfortably last time, would be split between two constituencies, each dominated by more
conservative rural areas.

> You can draw a fair map of this region in an afternoon. Drawing this one took someone a lot
> longer.
-- Ivan Shulga, opposition member of parliament for Halvesk East

The analysis has limits. Voters do not always behave the same way from one election to the
next, and several new housing estates have been built since the last vote. But when we drew ten
alternative maps that met the same population rules, none of them produced such a favourable
result for the coalition.

## The government's answer

The deputy minister responsible for the bill, Yurii Lenko, said the boundaries had been drawn
by civil servants using population data and "natural communities of interest", such as shared
transport links and school catchments. He called the suggestion that the map had been drawn for
party advantage "absurd".

> If the opposition thinks it will lose seats, it should ask itself why, rather than blaming
> the map.
-- Yurii Lenko, deputy minister

The bill now goes to committee, where amendments can be proposed. The electoral commission,
which must give an opinion on any change to constituencies, has asked for the underlying
population figures and the criteria used.

[teaser: new-voter-registration-rules]

Civic groups have called for an independent boundary commission, of the kind that exists in
several neighbouring countries, which would take the drawing of maps out of the hands of the
governing party altogether. No party has yet put forward a bill to create one.
""",
    ),
    Article(
        slug="governor-road-contracts",
        title="Road contracts worth €23 million went to a firm linked to the governor's campaign",
        standfirst="A company founded three years ago has won nine of the region's last eleven "
        "road-repair tenders. Its co-owner ran Governor Alina Moroz's election campaign.",
        authors=("petr-voranek", "ilona-sadek"),
        published=(5, "14:45"),
        updated_after_hours=5,
        tags=("Procurement", "Regional Government", "Investigation"),
        caption="Nine tenders, one winner: the pattern in the region's road contracts.",
        credit="",
        body="""
A road-building company registered three years ago has won nine of the last eleven tenders for
road repairs issued by the Kestra regional administration, contracts worth a combined €23
million, according to procurement records reviewed by the Ledger.

The company, Shlyakhbud Kestra, is jointly owned by Oleksandr Fedir, a businessman who managed
Governor Alina Moroz's election campaign four years ago, and by a holding company registered in
the capital whose owners are not publicly listed.

There is no suggestion that the tenders were rigged, and the company's work has not been the
subject of any official complaint. But the records show a pattern that transparency campaigners
say deserves scrutiny. In six of the nine tenders Shlyakhbud won, it was the only bidder. In the
three contested tenders, rival bids were disqualified on technical grounds, including, in one
case, for submitting a scanned document in the wrong file format.

> Single-bidder tenders are not illegal. But when they keep happening, with the same winner,
> you have to ask whether the tenders are being written for somebody.
-- Lesia Panchenko, director, Open Tenders Watch

## Narrow specifications

Several of the tender documents contain requirements that people in the industry described as
unusual. Four required bidders to own a specific model of asphalt recycler, of which, according
to an equipment dealer in Halvesk, only two exist in the region. Another required bidders to
have completed "at least three road projects in the Kestra region in the past 24 months", a
condition that would exclude firms from elsewhere.

A manager at a rival construction company, who asked not to be named because his firm still
bids for regional work, said it had stopped applying. "You read the specification and you know
who it was written for," he said.

## The governor responds

In a statement, the governor's office said all tenders had been run through the national
electronic procurement system, which is "open to any qualified bidder", and that specifications
were set by engineers to guarantee quality. It said Governor Moroz had no involvement in
procurement decisions and had had "no business relationship" with Mr Fedir since the campaign
ended.

Mr Fedir told the Ledger by phone that his company won contracts "because we are cheaper and we
finish on time". He said the holding company that owns half of Shlyakhbud belonged to "private
investors" and declined to name them.

> I ran a campaign four years ago. Since then I have built roads. Is a man who once helped a
> politician supposed to stop working?
-- Oleksandr Fedir, co-owner, Shlyakhbud Kestra

After this article was first published, the governor's office said it had asked the regional
audit office to review the tenders "to remove any doubt". The national competition authority
said it would examine whether the specifications had restricted competition.

Drivers and local officials we spoke to said the roads Shlyakhbud has resurfaced appear to be
in good condition. The questions raised are about the process, not the asphalt. But with another
€40 million of road contracts due to be tendered in the coming months, opposition councillors
have called for the specifications to be reviewed before the next round opens.

[correction: An earlier version of this article said Shlyakhbud Kestra had won ten of the last
eleven tenders. It has won nine. We have corrected the figure and regret the error.]
""",
    ),
    Article(
        slug="new-voter-registration-rules",
        title="Moved house? What the new voter registration rules mean for you",
        standfirst="From the next election, you can vote where you actually live, not where "
        "your passport says you do. Here is how to make sure you are on the right list.",
        authors=("marek-dolan",),
        published=(18, "12:45"),
        tags=("Elections", "Explainer"),
        caption="An explainer in shapes: one voter, two addresses.",
        body="""
More than a million people across the country live somewhere other than the address in their
passport. Students, people who moved for work, families who left villages for cities and never
re-registered: under the old rules, they could vote only at the polling station linked to their
official residence, which for many meant a long journey or not voting at all.

A change to the electoral code that comes into force next month ends that. Here is what it
means.

## What has changed?

Voters will be able to register to vote at their actual address, without changing the address
in their passport or going through the full residence registration process. The voter register
and the residence register, which used to be the same thing, are being separated.

## How do I do it?

You can apply online through the state services portal, in person at any municipal service
centre, or at the local office of the electoral commission. You will need your passport and a
document that links you to the address, such as a rental contract, a utility bill in your name
or a letter from your employer confirming that you live in staff housing.

If you have no such document, for example because you rent a room informally, the rules allow a
declaration signed by the owner of the property. Campaigners say this will still leave some
people out, particularly those whose landlords do not want the tenancy on record.

## Is there a deadline?

Yes. Changes must be made at least 30 days before an election. For the general election expected
in eighteen months, the electoral commission's practical advice is not to leave it until the
last few weeks, when the system has historically slowed down.

> The worst time to discover you are registered three hundred kilometres away is the week
> before a vote. Check now, while it takes five minutes.
-- Natalia Sirko, Halvesk office of the electoral commission

## How many people does this affect?

The electoral commission estimates that around 1.2 million voters live away from their
registered address, about one in eight of the electorate. In the Kestra region, the largest
groups are students at Halvesk University and workers at the Tovarna industrial estate, many of
whom come from villages in the northern valleys.

Turnout among people registered away from home has been consistently lower than average. Our
analysis of the last local elections found that turnout in districts with many registered
residents who no longer live there was about 14 percentage points below the city average.

## Can I change back?

Yes. You can change your voting address as often as you like, subject to the 30-day cut-off
before each election. Your passport address is not affected.

## What about people abroad?

Nothing changes for voters abroad, who continue to register through consulates. A separate bill
to allow postal voting has been promised but not yet introduced.
""",
    ),
)
