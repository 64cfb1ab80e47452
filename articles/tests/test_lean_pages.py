"""Lean pages for readers on phones: the article and the front page, as a browser receives them.

Every image reserves its space (width and height) and offers AVIF, then WebP; only the lead
image is fetched at once, at high priority, the rest load lazily below the fold. Scripts and
stylesheets come from the site itself, scripts never block rendering, and the CSS and JS an
article links weigh at most 50 KB gzipped.
"""

import gzip
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from PIL import features

from narration.models import Narration
from newsletters.models import Newsletter
from picks.models import EDITORS_PICKS, CuratedItem, CuratedList
from testkit import builders

BUDGET_BYTES = 50 * 1024
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Element:
    def __init__(self, tag, attrs, ancestors):
        self.tag, self.attrs, self.ancestors = tag, dict(attrs), ancestors

    def within(self, tag, css_class=None):
        return any(
            t == tag and (css_class is None or css_class in classes.split())
            for t, classes in self.ancestors
        )


class Elements(HTMLParser):
    """Every start tag with its attributes and its ancestors' (tag, class)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.found, self.open = [], []
        self.inline_scripts = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append(Element(tag, attrs, list(self.open)))
        if tag not in VOID:
            self.open.append((tag, dict(attrs).get("class") or ""))

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                break

    def handle_data(self, data):
        if self.open and self.open[-1][0] == "script" and data.strip():
            self.inline_scripts.append(self.found[-1])

    def all(self, tag):
        return [e for e in self.found if e.tag == tag]


def page_elements(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return Elements(response.content.decode())


def curate(slug, *articles):
    curated = CuratedList.objects.get(slug=slug)
    for order, article in enumerate(articles):
        CuratedItem.objects.create(curated_list=curated, article=article, sort_order=order)


@pytest.fixture
def newsroom_with_logo(db):
    from core.models import NewsroomSettings

    newsroom = NewsroomSettings.load()
    newsroom.name, newsroom.logo = "The Test Courier", builders.make_image(size=(120, 40))
    newsroom.save()
    return newsroom


@pytest.fixture
def stories(home, section, author, newsroom_with_logo):
    """Enough illustrated articles for a lead, top stories, More news rows and section blocks."""
    # Card-sized originals keep the suite quick (AVIF encoding is slow); the newest, the front
    # page's lead, is large enough for every width of its srcset.
    made = [
        builders.make_article(
            section,
            authors=[author],
            title=f"Story {i}",
            lead_image=builders.make_image(size=(1600, 900) if i == 7 else (640, 360)),
        )
        for i in range(8)
    ]
    curate(EDITORS_PICKS, made[0], made[1])
    return made


@pytest.fixture
def article(section, author, stories):
    """An article with everything that loads something: a lead photo, a body photo, a teaser,
    related articles, the narration player, the newsletter sign-up and the News Feed column."""
    article = builders.make_article(
        section,
        authors=[author],
        title="Night trains resume",
        body=[
            ("paragraph", f"<p>{builders.words(200)}</p>"),
            ("image", {"image": builders.make_image(), "caption": "The depot.", "credit": ""}),
            ("related_article", {"article": stories[1]}),
            ("paragraph", f"<p>{builders.words(200)}</p>"),
        ],
        tags=["Rail"],
        lead_image=builders.make_image(),
        caption="A train at the platform.",
    )
    Newsletter.objects.create(name="Morning Briefing", slug="morning-briefing")
    Narration.objects.create(
        article=article,
        status=Narration.Status.DONE,
        text_hash="spoken",
        audio_hash="spoken",
        audio="narration/night-trains.mp3",
        duration_seconds=95,
    )
    return article


@pytest.fixture(params=["article", "front"])
def page(request, client, home, stories):
    url = request.getfixturevalue("article").url if request.param == "article" else home.url
    return request.param, page_elements(client, url)


def lead_of(kind, elements):
    # The article's lead figure; the front page's lead card.
    where = ("figure", "article__lead") if kind == "article" else ("article", "card--lead")
    lead = [img for img in elements.all("img") if img.within(*where)]
    assert len(lead) == 1, "one lead image"
    return lead[0]


def test_pillow_writes_avif():
    # The picture tags ask for AVIF renditions: without AVIF in Pillow every page would fail.
    assert features.check("avif")


def test_every_image_reserves_its_space(page):
    _, elements = page
    images = elements.all("img")
    assert len(images) >= 5
    for img in images:
        assert int(img.attrs["width"]) > 0 and int(img.attrs["height"]) > 0, img.attrs


def test_lead_image_is_fetched_first_and_never_lazily(page):
    kind, elements = page
    lead = lead_of(kind, elements)
    assert lead.attrs.get("fetchpriority") == "high"
    assert lead.attrs.get("loading") != "lazy"
    others = [img for img in elements.all("img") if img is not lead]
    assert not [img.attrs for img in others if img.attrs.get("fetchpriority") == "high"]


def test_images_below_the_lead_load_lazily(page):
    kind, elements = page
    lead = lead_of(kind, elements)
    below = [img for img in elements.all("img") if img.within("main") and img is not lead]
    assert len(below) >= 4  # body photo, teaser, cards or rows
    for img in below:
        assert img.attrs.get("loading") == "lazy", img.attrs


def test_content_images_offer_avif_then_webp_in_several_widths(page):
    _, elements = page
    images = [img for img in elements.all("img") if img.within("main")]
    sources = [s for s in elements.all("source") if s.within("picture")]
    assert len(sources) == len(images)  # one AVIF source per picture
    for source in sources:
        assert source.attrs["type"] == "image/avif"
        assert ".avif " in source.attrs["srcset"] and source.attrs["sizes"]
    for img in images:
        assert img.within("picture")
        assert img.attrs["src"].endswith(".webp")
        assert img.attrs["srcset"].count(".webp ") >= 2 and img.attrs["sizes"]


def is_own(url):
    if url.startswith("data:"):
        return True
    parts = urlsplit(url)
    return (not parts.scheme and not parts.netloc) or parts.netloc == "testserver"


def linked_assets(elements):
    """URLs of the scripts, stylesheets, fonts and icons the page asks the browser to load."""
    urls = [s.attrs["src"] for s in elements.all("script") if s.attrs.get("src")]
    for link in elements.all("link"):
        rel = set(link.attrs.get("rel", "").lower().split())
        if rel & {"stylesheet", "preload", "modulepreload", "prefetch", "icon", "preconnect"}:
            urls.append(link.attrs["href"])
    return urls


def static_file(url):
    path = urlsplit(url).path
    assert path.startswith(settings.STATIC_URL), url
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    assert found, url
    with open(found, "rb") as f:
        return f.read()


def test_no_third_party_scripts_stylesheets_or_fonts(page):
    _, elements = page
    urls = linked_assets(elements)
    assert urls
    assert [url for url in urls if not is_own(url)] == []
    for url in urls:
        if url.endswith(".css"):
            css = static_file(url).decode()
            # No @import and no url() off the site: fonts are the reader's own (system fonts).
            assert "@import" not in css and "@font-face" not in css
            assert "url(http" not in css.replace(" ", "") and "url(//" not in css.replace(" ", "")


def test_scripts_never_block_rendering(page):
    _, elements = page
    external = [s for s in elements.all("script") if s.attrs.get("src")]
    assert external
    for script in external:
        assert (
            "defer" in script.attrs
            or "async" in script.attrs
            or (script.attrs.get("type") == "module")
        ), script.attrs
    # Inline scripts only carry data (JSON-LD), never code that runs while the page parses.
    for script in elements.inline_scripts:
        assert script.attrs.get("type") == "application/ld+json", script.attrs


def test_article_css_and_js_weigh_at_most_50_kb_gzipped(client, article):
    elements = page_elements(client, article.url)
    urls = [url for url in linked_assets(elements) if urlsplit(url).path.endswith((".css", ".js"))]
    # The article page links the stylesheet and every script: sign-up, narration, News Feed.
    names = sorted(urlsplit(url).path.rsplit("/", 1)[-1] for url in urls)
    assert names == ["live.js", "masthead.css", "narration.js", "newsletters.js"]
    total = sum(len(gzip.compress(static_file(url), compresslevel=9)) for url in urls)
    assert total <= BUDGET_BYTES, f"{total} bytes gzipped"


def test_tab_icon_is_the_logo_or_nothing_so_no_favicon_404(
    client, home, newsroom_with_logo, django_capture_on_commit_callbacks
):
    icons = [
        link
        for link in page_elements(client, home.url).all("link")
        if "icon" in link.attrs.get("rel", "").split()
    ]
    assert len(icons) == 1 and icons[0].attrs["href"].endswith(".png")

    newsroom_with_logo.logo = None
    with django_capture_on_commit_callbacks(execute=True):  # committed, as in the admin
        newsroom_with_logo.save()
    icons = [
        link
        for link in page_elements(client, home.url).all("link")
        if "icon" in link.attrs.get("rel", "").split()
    ]
    assert [icon.attrs["href"] for icon in icons] == ["data:,"]


def test_a_listings_first_card_is_not_lazy_and_the_rest_are(client, section, stories):
    images = [img for img in page_elements(client, section.url).all("img") if img.within("main")]
    first, *rest = images
    assert first.attrs.get("loading") != "lazy" and first.attrs.get("fetchpriority") == "high"
    assert rest and all(img.attrs.get("loading") == "lazy" for img in rest)


def test_templates_link_static_files_only_through_the_static_tag():
    # {% static %} gives WhiteNoise's hashed, compressed, cached-forever names in production;
    # a literal /static/... path would be served stale after a deploy.
    folders = [*settings.TEMPLATES[0]["DIRS"], *settings.BASE_DIR.glob("*/templates")]
    literal = [
        str(path)
        for folder in folders
        for path in folder.rglob("*.html")
        if settings.STATIC_URL in path.read_text()
    ]
    assert literal == []
