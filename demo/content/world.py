"""World: the border, the river basin and the valley's ties abroad. Countries left unnamed."""

from .schema import Article

SECTION = "world"

ARTICLES = (
    Article(
        slug="tesna-border-queues",
        title="Lorry queues stretch 20 kilometres at Tesna as neighbours tighten checks",
        standfirst="Drivers are waiting up to three days to cross the border after new customs "
        "rules took effect on the other side. Perishable exports from the valley are the first "
        "casualties.",
        authors=("vera-halas",),
        published=(3, "11:05"),
        tags=("Border", "Trade"),
        caption="The road to the Tesna crossing, drawn as rings of waiting traffic.",
        body="""
The queue of lorries waiting to cross the border at Tesna stretched for more than 20 kilometres
this week, after the customs service of the neighbouring country introduced stricter checks on
goods arriving from the east.

Drivers interviewed by the Ledger at the end of the queue said they expected to wait between two
and three days. There are no toilets along most of the route, and the only petrol station nearby
ran out of drinking water on the second day. Local volunteers have begun driving along the hard
shoulder handing out food and bottled water.

[image: The queue at Tesna, drawn from traffic data for the road to the crossing. |
Graphic: The Halvesk Ledger]

The new rules require every lorry to be weighed and a share of consignments to be fully unloaded
and inspected, instead of the spot checks used until now. Officials on the other side of the
border have said the measures are aimed at smuggling, and have not said how long they will last.

> I have been driving this route for eleven years. I have never seen it like this. You sleep in
> the cab, you eat in the cab, and you pray the engine starts when the line moves.
-- Mikhail, a lorry driver from Brodny

## Perishable goods first

The hauliers' association estimates that about 1,400 lorries a day normally cross at Tesna,
carrying everything from timber and steel to fruit and dairy products. It is the main route for
the valley's exports to the west.

For producers of perishable goods, even a day's delay can mean a lost load. The Lipovar dairy
cooperative, whose aged cheese can survive the wait, said it was nonetheless sending shipments
through a crossing 300 kilometres to the north. A fruit exporter in Zavir said it had turned two
refrigerated lorries around rather than risk the cargo spoiling.

> A lorry of apples is a lorry of apples for four days. After that it is a lorry of juice.
-- Georgi Marin, chair, Kestra Hauliers' Association

## Talks, but no timetable

The foreign ministry said it had raised the issue with the neighbouring government and was
seeking "a rapid return to normal procedures". Officials from both sides are due to meet at the
crossing next week, according to the regional administration.

In the meantime, the regional administration has asked the police to open a second lane for
empty lorries and buses, which are stuck in the same queue, and has put portable toilets at
three points along the road.

Economists say a prolonged slowdown at Tesna could hurt the region's economy more than the
headline figures suggest, because so many small firms depend on a single route. The regional
chamber of commerce has asked its members to report their losses so that it can put a figure to
the government.

For the drivers, the immediate concerns are more basic. Near the very end of the queue, by the
village of Dubky, a group of them had set up a gas stove on the verge and were cooking potatoes
in a shared pot. Asked what they thought would happen next, one of them shrugged. "Next, we move
a hundred metres," he said.
""",
    ),
    Article(
        slug="kestra-basin-commission",
        title="Kestra basin countries agree to share river data after dam dispute",
        standfirst="Meeting in Halvesk, officials from the three countries the river crosses "
        "agreed to publish water levels and dam releases in real time. Campaigners say it is "
        "thirty years late.",
        authors=("vera-halas",),
        published=(8, "15:35"),
        tags=("Kestra River", "Diplomacy", "Floods"),
        caption="Three countries, one river: gauges and meridians in an abstract globe.",
        body="""
Officials from the three countries through which the Kestra flows agreed in Halvesk this week
to publish real-time data on water levels, rainfall and dam releases, in a deal meant to prevent
the kind of surprise that preceded last year's flood.

The agreement was signed at the end of a two-day meeting of the Kestra Basin Commission, a body
set up in the 1990s that had not met at ministerial level for six years. It commits each country
to share readings from its river gauges every fifteen minutes and to give at least 24 hours'
notice of any large planned release from a dam.

Dam releases had soured relations since the flood. Officials in Halvesk have said publicly that
a release from a reservoir upstream, across the border, added to the water arriving in the city
at its peak. The upstream country's water agency has said the release was needed to protect the
dam itself and was announced through the usual channels.

> We are not here to assign blame for last year. We are here to make sure that next time,
> everyone sees the same numbers at the same moment.
-- Darina Kos, chair of the Kestra Basin Commission

## What the deal does and does not do

The data will be published on a shared website and made available to emergency services in all
three countries. Hydrologists in Halvesk say that alone could add several hours of warning time,
because gauges upstream currently report to national agencies that do not automatically pass the
readings on.

But the agreement sets no limits on how reservoirs are operated, and it does not create a joint
body with the power to order or block releases. Environmental groups had called for both.

> Sharing data is the least a river commission should do. It is welcome, and it is thirty years
> late.
-- Marko Lesniak, Kestra Rivers Alliance

The commission also agreed to a joint study of sediment in the river, which has become a concern
downstream because of dredging and because reservoirs trap sand that would otherwise replenish
the riverbed. The study is due to report within two years.

## A modest step

Diplomats involved in the talks said privately that getting a signature at all had been
difficult, with one delegation confirming its attendance only the day before. Several noted that
the commission's secretariat has two staff and a budget that has not changed in a decade.

The real test, they said, will come the first time a dam operator has to decide whether to give
a full day's notice in the middle of a storm. The mayor of Halvesk, Roman Teslenko, who hosted a
dinner for the delegates, called the agreement "the first sensible thing anyone has done about
this river in a generation".
""",
    ),
    Article(
        slug="halvesk-nurses-abroad",
        title="The nurses who left: Halvesk's hospitals and the recruiters from abroad",
        standfirst="A quarter of the nurses trained in the city in the past five years now work "
        "in other countries. We spoke to those who went, those who stayed and the agencies in "
        "between.",
        authors=("vera-halas", "yana-holub"),
        published=(13, "10:40"),
        tags=("Migration", "Health"),
        caption="Departures and returns, in orbits around one city.",
        body="""
Kateryna Voloshyn was 24 when a recruiter approached her in the canteen of the regional hospital
in Halvesk. He offered her a job in a care home abroad, a monthly salary about four times what
she earned on the surgical ward, free accommodation for the first six months and language lessons
paid for by the employer.

She signed within a week. Six years later, she is a senior nurse in a hospital in a large city in
the west, with a flat, a car and a two-year-old son. She comes home twice a year.

> I did not leave because I did not like my job. I loved my job. I left because I was working
> sixty hours a week and could not afford to rent a room on my own.
-- Kateryna Voloshyn, nurse

Her story is common. Figures from the nursing college in Halvesk, obtained by the Ledger, show
that of the roughly 900 nurses who qualified there in the past five years, about 230 are now
registered to work in other countries. Hospital managers say the true number may be higher,
because not everyone who leaves registers abroad straight away.

## The recruiters

Recruiting nurses internationally is legal and, for the agencies involved, profitable.
Recruiters are typically paid a fee by the foreign employer for each nurse placed, and some also
charge nurses for translating documents and preparing for exams.

We contacted four agencies active in Halvesk. Two agreed to speak. One, a small firm with an
office above a bank on Cathedral Square, said it placed around forty nurses a year, mostly in
care homes. Its director said the agency was providing "an opportunity people are asking for"
and that it warned candidates about the difficulties of working abroad.

Several nurses told us, however, that contracts signed through agencies contained clauses
requiring them to repay training and relocation costs, sometimes several thousand euros, if they
left their employer within two or three years. Legal advisers say such clauses are not always
enforceable, but that nurses rarely know that.

## The wards left behind

At the regional hospital, the effect shows in the rota. The surgical department where Voloshyn
used to work has eleven vacant nursing posts out of forty. Nurses who remain regularly work
double shifts, and the department has closed six beds because it cannot staff them safely.

> Every nurse who leaves is a nurse someone here trained, on a public salary, for years. We are
> exporting our best people and paying for the privilege.
-- Dr Serhiy Melnyk, medical director, Halvesk Regional Hospital

The government raised nurses' pay by 20 percent two years ago, and the hospital offers young
nurses a place in a subsidised hostel. Managers say that has slowed departures but not stopped
them. The gap with wages in western Europe remains wide.

## Going home

A small number of nurses are coming back. The Ledger spoke to three who had returned in the past
two years, all of them for family reasons: ageing parents, children they wanted to grow up near
their grandparents, a partner who could not find work abroad.

All three said working abroad had made them better nurses, and that they had brought back
practices they wanted to introduce. One said she had been frustrated to find that her foreign
experience counted for little on the pay scale when she came home.

Voloshyn says she thinks about returning often, especially when she visits and sees her parents
getting older. For now, she says, the numbers do not add up.

> Maybe when my son is at school. Maybe if the wages change. I still have my uniform from the
> regional hospital in a drawer. I do not know why I kept it.
-- Kateryna Voloshyn
""",
    ),
    Article(
        slug="valley-aid-convoy",
        title="Valley volunteers drive aid convoy across the border to flooded towns",
        standfirst="Twelve vans of pumps, blankets and dried food left Halvesk at dawn, "
        "organised by people who remember what it was like to be on the receiving end.",
        authors=("vera-halas",),
        published=(21, "09:50"),
        tags=("Aid", "Volunteers", "Floods"),
        caption="The convoy's route, drawn as a loop across the border and back.",
        credit="",
        body="""
A convoy of twelve vans carrying water pumps, generators, blankets and dried food left Halvesk
at dawn yesterday for towns across the border that were flooded after a week of heavy rain, in
an operation organised almost entirely by volunteers.

The convoy was put together in five days by Valley Hands, a group formed during last year's
floods in Halvesk, when volunteers from the neighbouring country were among the first to arrive
with boats and supplies. Its organisers said they had wanted to return the favour.

> When the water came into our streets, people we had never met drove through the night to
> help us. This time it is our turn.
-- Olha Rudenko, coordinator, Valley Hands

Donations arrived at a warehouse on the Tovarna estate lent by a logistics company. By the end
of the week, volunteers had sorted around 30 tonnes of goods, including 40 petrol-driven pumps
bought with money raised online and 600 sets of bedding donated by a hotel chain.

The drivers, many of whom took unpaid leave, include a bus driver, two teachers, a retired
police officer and a dentist. Several were themselves flooded out of their homes last year.

## Crossing the border

The convoy was expected to take about nine hours to reach a group of small towns along a
tributary river, where local authorities said several hundred homes had been damaged. The
organisers coordinated with emergency services on both sides and prepared the customs paperwork
in advance, so that the vans would not be held at the crossing.

The regional administration provided a police escort as far as the border and waived fees for
the vans. The foreign ministry said it had informed the authorities on the other side.

> We know from our own flood what is needed in the first weeks. Pumps, dry blankets, and
> someone to talk to who understands.
-- Ruslan Demchuk, volunteer driver and retired police officer

Valley Hands says it plans a second convoy in two weeks, focused on cleaning materials and
dehumidifiers, which are needed once the water goes down. It is asking for equipment rather than
clothing, of which it already has more than it can use.
""",
    ),
)
