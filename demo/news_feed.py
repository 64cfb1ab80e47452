"""The demo News Feed: short updates from The Halvesk Ledger's fictional newsroom.

``load_news_feed(now=...)`` publishes the items below, dated over the four days before ``now``
so the demo always looks current. Some link to demo articles (by slug; a missing or unpublished
article just means no link). Every place, person and event is invented. It does nothing if the
News Feed already has items, so running it again is safe.
"""

from datetime import timedelta
from typing import NamedTuple

from django.db import transaction

from articles.models import ArticlePage
from newsfeed.models import NewsFeedItem
from newsfeed.services import news_item_publish


class DemoItem(NamedTuple):
    minutes_ago: int
    headline: str
    summary: str
    article: str | None = None  # a demo article's slug
    breaking: bool = False
    pinned: bool = False


HOUR = 60
DAY = 24 * HOUR

ITEMS = (
    DemoItem(
        7,
        "Iron Bridge closed to traffic after barge strikes pier",
        "Police have closed the Iron Bridge in both directions while engineers inspect a pier "
        "hit by a sand barge. Buses are diverted over the Station Bridge.",
        breaking=True,
    ),
    DemoItem(
        26,
        "Kestra Energy confirms new heating tariff from next month",
        "The utility has filed the 14% increase with the regulator. Households on the social "
        "tariff will see a smaller rise of 6%, it says.",
        article="heating-bills-rise",
    ),
    DemoItem(
        48,
        "Night bus N3 adds a stop at the Tovarna estate clinic",
        "The city transport office says the stop was the most requested change in the first "
        "month of the route.",
        article="night-buses-return-left-bank",
    ),
    DemoItem(
        75,
        "Council committee delays vote on Market Street parking fees",
        "Councillors want a count of pedestrians and parked cars before deciding whether to cut "
        "the hourly charge. The vote is now expected in three weeks.",
        article="market-street-parking-fees",
    ),
    DemoItem(
        2 * HOUR + 10,
        "Water pressure low on the Left Bank during pipe repairs",
        "Halvesk Water says supply will be weak in buildings above the fourth floor until the "
        "work on Quay Street is finished.",
    ),
    DemoItem(
        3 * HOUR + 5,
        "Lorry queue at Tesna shortens to 9 kilometres",
        "Border guards on the other side have opened two more inspection lanes. Drivers report "
        "waits of about a day, down from three.",
        article="tesna-border-queues",
    ),
    DemoItem(
        4 * HOUR + 30,
        "Brodny union calls members to a meeting on the shift cut",
        "The steelworkers' union will meet at the plant's cultural centre to discuss the "
        "owners' offer of temporary transfers instead of layoffs.",
        article="brodny-steelworks-shift-cut",
    ),
    DemoItem(
        5 * HOUR + 45,
        "Kestra water level rises 40 centimetres at Zavir gauge",
        "The regional water office says the rise follows a planned release upstream and poses "
        "no flood risk. Anglers are asked to keep off the lower banks.",
        article="kestra-basin-commission",
    ),
    DemoItem(
        7 * HOUR,
        "Children's hospital rehabilitation ward takes its first patients",
        "Six children moved to the new ward, which has twelve beds and a hydrotherapy pool "
        "paid for by a regional grant.",
        article="childrens-rehabilitation-ward",
    ),
    DemoItem(
        9 * HOUR + 20,
        "Regional court extends detention of former roads official",
        "The official is suspected of leaking tender documents. His lawyer says he will appeal.",
        article="governor-road-contracts",
    ),
    DemoItem(
        11 * HOUR,
        "Olesk parents submit petition with 1,100 signatures",
        "The petition asks the regional education department to keep the village school open "
        "for at least another three years.",
        article="olesk-village-school",
    ),
    DemoItem(
        13 * HOUR + 40,
        "Storm warning for the upper Kestra valley",
        "Forecasters expect gusts of up to 80 km/h in the hills above Lipovar. The regional "
        "emergency service advises against driving on mountain roads.",
        breaking=True,
    ),
    DemoItem(
        16 * HOUR,
        "Halvesk airport cancels two evening flights because of fog",
        "Passengers booked on the cancelled flights are being rebooked on tomorrow's services, "
        "the airport says.",
    ),
    DemoItem(
        19 * HOUR + 15,
        "Aid convoy reaches the flooded towns downstream",
        "The volunteers say all twelve vans crossed the border and unloaded pumps and food at a "
        "school used as a shelter.",
        article="valley-aid-convoy",
    ),
    DemoItem(
        DAY + 50,
        "City publishes the first batch of council contracts online",
        "More than 300 contracts signed since January are now searchable on the city's "
        "website. The Ledger will go through them in the coming days.",
        article="publishing-council-contracts",
    ),
    DemoItem(
        DAY + 2 * HOUR,
        "Tram depot fire put out, no injuries",
        "Firefighters needed forty minutes to put out a fire in a storage hall at the old "
        "Sosnovy Hill tram depot. The cause is not yet known.",
        breaking=True,
    ),
    DemoItem(
        DAY + 3 * HOUR + 30,
        "Lipovar cheese wins a gold medal at an international fair",
        "The dairy cooperative's aged hard cheese was the only entry from the valley to win a "
        "gold medal this year.",
        article="lipovar-dairy-cooperative",
    ),
    DemoItem(
        DAY + 5 * HOUR,
        "Parliament committee postpones hearing on district map",
        "The hearing on the bill to redraw the Kestra region's electoral districts has moved "
        "to next week after the opposition asked for more time.",
        article="kestra-electoral-districts",
    ),
    DemoItem(
        DAY + 6 * HOUR + 15,
        "Voter list checks open at district offices",
        "Residents can check their registration at district offices or online until the end "
        "of the month. Bring a passport and proof of address.",
        article="new-voter-registration-rules",
    ),
    DemoItem(
        DAY + 8 * HOUR,
        "Floodwall section 4 passes inspection",
        "City engineers signed off the third of seven damaged floodwall sections. Work on "
        "section 5, by the fish market, starts next week.",
        article="floodwall-repairs-behind-schedule",
    ),
    DemoItem(
        DAY + 10 * HOUR + 40,
        "Iron Bridge Theatre adds matinee performances",
        "The play about the city's last tram sold out its first two weeks. Weekend matinees go "
        "on sale on Monday.",
        article="iron-bridge-theatre-reopens",
    ),
    DemoItem(
        DAY + 12 * HOUR,
        "Bread prices at Halvesk bakeries rise for the second time this year",
        "The bakers' association blames flour and electricity costs. A standard loaf now costs "
        "about a tenth more than in spring.",
    ),
    DemoItem(
        DAY + 15 * HOUR + 20,
        "Missing kayaker found safe near Zavir",
        "Rescuers found the 34-year-old on a sandbank two kilometres downstream of where his "
        "kayak overturned. He was taken to hospital as a precaution.",
    ),
    DemoItem(
        DAY + 18 * HOUR,
        "University library extends opening hours before exams",
        "The main reading room will stay open until midnight on weekdays for the next month.",
    ),
    DemoItem(
        2 * DAY + 30,
        "Governor Moroz says the roads tender rules will be reviewed",
        "The governor told reporters that an outside auditor will examine how the region's "
        "road-repair contracts were awarded. She denied any wrongdoing.",
        article="governor-road-contracts",
        breaking=True,
    ),
    DemoItem(
        2 * DAY + 2 * HOUR,
        "Halvesk Water lifts boil-water notice for Sosnovy Hill",
        "Tests found the water safe to drink again after a main burst earlier in the week.",
    ),
    DemoItem(
        2 * DAY + 3 * HOUR + 45,
        "Boathouse jazz club announces autumn season",
        "The club on the Kestra will host twenty concerts, including a weekly open session for "
        "student musicians.",
        article="boathouse-jazz-club",
    ),
    DemoItem(
        2 * DAY + 5 * HOUR,
        "Sand dredging permit suspended below Zavir",
        "The regional environment office has suspended one company's licence while it checks "
        "whether dredging took place outside the permitted zone.",
        article="who-owns-the-river",
    ),
    DemoItem(
        2 * DAY + 6 * HOUR + 30,
        "Mayor Teslenko names new head of city transport",
        "The new director ran the bus company in a neighbouring city for six years. She starts "
        "next month.",
    ),
    DemoItem(
        2 * DAY + 8 * HOUR,
        "Recruitment fair for nurses draws 200 visitors",
        "Halvesk's hospitals offered signing bonuses and housing help at a fair aimed at "
        "bringing nurses back from abroad.",
        article="halvesk-nurses-abroad",
    ),
    DemoItem(
        2 * DAY + 10 * HOUR + 15,
        "Left Bank market moves to Saturday during quay works",
        "Stallholders will trade on Saturdays instead of Sundays until the quay paving is "
        "finished.",
    ),
    DemoItem(
        2 * DAY + 13 * HOUR,
        "Power restored to 3,000 homes in the Tovarna estate",
        "Kestra Energy says a faulty transformer caused the outage, which lasted about four hours.",
    ),
    DemoItem(
        2 * DAY + 16 * HOUR + 40,
        "Reading group for The Quiet Shift fills in a day",
        "The city library has added a second reading group after the first filled within a day "
        "of being announced.",
        article="the-quiet-shift-review",
    ),
    DemoItem(
        3 * DAY + 40,
        "Regional budget debate adjourned after heated session",
        "Councillors will resume the debate on the regional budget next week. The opposition "
        "wants more money for rural bus routes.",
        article="council-approves-budget",
    ),
    DemoItem(
        3 * DAY + 2 * HOUR + 10,
        "Kitchen archive opens a drop-off point at the central library",
        "Families can now leave recipe notebooks and photographs at the library desk instead "
        "of posting them to the university.",
        article="kitchen-archive",
    ),
    DemoItem(
        3 * DAY + 4 * HOUR,
        "Road to Olesk reopens after landslip",
        "The regional roads service cleared the landslip and says the road is safe, with a "
        "lower speed limit for two weeks.",
    ),
    DemoItem(
        3 * DAY + 5 * HOUR + 30,
        "Customs strike on the other side of the Tesna crossing called off",
        "Customs officers in the neighbouring country ended a two-day strike after a pay deal, "
        "their union says.",
        article="tesna-border-queues",
    ),
    DemoItem(
        3 * DAY + 7 * HOUR,
        "City council approves new cycle lane on Station Avenue",
        "The lane will run from the railway station to the Iron Bridge. Work is expected to "
        "take three months.",
    ),
    DemoItem(
        3 * DAY + 9 * HOUR + 20,
        "Halvesk football club appoints interim coach",
        "The assistant coach will lead the team until the winter break after the head coach "
        "resigned.",
    ),
    DemoItem(
        3 * DAY + 11 * HOUR,
        "Heavy rain expected across the valley",
        "Forecasters expect up to 50 millimetres of rain over two days. The city is "
        "distributing sandbags at three depots on the Left Bank.",
        article="floodwall-repairs-behind-schedule",
        breaking=True,
    ),
    DemoItem(
        3 * DAY + 14 * HOUR + 15,
        "Steelworks owners meet the regional governor",
        "Brodny's owners and the governor discussed electricity prices and export orders. "
        "Neither side commented after the meeting.",
        article="brodny-steelworks-shift-cut",
    ),
    DemoItem(
        3 * DAY + 17 * HOUR,
        "Lost-property office at the railway station moves",
        "The office is now next to the ticket hall. Opening hours are unchanged.",
    ),
    DemoItem(
        3 * DAY + 20 * HOUR + 30,
        "How we write the News Feed",
        "Each update is checked by an editor before it is published. When we get something "
        "wrong, we correct the update and say so.",
        pinned=True,
    ),
)


@transaction.atomic
def load_news_feed(*, now):
    """Publish the demo items; returns how many were created (0 if the feed had items)."""
    if NewsFeedItem.objects.exists():
        return 0
    slugs = {item.article for item in ITEMS if item.article}
    articles = {page.slug: page for page in ArticlePage.objects.live().filter(slug__in=slugs)}
    for data in reversed(ITEMS):  # oldest first, so ids follow time
        item = news_item_publish(
            headline=data.headline,
            summary=data.summary,
            article=articles.get(data.article),
            is_breaking=data.breaking,
            is_pinned=data.pinned,
        )
        published_at = now - timedelta(minutes=data.minutes_ago)
        NewsFeedItem.objects.filter(pk=item.pk).update(
            first_published_at=published_at, last_published_at=published_at
        )
    return len(ITEMS)
