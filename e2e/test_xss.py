"""An XSS corpus in every field an editor writes runs nothing, on reader pages or in the admin.

The corpus is saved the way editors' words reach the database: model fields and services for
plain text, and for rich text the admin's own Draftail converter (contentstate to storage HTML),
which is where Wagtail drops ``javascript:`` links. Each field gets as many payloads as it holds,
starting at a different one, so every payload lands in many contexts (text, attributes, <title>,
JSON-LD, feeds).

A page passes when, once it has loaded:
- no payload called ``window.__xss`` (seen by the page and by a Python binding), no dialog
  opened, no script error was thrown and nothing asked for the payloads' 127.0.0.1:1;
- no element the corpus would create exists (inline handlers, ``javascript:`` links, srcdoc
  frames, scripts or styles carrying it), whatever the Content-Security-Policy made of it;
- on reader pages, the browser reported no CSP violation (event or console message): their
  policy (core/security.py) blocks inline code, so a violation means a payload became markup;
- the fields it shows are there as text, literally (``{{7*7}}`` too), so a page cannot pass by
  leaving the content out.
Admin pages log Wagtail's own console messages (avatars, the update check): kept, printed with
``-s``, not failed on.
"""

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from articles.models import ArticleCorrection, ArticlePage, SectionPage
from authors.models import Author, AuthorLink
from core.models import NewsroomSettings
from newsfeed.services import news_item_publish
from newsletters.models import Newsletter
from picks.models import EDITORS_PICKS, TOP_STORIES, CuratedItem, CuratedList
from testkit import builders

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAYLOADS = [
    "<script>window.__xss('script')</script>",
    "\"><img src=x onerror=window.__xss('img')>",
    "'><svg onload=window.__xss('svg')>",
    "javascript:window.__xss('js-url')",
    "</title><script>window.__xss('title')</script>",
    "</script><script>window.__xss('json')</script>",  # out of the JSON-LD
    "<iframe srcdoc=\"<script>parent.__xss('srcdoc')</script>\">",
    "{{7*7}}",
    '{% now "Y" %}',
    "<a href=\"javascript:window.__xss('a')\">x</a>",
    "<details open ontoggle=window.__xss('toggle')>",
    "%3Cscript%3Ewindow.__xss('enc')%3C/script%3E",
    "\uff1cscript\uff1ewindow.__xss('fullwidth')\uff1c/script\uff1e",  # NFKC makes it <script>
    "<style>@import 'http://127.0.0.1:1/x.css'</style>",
]

# Links pasted into the rich text link dialog; only the last may keep its target.
KEPT_LINK = "https://example.org/kept"
LINK_URLS = [
    "javascript:window.__xss('js-url')",
    "JaVaScRiPt:window.__xss('js-case')",
    "java\tscript:window.__xss('js-tab')",
    KEPT_LINK,
]

SEARCH_WORD = "Halvesk"  # starts both headlines: a word to search for

# Before any page script, in every frame: the payloads' target, and CSP violations reported.
WATCH_SCRIPT = """
window.__xss = (tag) => {
  (window.__hits = window.__hits || []).push(tag);
  window.__report("hit", String(tag), location.href);
};
document.addEventListener("securitypolicyviolation", (event) => {
  const what = `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`;
  window.__report("csp", `${what}: ${event.sample}`, location.href);
}, true);
"""

# Elements or attributes the corpus would have created, had any of it become markup.
FIND_INJECTED = """() => {
  const found = [];
  const show = (el) => el.outerHTML.slice(0, 140);
  const urlAttributes = ["href", "src", "action", "formaction", "xlink:href"];
  for (const el of document.querySelectorAll("*")) {
    for (const {name, value} of el.attributes) {
      if (!value.includes("__xss")) continue;
      const scriptUrl = urlAttributes.includes(name) && /^\\s*j\\s*a\\s*v\\s*a/i.test(value);
      if (name.startsWith("on") || name === "srcdoc" || scriptUrl) found.push(show(el));
    }
  }
  for (const el of document.querySelectorAll("script")) {
    const type = el.type.toLowerCase();
    const runs = !type || type.includes("javascript") || type === "module";
    if (runs && el.textContent.includes("__xss")) found.push(show(el));
  }
  for (const el of document.querySelectorAll("style, link[rel=stylesheet]")) {
    if ((el.textContent + el.getAttribute("href")).includes("127.0.0.1:1")) found.push(show(el));
  }
  return found;
}"""

