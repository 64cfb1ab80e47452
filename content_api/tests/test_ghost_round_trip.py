"""The round trip a newsroom leaving Ghost makes: a Ghost site (its export with a post using
every Lexical card, a page, authors, tags, a tier, a newsletter, its content/ images, its
redirects file and its members CSV) imported with `import_ghost`, then read as readers read
it (the rendered pages, the old addresses) and as its front end reads it (the Content API),
then imported again: nothing doubles."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model

from articles.models import ArticlePage, InfoPage, SectionPage
from authors.models import Author
from ghost_import.tests.ghost_site import GhostSite, png
from members.models import Member
from newsletters.models import Newsletter
from payments.models import Tier

pytestmark = pytest.mark.django_db

API = "/ghost/api/content"


def text(value, text_format=0):
    return {"type": "extended-text", "text": value, "format": text_format, "version": 1}


def element(kind, *children, **extra):
    return {"type": kind, "children": list(children), "version": 1, **extra}


def card(kind, **properties):
    return {"type": kind, "version": 1, **properties}


def every_card(ghost):
    """A Lexical body with every card Ghost's editor makes, its images under content/."""
    photo = ghost.image("images/2024/03/dam.png", png(color=(10, 120, 60)))
    first = ghost.image("images/2024/03/one.png", png(color=(120, 10, 60)))
    second = ghost.image("images/2024/03/two.png", png(color=(60, 10, 120)))
    children = [
        element(
            "paragraph",
            text("The dam held "),
            text("overnight", 1),
            text(", and "),
            element("link", text("the earlier story"), url="__GHOST_URL__/water-rises/"),
            text(" said it would."),
        ),
        element("heading", text("What engineers saw"), tag="h2"),
        element("quote", text("The wall did its job.")),
        element("aside", text("Six years of work.")),
        card("image", src=photo, caption="The dam at dawn", alt="A concrete wall"),
        card(
            "gallery",
            images=[
                {"src": first, "row": 0, "caption": "Gate one"},
                {"src": second, "row": 0, "caption": "Gate two"},
            ],
            caption="",
        ),
        card("bookmark", url="__GHOST_URL__/water-rises/", metadata={"title": "Water rises"}),
        card(
            "bookmark",
            url="https://river-board.example.org/report",
            metadata={"title": "The board's report", "publisher": "River Board"},
        ),
        card("embed", url="https://www.youtube.com/watch?v=aqz-KE-bpKQ", html="", metadata={}),
        card("html", html="<table><tr><td>Gate</td><td>Open</td></tr></table><script>x()</script>"),
        card("markdown", markdown="A *markdown* note."),
        card("callout", calloutText="<p>Updated with the board's figures.</p>", calloutEmoji=""),
        card("toggle", heading="How we reported this", content="<p>We spoke to six engineers.</p>"),
        card("horizontalrule"),
        card("button", buttonText="Read the report", buttonUrl="https://river-board.example.org"),
        card("file", src="__GHOST_URL__/content/files/report.pdf", fileTitle="The report"),
        card("audio", src="__GHOST_URL__/content/media/interview.mp3", title="Interview"),
        card("video", src="__GHOST_URL__/content/media/gates.mp4", caption="The gates"),
        card("paywall"),
        element("paragraph", text("After the cut, for members.")),
    ]
    return json.dumps({"root": {"type": "root", "children": children, "version": 1}})


@pytest.fixture
def ghost_site(tmp_path):
    ghost = GhostSite()
    news = ghost.tag("News")
    dams = ghost.tag("Dams")
    ghost.tag("#longread")
    ghost.writer = writer = ghost.user(
        "Mira Kovak",
        bio="Covers the river.",
        profile_image=ghost.image("images/2023/01/mira.png"),
    )
    ghost.product("Supporter", monthly_price=700)
    ghost.newsletter("Morning Brief")
    ghost.post("Water rises", slug="water-rises", tags=[news], authors=[writer])
    ghost.story = ghost.post(
        "The dam held",
        slug="the-dam-held",
        tags=[news, dams],
        authors=[writer],
        lexical=every_card(ghost),
        visibility="members",
        featured=True,
        custom_excerpt="Engineers say the wall worked.",
        feature_image=ghost.image("images/2024/03/lead.png", png(color=(200, 200, 10))),
        published_at="2024-03-02T06:30:00.000Z",
        meta={"og_title": "The dam held: what it means", "feature_image_alt": "The wall"},
    )
    ghost.page("About us", slug="about-us")
    export, content = ghost.write(tmp_path)
    (content / "files").mkdir()
    (content / "files" / "report.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    members = tmp_path / "members.csv"
    members.write_text(
        "id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,"
        "created_at,deleted_at,labels,tiers\n"
        "1,ada@example.org,Ada Reader,,true,false,,2022-01-01T00:00:00.000Z,,vip,\n"
        "2,ben@example.org,Ben Reader,,false,true,,2022-02-01T00:00:00.000Z,,,\n"
    )
    redirects = tmp_path / "redirects.json"
    redirects.write_text(
        json.dumps(
            [
                {"from": "/old-dam/", "to": "/the-dam-held/", "permanent": True},
                {"from": "/dams-for-now/", "to": "/tag/dams/"},
            ]
        )
    )
    ghost.paths = [
        str(export),
        "--content",
        str(content),
        "--members",
        str(members),
        "--redirects",
        str(redirects),
    ]
    return ghost


def import_ghost(ghost):
    out = io.StringIO()
    call_command("import_ghost", *ghost.paths, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            ArticlePage,
            InfoPage,
            SectionPage,
            Author,
            Tag,
            Tier,
            Newsletter,
            Member,
            Redirect,
            get_image_model(),
        )
    }


