"""A gated article's page: its preview for everyone, its rest only for readers with access, and
nothing of the rest in the HTML, the JSON-LD, the meta tags or any cached copy otherwise."""

import json
import re

import pytest
from wagtail import hooks

from articles.access import ANONYMOUS, READER_HOOK, Access, Reader
from articles.models import ArticlePage
from testkit import builders

pytestmark = pytest.mark.django_db

FREE = Reader(kind="free", member_id=1)
PAID = Reader(kind="paid", member_id=2)
READERS = {"anonymous": ANONYMOUS, "free": FREE, "paid": PAID}

PREVIEW = "The council met on Monday night."
GATED = "Only members learn that the bridge fund is empty."


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


@pytest.fixture
def as_reader():
    """``as_reader(reader)``: requests from then on carry ``reader`` (as ``members`` would
    hand it in through the hook), without any session."""
    registered = []

    def become(reader):
        context = hooks.register_temporarily(READER_HOOK, lambda request: reader)
        context.__enter__()
        registered.append(context)

    yield become
    for context in reversed(registered):
        context.__exit__(None, None, None)


def gated_article(section, author, *, access, body=None, **fields):
    article = builders.make_article(
        section,
        authors=[author],
        title="Bridge fund",
        body=body
        or [paragraph(PREVIEW), ("preview_end", None), paragraph(GATED), paragraph("More.")],
        **fields,
    )
    ArticlePage.objects.filter(pk=article.pk).update(access=access)
    article.refresh_from_db()
    return article


def html_of(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )


@pytest.mark.parametrize(
    ("access", "readers_who_read_it"),
    [
        (Access.PUBLIC, {"anonymous", "free", "paid"}),
        (Access.MEMBERS, {"free", "paid"}),
        (Access.PAID, {"paid"}),
    ],
)
@pytest.mark.parametrize("reader", list(READERS))
def test_only_readers_with_access_get_the_gated_text(
    client, section, author, as_reader, access, readers_who_read_it, reader
):
    article = gated_article(section, author, access=access)
    as_reader(READERS[reader])
    html = html_of(client, article)
    assert PREVIEW in html
    if reader in readers_who_read_it:
        assert GATED in html and 'class="paywall"' not in html
    else:
        assert GATED not in html and "bridge fund is empty" not in html
        assert 'class="paywall"' in html


def test_the_card_asks_for_a_free_sign_in_on_a_members_article(client, section, author):
    article = gated_article(section, author, access=Access.MEMBERS)
    html = html_of(client, article)
    assert "Sign in or create a free account" in html
    assert f'href="/account/sign-in/?next={article.url.replace("/", "%2F")}"' in html
    assert 'href="/support/">Support us just once' in html
    assert "Become a member" not in html


def test_the_card_asks_for_a_membership_on_a_paid_article(client, section, author, as_reader):
    article = gated_article(section, author, access=Access.PAID)
    as_reader(FREE)
    html = html_of(client, article)
    assert 'href="/membership/">Become a member' in html
    assert 'href="/support/">Support us just once' in html


def test_json_ld_marks_a_gated_article_and_the_gated_part_is_wrapped(
    client, section, author, as_reader
):
    article = gated_article(section, author, access=Access.PAID)
    data = json_ld(html_of(client, article))
    assert data["isAccessibleForFree"] is False
    assert data["hasPart"] == {
        "@type": "WebPageElement",
        "isAccessibleForFree": False,
        "cssSelector": ".paywalled-content",
    }
    assert GATED not in json.dumps(data) and "articleBody" not in data
    as_reader(PAID)
    html = html_of(client, article)
    assert json_ld(html)["isAccessibleForFree"] is False
    gated_part = html[html.index('<div class="paywalled-content">') :]
    assert GATED in gated_part and PREVIEW not in gated_part


def test_a_public_article_has_no_paywall_markup(client, section, author):
    article = gated_article(section, author, access=Access.PUBLIC)
    html = html_of(client, article)
    assert "isAccessibleForFree" not in html and "paywalled-content" not in html
    assert PREVIEW in html and GATED in html


def test_without_a_marker_the_preview_is_the_first_two_paragraphs(client, section, author):
    body = [paragraph("First."), ("subheading", "Sub"), paragraph("Second."), paragraph(GATED)]
    article = gated_article(section, author, access=Access.MEMBERS, body=body)
    html = html_of(client, article)
    assert "First." in html and "Second." in html and "Sub" in html
    assert GATED not in html