# Elements a feed would gain if an editor's text went into it unescaped.
CORPUS_ELEMENTS = {"script", "img", "svg", "iframe", "a", "details", "style"}


class Corpus:
    """Hands the payloads out in turn, as many as a field holds, and remembers what went where."""

    def __init__(self):
        self.saved = {}
        self._start = 0

    def fill(self, label, limit, *, prefix=""):
        text = prefix
        for i in range(len(PAYLOADS)):
            candidate = f"{text} {PAYLOADS[(self._start + i) % len(PAYLOADS)]}".strip()
            if len(candidate) <= limit:
                text = candidate
        self._start += 1
        self.saved[label] = text
        return text


def draftail(block, *paragraphs, links=()):
    """What the admin stores when an editor pastes ``paragraphs`` into a Draftail field and
    links a word to each of ``links``: the widget's own contentstate-to-HTML conversion."""

    def paragraph(key, text, ranges=()):
        return {"key": key, "type": "unstyled", "depth": 0, "text": text}, list(ranges)

    blocks = [paragraph(f"p{i}", text) for i, text in enumerate(paragraphs)]
    if links:
        words = [f"link{n}" for n in range(len(links))]
        ranges = [
            {"offset": len(" ".join(words[:n])) + bool(n), "length": len(word), "key": n}
            for n, word in enumerate(words)
        ]
        blocks.append(paragraph("links", " ".join(words), ranges))
    contentstate = {
        "blocks": [{**b, "inlineStyleRanges": [], "entityRanges": r} for b, r in blocks],
        "entityMap": {
            str(n): {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}
            for n, url in enumerate(links)
        },
    }
    return block.value_from_datadict({"rt": json.dumps(contentstate)}, {}, "rt")


def link_targets(markup):
    """The hrefs of the real <a> tags in rich text (escaped text starts &lt;, not <)."""
    return re.findall(r'<a\b[^>]*?\shref="([^"]*)"', markup)


@dataclass
class Visit:
    name: str
    path: str
    texts: list = field(default_factory=list)  # labels of fields the page shows as text
    title: list = field(default_factory=list)  # ... and in document.title
    inputs: dict = field(default_factory=dict)  # form field selector: label of its value
    starts: list = field(default_factory=list)  # labels shown cut short ("Title…"): the start


@dataclass
class Newsroom:
    saved: dict
    reader_pages: list
    admin_pages: list
    feeds: list  # (path, label of a title it lists)
    superuser: object
    article: ArticlePage


@pytest.fixture
def newsroom(live_server, settings, tmp_path, django_user_model):
    settings.MEDIA_ROOT = tmp_path
    settings.MASTHEAD_LIVE_POLL_SECONDS = 1
    corpus = Corpus()
    boss = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    made = _content(corpus, boss)
    return Newsroom(
        corpus.saved,
        _reader_pages(corpus.saved, **made),
        _admin_pages(**made),
        _feeds(**made),
        boss,
        made["article"],
    )


