"""Business: jobs, prices and companies of the valley. Every firm named here is invented."""

from .schema import Article

SECTION = "business"

ARTICLES = (
    Article(
        slug="heating-bills-rise",
        title="Heating bills to rise 14% as Kestra Energy passes on gas costs",
        standfirst="The regional utility says it has no choice after a cheap wholesale gas "
        "contract expired. Consumer groups say it has not explained why its other costs keep "
        "growing.",
        authors=("anton-ferenc",),
        published=(1, "16:20"),
        tags=("Energy", "Prices"),
        caption="Heat lost and heat delivered, in bars of colour.",
        credit="Graphic: The Halvesk Ledger",
        body="""
Households connected to Halvesk's district heating network will pay about 14 percent more for
heat from the start of the next billing year, after the regulator approved a new tariff
requested by Kestra Energy, the regional utility.

For a typical two-room flat in a Soviet-era block on the Left Bank, the increase works out at
roughly €9 a month during the heating season, according to the utility's own examples. About
140,000 households in the city are connected to the network.

Kestra Energy says the rise reflects a new wholesale gas contract that replaced a cheaper
three-year deal signed before prices climbed. Gas accounts for around 60 percent of the cost of
the heat it produces at its two combined heat and power plants on the Tovarna estate.

> We held prices for three years while our costs went up. That contract has ended, and the
> regulator has accepted our calculations.
-- Lidia Sorova, spokesperson, Kestra Energy

## Where the money goes

Consumer groups accept that gas has become more expensive. Their objection is to the rest of
the bill. The utility's filings with the regulator show that its non-fuel costs, which include
staff, maintenance and administration, have grown by 31 percent in three years, while the
amount of heat it sells has fallen slightly as buildings are insulated.

The Halvesk Consumers' Association also points to the network itself. The utility's own figures
show that about 18 percent of the heat it produces is lost in the pipes before it reaches a
single radiator, far more than a modern network would lose.

> Every winter we pay to heat the soil under the streets. Fix the pipes, and you would not
> need to put up prices at all.
-- Bohdan Yarema, Halvesk Consumers' Association

Kestra Energy says it has replaced 23 kilometres of pipe in the past five years and plans to
replace 40 more, but that the work is expensive and disruptive. At the current rate, renewing
the whole network would take more than two decades.

## Help for those who cannot pay

The national housing subsidy, which covers part of the utility bills of low-income households,
will be adjusted automatically for the new tariff, the ministry of social policy said. Around
one in five Halvesk households currently receives it.

People who do not qualify for the subsidy but struggle to pay can ask to spread the winter's
bills over twelve months, an option the utility says fewer than 2,000 customers used last year.

Landlords and housing associations that insulate their buildings can also apply for grants from
a city fund, which the council has kept at €4 million in its new budget. An insulated building
typically uses a third less heat, according to the fund's own monitoring, though the waiting
list for grants is more than a year long.

[teaser: grandmothers-allotment-food-prices]
""",
    ),
    Article(
        slug="brodny-steelworks-shift-cut",
        title="Brodny steelworks to cut a shift as orders slow",
        standfirst="About 420 jobs are at risk at the valley's largest employer. The owners say "
        "the move is temporary; the union says it has heard that before.",
        authors=("anton-ferenc", "yana-holub"),
        published=(7, "10:10"),
        tags=("Industry", "Jobs", "Brodny"),
        caption="Orders at the Brodny plant over the past year, abstracted.",
        access="paid",
        body="""
The steelworks in Brodny, the largest employer in the Kestra valley, will cut one of its three
production shifts from next month, putting about 420 jobs at risk, its owners announced this
week.

Halmet Group, which bought the plant from the state eighteen years ago, said orders for
reinforcing bar and structural sections had fallen by a quarter over the past six months, as
construction projects abroad were delayed and cheaper imported steel undercut it at home. The
plant will move from round-the-clock production to two shifts, five days a week.

The company said it would try to avoid compulsory redundancies by offering early retirement,
transfers to maintenance work and voluntary leaving packages. Workers who remain will see less
overtime.

> This is a response to the market, not a decision to leave Brodny. When orders recover, the
> third shift comes back.
-- Statement from Halmet Group

## A town built around a furnace

Brodny has about 31,000 residents, and almost every family has some connection to the plant.
Its chimneys are visible from the road long before the town itself, and the company's name is
on the football stadium, the swimming pool and the clinic.

Outside the main gate at the end of the night shift, workers described the news as expected but
still a shock. Several said they had already been told not to count on overtime this month.

> My father worked here, my uncle worked here. The first thing you think is, who is next? The
> second thing is the mortgage.
-- Roman, a crane operator, who asked that his surname not be published

Viktor Sokol, who leads the metalworkers' union at the plant, said the union had heard promises
of temporary cuts before. The last time a shift was cut, twelve years ago, it took four years to
come back, and by then several hundred workers had left for jobs abroad.

> They say temporary. We remember what temporary meant last time. We want it in writing: when
> orders reach what level, the shift comes back.
-- Viktor Sokol, union leader

## What the region can do

The regional employment office said it would open a temporary desk in Brodny to help workers who
leave the plant find work or retrain, and that it had places on welding and electrical courses
paid for by a European programme.

Economists say the plant's troubles reflect a wider problem for heavy industry in the valley,
which depends on energy prices and export markets it cannot control. Energy makes up around a
third of the plant's costs, and the company has asked the government for a discount on grid
charges for large industrial users, so far without success.

The town council has called an extraordinary meeting with the company and the union for next
week.
""",
    ),
    Article(
        slug="lipovar-dairy-cooperative",
        title="How a cheese saved Lipovar: the dairy cooperative that refused to sell",
        standfirst="Fifteen years ago the village's milk was worth less than the diesel it took "
        "to collect it. Today its hard cheese is on restaurant menus abroad, and the farmers "
        "still own the dairy.",
        authors=("anton-ferenc",),
        published=(12, "08:00"),
        tags=("Farming", "Cooperatives", "Lipovar"),
        caption="Wheels on shelves: the Lipovar ageing room, as rows of colour.",
        body="""
The milk lorry arrives in Lipovar at half past six every morning, and by seven the yard of the
old collective farm dairy smells of warm milk and wet stone. Inside, under fluorescent lights,
Ivo Kostal is turning wheels of cheese that will not be sold for another fourteen months.

"People think cheese is about milk," he says, sliding a wheel back onto its pine shelf. "Mostly
it is about waiting."

Lipovar has been waiting a long time. Fifteen years ago, the village's dairy farmers were selling
milk to a processor in the capital for less than it cost to produce. The processor set the
price, collected when it wanted and, in the worst year, stopped collecting altogether for three
weeks, leaving farmers to pour their milk into the ditches.

Today, the village's hard mountain cheese, sold as Lipovar Reserve, is on the menus of
restaurants in four countries and in the cheese counters of specialist shops in the capital. The
cooperative that makes it employs 34 people, buys milk from 61 farms at a price well above the
national average, and is owned, still, by the farmers who supply it.

## The year the milk went into the ditch

The cooperative's chair, Maria Hrabova, remembers the ditch year clearly. She was 34, farming
with her husband and her father-in-law, and they owned fourteen cows.

> We stood by the road and watched it run into the grass. My father-in-law said, this is the
> end of milk in Lipovar. I said, then we have nothing to lose.
-- Maria Hrabova, chair, Lipovar Dairy Cooperative

The old collective dairy, closed since the 1990s, still belonged to the village council.
Twenty-two farmers put in what savings they had, borrowed the rest against their land, and
leased the building for a nominal sum. A retired cheesemaker from a neighbouring valley agreed to
teach them.

The first two years were, by everyone's account, a disaster. Cheese cracked, went mouldy in the
wrong ways and, on one occasion, burst. The cooperative sold young cheese at markets in Halvesk
to cover its costs and came close to bankruptcy twice.

## Patience as a business plan

The turning point was a decision that sounded, at the time, like madness: to stop selling young
cheese and age everything for at least a year. It meant twelve months with almost no income from
the new product.

It also meant the cheese could become something different. Hard, aged cheese keeps well, travels
well and sells for many times the price of fresh cheese. Made from the milk of cows that graze
mountain meadows in summer and eat hay in winter, it also tastes of where it comes from, which is
what specialist buyers pay for.

[image: The cooperative's ageing room holds about 9,000 wheels at a time. |
Illustration: The Halvesk Ledger]

Anna Voitko, who runs the cooperative's sales, says the cheese found buyers through a mix of
persistence and luck. A chef from the capital with a holiday house nearby took some back to his
restaurant; a food writer visited and wrote about it; a distributor called. None of it was
planned.

> We did not have a marketing budget. We had a product that was good and a story that was
> true. It turns out that is quite a lot.
-- Anna Voitko, sales manager

## Who owns the dairy

The cooperative has had offers. Two larger dairy companies, one domestic and one foreign, have
proposed buying it in the past five years. Both offers, according to people who saw them, would
have made each founding member a significant sum. Both were rejected in votes of the membership.

Hrabova says the reason is simple. If the dairy were sold, the new owner would set the price of
milk, and Lipovar would be back where it started. The cooperative's rules give every supplying
farmer one vote, regardless of how many cows they own, and most of the profit is paid out as a
premium on the milk price rather than as dividends.

That structure has its critics. Some younger farmers complain that decisions are slow and that
older members are too cautious about investment. It took three years of argument to agree on a
new ageing room. A proposal to make a soft cheese for local supermarkets was voted down twice.

> A cooperative is a democracy, and democracy is slow. But the alternative was a buyer in the
> capital deciding whether my milk is worth anything.
-- Tomas Hrabal, dairy farmer and cooperative member

## The numbers

The cooperative's accounts, which it publishes every year, show revenue of €6.8 million last
year, up from €1.1 million a decade ago. Members were paid an average of 52 cents a litre for
their milk, compared with a national average farm-gate price of about 39 cents.

That premium has kept farming alive in a valley where it was dying. The number of farms
supplying the cooperative has risen from 22 to 61, and the average age of members has fallen,
according to Hrabova, from the late fifties to the mid-forties. Several younger farmers have
come back from jobs in the city or abroad to take over family herds.

## The risks

None of this is guaranteed. The cooperative depends heavily on export markets and on
restaurants, both of which can shrink quickly when times are hard. A drought two summers ago cut
hay yields and forced members to buy in feed. The new ageing room was paid for with a bank loan
that will take a decade to repay.

The climate is the longer-term worry. The meadows above the village are drier than they were,
and members have started experimenting with different grass mixes and later mowing. Kostal, the
cheesemaker, says he has noticed the milk changing with the weather, though he insists that is
part of the point.

> A cheese from a dry year tastes of a dry year. You cannot make it the same every time, and
> you should not try.
-- Ivo Kostal, cheesemaker

Back in the ageing room, he points to a row of wheels stamped with the year of the ditch. The
cooperative kept a handful from its first successful batch and has never sold them. Every year,
on the anniversary of the vote to age the cheese, the members open one and eat it together.

There are four left.
""",
    ),
    Article(
        slug="market-street-parking-fees",
        title="Shops on Market Street say new parking fees are emptying the street",
        standfirst="Traders report falling takings since the city tripled the hourly charge. "
        "The council says the street is busier than ever, just not with cars.",
        authors=("anton-ferenc",),
        published=(19, "14:05"),
        tags=("Small Business", "Transport", "Left Bank"),
        caption="Footfall up, takings down: Market Street in two sets of bars.",
        body="""
Shopkeepers on Market Street, the old commercial heart of the Left Bank, say their takings have
fallen by as much as a third since the city raised the hourly parking charge from 50 cents to
€1.50 and cut the maximum stay to two hours.

The changes, introduced three months ago, are part of a plan to reduce traffic in the historic
centre and to encourage people to use the tram, which stops at both ends of the street. The
council says the number of cars entering the centre has fallen by 22 percent.

For some traders, that is precisely the problem. Pavel Lenart has run a hardware shop on the
corner of Market Street and Cooper's Lane for nineteen years. His customers, he says, buy paint,
timber and bags of cement, and do not carry them home on the tram.

> Nobody comes by tram for twenty kilos of tile adhesive. They go to the big store on the ring
> road, where parking is free, and they do not come back.
-- Pavel Lenart, hardware shop owner

Oksana Derkach, who runs a florist's three doors down, says her business has had a more mixed
time. Weekday trade has fallen, but Saturday mornings are busier than before, with more people
strolling along the street now that it is less crowded with cars.

The council's own counts partly support that picture. Pedestrian numbers on Market Street have
risen by 15 percent since the changes, according to sensors at both ends of the street. But the
council has not published any figures on spending, and traders say footfall is not the same as
customers.

> More people walking past is good. More people walking past and buying nothing does not pay
> the rent.
-- Oksana Derkach, florist

The traders' association has asked the council for a compromise: a loading bay for customers
collecting heavy goods, a free first fifteen minutes and a review of the two-hour limit. Deputy
Mayor Ihor Savka, who is responsible for transport, said the council was willing to consider
loading bays but would not reverse the charges.

> The street was a car park with shops attached. We want it to be a street again. That takes
> time, and we will help businesses through it.
-- Deputy Mayor Ihor Savka

The council plans to publish a full review of the scheme after a year, including, it says, a
survey of the businesses on the street.
""",
    ),
)