def test_descriptions_come_from_the_preview_only(client, section, author):
    # No standfirst and the preview ends before any paragraph: nothing of the body to quote.
    body = [("preview_end", None), paragraph(GATED)]
    article = gated_article(section, author, access=Access.PAID, body=body, standfirst="")
    html = html_of(client, article)
    assert GATED not in html and "fund is empty" not in html
    assert "description" not in json_ld(html)


def test_an_article_left_as_its_section_sets_follows_the_section(client, home, author):
    section = builders.make_section(home, title="Investigations")
    section.default_access = Access.MEMBERS
    section.save_revision().publish()
    article = gated_article(section, author, access="")
    assert ArticlePage.objects.get(pk=article.pk).effective_access() == Access.MEMBERS
    html = html_of(client, article)
    assert GATED not in html and "Sign in or create a free account" in html


def test_a_new_section_is_public_and_a_new_article_follows_it(section, author):
    article = builders.make_article(section, authors=[author])
    assert article.access == "" and article.effective_access() == Access.PUBLIC


def test_editors_preview_shows_the_whole_article(section, author):
    article = gated_article(section, author, access=Access.PAID)
    response = article.make_preview_request()
    assert response.status_code == 200
    assert GATED in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_the_cached_anonymous_page_never_holds_the_gated_text(
    client, page_cache, section, author, as_reader
):
    article = gated_article(section, author, access=Access.MEMBERS)
    as_reader(PAID)  # a reader with access, known without a session: rendered, never stored
    response = client.get(article.url)
    assert GATED in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert "X-Masthead-Cache" not in response


def test_fragments_kept_for_a_reader_with_access_never_reach_others(
    client, page_cache, section, author
):
    article = gated_article(section, author, access=Access.MEMBERS)
    with hooks.register_temporarily(READER_HOOK, lambda request: FREE):
        assert GATED in html_of(client, article)  # its body fragment is kept apart
    first = client.get(article.url)
    second = client.get(article.url)
    assert first["X-Masthead-Cache"] == "miss" and second["X-Masthead-Cache"] == "hit"
    for response in (first, second):
        assert GATED not in response.content.decode()


def test_a_request_with_a_session_is_never_served_the_anonymous_copy(
    client, page_cache, section, author
):
    article = gated_article(section, author, access=Access.MEMBERS)
    assert client.get(article.url)["X-Masthead-Cache"] == "miss"
    client.cookies["sessionid"] = "a-members-session"
    with hooks.register_temporarily(READER_HOOK, lambda request: FREE):
        response = client.get(article.url)
    assert "X-Masthead-Cache" not in response
    assert GATED in response.content.decode()


def test_feeds_carry_only_the_preview_of_a_gated_article(client, section, author):
    import feedparser

    body = [paragraph(GATED), paragraph("Second."), paragraph("Third, members only.")]
    gated = gated_article(section, author, access=Access.PAID, body=body, standfirst="")
    # Without a marker the preview is two paragraphs; with one before them, it is nothing.
    marked = gated_article(
        section, author, access=Access.MEMBERS, body=[("preview_end", None), *body]
    )
    ArticlePage.objects.filter(pk=marked.pk).update(standfirst="")
    marked.tags.add("bridges")
    marked.save_revision().publish()
    for url in [
        "/rss/",
        f"/rss/section/{section.slug}/",
        f"/author/{author.slug}/rss/",
        "/tag/bridges/rss/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        feed = feedparser.parse(response.content)
        assert not feed.bozo and feed.entries, url
        assert "Third, members only." not in response.content.decode(), url
        by_link = {entry.link.removeprefix("http://testserver"): entry for entry in feed.entries}
        assert "fund is empty" not in by_link[marked.url].get("summary", ""), url
        if gated.url in by_link:  # its preview's first paragraph is public: it may be quoted
            assert by_link[gated.url].summary == GATED


def test_editors_choose_the_level_in_the_settings_of_articles_and_sections(
    admin_client, section, author
):
    article = builders.make_article(section, authors=[author])
    html = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "Who can read it" in html and "As its section sets (the default)" in html
    assert "Specific tiers" in html
    html = admin_client.get(f"/admin/pages/{section.pk}/edit/").content.decode()
    assert "Who can read its articles" in html and "Paid members" in html


def test_a_public_article_never_asks_who_the_reader_is(client, section, author):
    article = gated_article(section, author, access=Access.PUBLIC)
    asked = []
    with hooks.register_temporarily(READER_HOOK, asked.append):
        assert GATED in html_of(client, article)
    assert asked == []