def _content(corpus, boss):
    """Every editor-writable field, full of the corpus; returns what the pages are about."""
    fill = corpus.fill

    def image(label):
        return builders.make_image(title=fill(label, 255), size=(64, 36))  # quick renditions

    identity = NewsroomSettings.load()
    identity.name = fill("newsroom name", 100)
    identity.tagline = fill("newsroom tagline", 200)
    identity.save()

    section = builders.make_home().add_child(
        instance=SectionPage(
            title=fill("section title", 255),
            slug="xss-section",
            intro=fill("section intro", 250),
            seo_title=fill("section seo title", 255),
            search_description=fill("section search description", 400),
        )
    )
    section.save_revision(user=boss).publish(user=boss)
    author = Author.objects.create(
        name=fill("author name", 120),
        slug="xss-author",
        role=fill("author role", 80),
        bio=fill("author bio", 600),
        live=True,
    )
    AuthorLink.objects.create(
        author=author, label=fill("author link label", 60), url="https://example.org/me"
    )
    author.save_revision(user=boss)
    newsletter = Newsletter.objects.create(
        name=fill("newsletter name", 120),
        slug="xss-letter",
        host=fill("newsletter host", 120),
        description=fill("newsletter description", 600),
        cadence=fill("newsletter cadence", 80),
    )

    blocks = ArticlePage._meta.get_field("body").stream_block.child_blocks
    # Found by the search word in its body, so its search result shows a snippet of the body.
    other_body = draftail(blocks["paragraph"], fill("other body", 900, prefix=SEARCH_WORD))
    other = builders.make_article(
        section,
        authors=[author],
        title=fill("other headline", 255, prefix=SEARCH_WORD),
        standfirst=fill("other standfirst", 400),
        body=[("paragraph", other_body)],
        lead_image=image("other image title"),
    )
    article = builders.make_article(
        section,
        authors=[author],
        title=fill("first headline", 255, prefix=SEARCH_WORD),
        standfirst=fill("first standfirst", 400),
        body=[("paragraph", draftail(blocks["paragraph"], fill("first paragraph", 400)))],
        tags=PAYLOADS,  # one tag each
        lead_image=image("lead image title"),
        caption=fill("lead image caption", 300),
        credit=fill("lead image credit", 150),
    )

    paragraph = draftail(
        blocks["paragraph"], *(fill(f"paragraph {i}", 200) for i in range(4)), links=LINK_URLS
    )
    note = draftail(
        blocks["editors_note"].child_blocks["text"], fill("editor's note", 400), links=LINK_URLS
    )
    # Wagtail's whitelist kept the web link's target and dropped the others'.
    assert link_targets(paragraph.source) == link_targets(note.source) == [KEPT_LINK]

    # A second revision, by the superuser: new words, every body block and a correction, so
    # the admin's history and comparison views show payloads on both sides.
    draft = article.get_latest_revision_as_object()
    draft.title = fill("headline", 255, prefix=SEARCH_WORD)
    draft.standfirst = fill("standfirst", 400, prefix=SEARCH_WORD)
    draft.body = [
        ("paragraph", paragraph),
        ("subheading", fill("subheading", 255)),
        ("quote", {"quote": fill("quote", 600), "attribution": fill("attribution", 120)}),
        (
            "image",
            {
                "image": image("body image title"),
                "caption": fill("body image caption", 300),
                "credit": fill("body image credit", 150),
            },
        ),
        ("editors_note", {"kind": "correction", "text": note}),
        ("related_article", {"article": other}),
        ("newsletter_signup", {"newsletter": newsletter, "heading": fill("signup heading", 200)}),
    ]
    draft.corrections.add(ArticleCorrection(note=fill("correction note", 1000)))
    first_revision = article.latest_revision
    revision = draft.save_revision(user=boss)
    revision.publish(user=boss)
    article.refresh_from_db()

    for slug, label in [(TOP_STORIES, "top stories name"), (EDITORS_PICKS, "picks name")]:
        curated = CuratedList.objects.get(slug=slug)
        curated.name = fill(label, 80)
        curated.save()
        for order, chosen in enumerate([article, other]):
            CuratedItem.objects.create(curated_list=curated, article=chosen, sort_order=order)

    item = news_item_publish(
        headline=fill("first news headline", 200),
        summary=fill("first news summary", 600),
        article=article,
        is_breaking=True,
        user=boss,
    )
    first_item_revision = item.latest_revision
    item.headline = fill("news headline", 200)
    item.summary = fill("news summary", 600)
    item.save_revision(user=boss).publish(user=boss)

    tags = list(article.tags.all())
    corpus.saved.update({f"tag {tag.slug}": tag.name for tag in tags})
    return {
        "section": section,
        "author": author,
        "article": article,
        "tags": tags,
        "item": item,
        "revisions": (first_revision.pk, revision.pk),
        "item_revisions": (first_item_revision.pk, item.latest_revision.pk),
    }