def signed_in(member):
    """A browser with ``member`` signed in (the session a sign-in makes)."""
    browser = Client()
    session = browser.session
    session["member_id"] = member.pk
    session.save()
    return browser


def test_a_ghost_site_round_trip(client, home, ghost_site):
    from content_api.models import ContentAPIKey

    report = import_ghost(ghost_site)
    assert "post: 2 imported" in report

    # The rendered page, read by an imported member (the post is for members).
    story = ArticlePage.objects.get(slug="the-dam-held")
    earlier = ArticlePage.objects.get(slug="water-rises")
    reader = signed_in(Member.objects.get(email="ada@example.org"))
    html = reader.get(story.url).content.decode()
    assert "<strong>overnight</strong>" in html or "<b>overnight</b>" in html
    assert f'href="{earlier.url}"' in html  # the link, now to the imported post
    assert "What engineers saw" in html
    assert "The wall did its job." in html and "Six years of work." in html
    assert "The dam at dawn" in html and "Gate one" in html and "Gate two" in html
    assert "The board&#x27;s report" in html or "The board's report" in html
    assert "<td>Open</td>" in html and "x()" not in html  # the HTML card, sanitised
    assert "<em>markdown</em>" in html or "<i>markdown</i>" in html
    assert "Updated with the board" in html
    assert "<details" in html and "We spoke to six engineers." in html
    assert 'class="divider"' in html
    assert "Read the report" in html
    assert "The report" in html and "<audio" in html and "<video" in html
    assert "After the cut, for members." in html

    # A reader without access sees the preview and the paywall, not what follows the cut.
    anonymous = client.get(story.url).content.decode()
    assert "What engineers saw" in anonymous
    assert "After the cut, for members." not in anonymous

    # The old addresses answer 301 to the new ones (a rule of the redirects file goes straight
    # to the post's new address), and a temporary rule stays temporary, as in Ghost.
    for old, new in (("/the-dam-held/", story.url), ("/old-dam/", story.url)):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new)
    response = client.get("/dams-for-now/")
    assert (response.status_code, response["Location"]) == (302, "/tag/dams/")
    assert client.get("/about-us/").status_code == 200  # an info page keeps its address

    # The front end reads the same site through the Content API.
    key = ContentAPIKey.objects.create(name="Front end").key
    post = client.get(
        f"{API}/posts/slug/the-dam-held/",
        {"key": key, "include": "tags,authors", "formats": "html,plaintext"},
    ).json()["posts"][0]
    assert post["title"] == "The dam held"
    assert post["custom_excerpt"] == "Engineers say the wall worked."
    assert post["featured"] is True and post["visibility"] == "members"
    published_at = datetime.datetime.fromisoformat(post["published_at"])
    assert published_at == datetime.datetime(2024, 3, 2, 6, 30, tzinfo=datetime.UTC)
    assert post["og_title"] == "The dam held: what it means"
    assert post["feature_image"].startswith("http://testserver/")
    assert [author["name"] for author in post["authors"]] == ["Mira Kovak"]
    assert "Dams" in [tag["name"] for tag in post["tags"]]
    assert all(not tag["name"].startswith("#") for tag in post["tags"])
    # Ghost's own ids stay: a front end or comment system that kept them finds the same post.
    assert post["id"] == post["comment_id"] == ghost_site.story["id"]
    assert post["authors"][0]["id"] == ghost_site.writer["id"]
    by_id = client.get(f"{API}/posts/{ghost_site.story['id']}/", {"key": key}).json()
    assert by_id["posts"][0]["slug"] == "the-dam-held"
    by_filter = client.get(f"{API}/posts/", {"key": key, "filter": f"id:{post['id']}"}).json()
    assert [each["slug"] for each in by_filter["posts"]] == ["the-dam-held"]
    # Gated as Ghost gates it for a reader without access: the preview only.
    assert "What engineers saw" in post["html"]
    assert "After the cut" not in post["html"]

    pages = client.get(f"{API}/pages/", {"key": key}).json()["pages"]
    assert [page["slug"] for page in pages] == ["about-us"]
    authors = client.get(f"{API}/authors/slug/mira-kovak/", {"key": key}).json()["authors"]
    assert authors[0]["bio"] == "Covers the river." and authors[0]["profile_image"]
    filtered = client.get(f"{API}/posts/", {"key": key, "filter": "tag:dams"}).json()
    assert [each["slug"] for each in filtered["posts"]] == ["the-dam-held"]

    # Members came across.
    assert Member.objects.filter(email__in=["ada@example.org", "ben@example.org"]).count() == 2

    # Again: the same site, updated in place, nothing doubled.
    before = counts()
    import_ghost(ghost_site)
    assert counts() == before
    assert client.get(f"{API}/posts/", {"key": key}).json()["meta"]["pagination"]["total"] == 2