def _reader_pages(saved, *, section, author, article, tags, item, **_):
    site = ["newsroom name", "section title"]
    column = ["news headline", "news summary"]
    card = ["headline", "standfirst"]
    on_article = [
        *["lead image caption", "lead image credit", "author name", "subheading", "quote"],
        *["paragraph 0", "paragraph 1", "paragraph 2", "paragraph 3", "attribution"],
        *["body image caption", "body image credit", "editor's note", "correction note"],
        *["signup heading", "other headline", "newsroom tagline", "newsletter name"],
    ]
    pages = [
        Visit("article", article.url, [*site, *card, *on_article, *column], ["headline"]),
        Visit("front page", "/", [*site, *card, "other headline", *column], ["newsroom tagline"]),
        Visit("section", section.url, [*site, "section intro", *card], ["section seo title"]),
        Visit(
            "author",
            author.get_absolute_url(),
            [*site, "author role", "author bio", "author link label", *card],
            ["author name"],
        ),
        *(
            Visit(f"tag {tag.slug}", reverse("tags:detail", args=[tag.slug]), [f"tag {tag.slug}"])
            for tag in tags
        ),
        Visit("news feed", reverse("live:feed"), [*site, *column, "headline"]),
        Visit("news item", item.get_absolute_url(), [*site, *column], ["news headline"]),
        Visit("search", f"/search/?q={SEARCH_WORD}", [*site, *card, "other headline"]),
        Visit("corrections", reverse("corrections"), [*site, "correction note", "headline"]),
        Visit(
            "newsletters",
            reverse("newsletters:index"),
            [*site, "newsletter name", "newsletter host", "newsletter description"],
        ),
    ]
    # A query is an outsider's text, echoed in the title, the search box and the message.
    for payload in PAYLOADS[1], PAYLOADS[4], PAYLOADS[11]:
        saved[f"query {payload}"] = payload
        query = f"/search/?q={quote(payload, safe='')}"
        pages.append(Visit(f"search {payload}", query, [f"query {payload}"]))
    return pages


def _admin_pages(*, section, author, article, item, revisions, item_revisions, **_):
    pages, snippets = "wagtailadmin_pages", "wagtailsnippets_live_newsfeeditem"
    return [
        Visit("dashboard", reverse("wagtailadmin_home")),
        Visit(
            "explorer",
            reverse("wagtailadmin_explore", args=[section.pk]),
            ["headline", "other headline"],
        ),
        Visit(
            "article edit",
            reverse(f"{pages}:edit", args=[article.pk]),
            ["paragraph 0", "editor's note"],
            inputs={"#id_title": "headline", "#id_standfirst": "standfirst"},
        ),
        Visit("article history", reverse(f"{pages}:history", args=[article.pk]), ["headline"]),
        Visit(
            "article revisions compare",
            reverse(f"{pages}:revisions_compare", args=[article.pk, *revisions]),
            ["subheading", "attribution", "correction note"],  # added: shown whole
        ),
        Visit("page search", f"{reverse(f'{pages}:search')}?q={SEARCH_WORD}", ["headline"]),
        Visit("news feed listing", reverse(f"{snippets}:list"), ["news headline"]),
        Visit(
            "news item edit",
            reverse(f"{snippets}:edit", args=[item.pk]),
            inputs={"#id_headline": "news headline", "#id_summary": "news summary"},
        ),
        Visit(
            "news item history", reverse(f"{snippets}:history", args=[item.pk]), ["news headline"]
        ),
        Visit(
            "news item compare",
            reverse(f"{snippets}:revisions_compare", args=[item.pk, *item_revisions]),
        ),
        Visit(
            "authors listing",
            reverse("wagtailsnippets_authors_author:list"),
            ["author name", "author role"],
        ),
        Visit(
            "author edit",
            reverse("wagtailsnippets_authors_author:edit", args=[author.pk]),
            inputs={"#id_name": "author name", "#id_bio": "author bio"},
        ),
        Visit(
            "newsletters listing",
            reverse("wagtailsnippets_newsletters_newsletter:list"),
            ["newsletter name"],
        ),
        Visit("curated lists", reverse("wagtailsnippets_picks_curatedlist:list"), ["picks name"]),
        Visit("images", reverse("wagtailimages:index"), starts=["lead image title"]),
        Visit(
            "lead image edit",
            reverse("wagtailimages:edit", args=[article.lead_image_id]),
            inputs={"#id_title": "lead image title"},
        ),
        Visit(
            "newsroom settings",
            reverse("wagtailsettings:edit", args=["core", "newsroomsettings"]),
            inputs={"#id_name": "newsroom name", "#id_tagline": "newsroom tagline"},
        ),
    ]


def _feeds(*, section, author, tags, **_):
    return [
        (reverse("syndication:rss"), "headline"),
        (reverse("syndication:section_rss", args=[section.slug]), "headline"),
        (reverse("syndication:author_rss", args=[author.slug]), "headline"),
        (reverse("syndication:tag_rss", args=[tags[0].slug]), "headline"),
        (reverse("live:rss"), "news headline"),
        (reverse("syndication:news_sitemap"), "headline"),
    ]


class Watch:
    """Everything one browser context does that a payload could cause, page by page."""

    def __init__(self, context, live_server, *, reader):
        self.problems, self.noise, self.reports = [], [], []
        self.origin, self.reader, self.where = live_server.url, reader, ""
        context.expose_function("__report", lambda *report: self.reports.append(report))
        context.add_init_script(WATCH_SCRIPT)
        context.on("request", self._request)
        context.on("page", self._page)

    def _page(self, page):
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.problems.append(f"{self.where}: error {error}"))
        page.on("console", self._console)

    def _dialog(self, dialog):
        self.problems.append(f"{self.where}: a {dialog.type} dialog: {dialog.message!r}")
        dialog.dismiss()

    def _request(self, request):
        if "127.0.0.1:1/" in request.url:
            self.problems.append(f"{self.where}: asked for {request.url}")

    def _console(self, message):
        line = f"{self.where}: console {message.type}: {message.text[:300]}"
        refused = "Refused to" in message.text or "Content Security Policy" in message.text
        (self.problems if self.reader and refused else self.noise).append(line)

    def visit(self, page, visit, saved):
        self.where = visit.name
        response = page.goto(self.origin + visit.path)
        if response.status != 200:
            self.problems.append(f"{visit.name}: HTTP {response.status} for {visit.path}")
            return
        self.check(page, visit, saved)

    def check(self, page, visit, saved):
        """The page as it is now: nothing ran or was injected, and it shows its fields."""
        page.wait_for_timeout(50)  # a <details> toggle fires just after parsing
        where = visit.name
        if hits := page.evaluate("window.__hits"):
            self.problems.append(f"{where}: window.__hits = {hits}")
        self.problems += [f"{where}: injected {html}" for html in page.evaluate(FIND_INJECTED)]
        shown, title = page.evaluate("document.body.innerText").lower(), page.title()
        expected = [(label, saved[label]) for label in visit.texts]
        expected += [(label, saved[label][:24]) for label in visit.starts]
        for label, text in expected:
            if text.lower() not in shown:  # lower: CSS upper-cases kickers and headings
                self.problems.append(f"{where}: {label!r} is not shown as text: {text!r}")
        for label in visit.title:
            if saved[label] not in title:
                self.problems.append(f"{where}: {label!r} is not in the title {title!r}")
        for selector, label in visit.inputs.items():
            if page.locator(selector).input_value() != saved[label]:
                self.problems.append(f"{where}: {selector} does not hold {label!r}")

    def finish(self, page):
        """What the binding heard, which may arrive after the page that sent it was left."""
        page.wait_for_timeout(200)
        for kind, detail, url in self.reports:
            if kind == "hit":
                self.problems.append(f"{url}: window.__xss({detail!r}) ran")
            elif self.reader or "__xss" in detail or "127.0.0.1:1" in detail:
                self.problems.append(f"{url}: CSP violation {detail}")
            else:
                self.noise.append(f"{url}: CSP violation {detail}")
        page.context.close()

    def print_noise(self, heading):
        """Each message once, with the number of pages that logged it (seen with -s)."""
        counts = Counter(line.split(": ", 1)[1] for line in self.noise)
        lines = [f"{n} x {message}" for message, n in counts.most_common()] or ["(nothing)"]
        print(f"\n{heading}:", *lines, sep="\n  ")


def _browse(browser, live_server, media_root, *, reader, cookies=()):
    context = browser.new_context()
    context.add_cookies(list(cookies))
    # The live server serves static files only: answer /media/ from MEDIA_ROOT.
    context.route(
        "**/media/**",
        lambda route: route.fulfill(path=media_root / route.request.url.split("/media/", 1)[1]),
    )
    watch = Watch(context, live_server, reader=reader)
    return context.new_page(), watch


def test_reader_pages_and_feeds_show_the_corpus_as_text_and_run_none_of_it(
    browser, live_server, settings, newsroom
):
    with pytest.raises(ValidationError):  # an author's link can only be a web address
        AuthorLink(author=Author.objects.get(), label="x", url=PAYLOADS[3]).full_clean()
    page, watch = _browse(browser, live_server, settings.MEDIA_ROOT, reader=True)
    for visit in newsroom.reader_pages:
        watch.visit(page, visit, newsroom.saved)

    watch.where = "article: links, JSON-LD and a News Feed item added by live.js"
    page.goto(live_server.url + newsroom.article.url)
    # The web links of the paragraph and the editor's note survived the whitelist.
    assert page.locator(f'.article__body a[href="{KEPT_LINK}"]').count() == 2
    structured = json.loads(page.locator("script[type='application/ld+json']").text_content())
    assert structured["headline"] == newsroom.saved["headline"]  # data, not a way out
    # An item published while the article is open: live.js puts its markup into the column.
    item = news_item_publish(
        headline=" ".join(PAYLOADS[:4]), summary=" ".join(PAYLOADS[4:]), article=newsroom.article
    )
    page.locator(f'.news-feed [data-item-id="{item.pk}"]').wait_for(state="attached")
    newsroom.saved.update({"live headline": item.headline, "live summary": item.summary})
    watch.check(page, Visit(watch.where, "", ["live headline", "live summary"]), newsroom.saved)

    for path, label in newsroom.feeds:
        response = page.request.get(live_server.url + path)
        assert response.status == 200, path
        watch.problems += _feed_problems(path, response.text(), newsroom.saved[label])
    watch.finish(page)
    watch.print_noise("Reader pages' console")
    assert not watch.problems, "\n".join(watch.problems)


def test_admin_pages_show_the_corpus_as_text_and_run_none_of_it(
    browser, live_server, settings, newsroom
):
    client = Client()
    client.force_login(newsroom.superuser)
    name = django_settings.SESSION_COOKIE_NAME
    session = {"name": name, "value": client.cookies[name].value, "url": live_server.url}
    page, watch = _browse(
        browser, live_server, settings.MEDIA_ROOT, reader=False, cookies=[session]
    )
    for visit in newsroom.admin_pages:
        watch.visit(page, visit, newsroom.saved)
    watch.finish(page)
    watch.print_noise("Admin pages' console and CSP reports")
    assert not watch.problems, "\n".join(watch.problems)


def _feed_problems(path, xml_text, title):
    """Well-formed XML with no elements of the corpus's making, listing ``title`` as it was
    written, and every item's <description> (HTML to feed readers: feedparser reads it as
    text/html) holding editors' text escaped into HTML, never as markup."""
    try:
        root = ET.fromstring(xml_text)  # noqa: S314 - our own server's response
    except ET.ParseError as error:
        return [f"{path}: not well-formed XML: {error}"]

    def name(element):
        return element.tag.rsplit("}", 1)[-1]

    problems = [
        f"{path}: a <{name(element)}> element made of editors' text"
        for element in root.iter()
        if name(element) in CORPUS_ELEMENTS
    ]
    if title not in [element.text for element in root.iter() if name(element) == "title"]:
        problems.append(f"{path}: no item titled {title!r}")
    for item in root.iter("item"):
        markup = item.findtext("description", "")
        problems += [
            f"{path}: an item's <description> holds {payload!r} as markup"
            for payload in PAYLOADS
            if "<" in payload and payload in markup
        ]
    return problems
