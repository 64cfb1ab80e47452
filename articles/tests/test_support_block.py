"""The "Support our journalism" block in an article body: its heading, text and the three ways
to pay, the same for every reader (no name, no form, no token: the body is kept in the page
and fragment caches)."""

import pytest

from members.models import Member
from testkit import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(home, section, author):
    return builders.make_article(
        section,
        authors=[author],
        title="Dam opens",
        body=[
            ("paragraph", "<p>The dam opened at noon.</p>"),
            ("support", {"heading": "Keep us reporting", "text": "Readers pay for this."}),
        ],
    )


def body(html):
    return html[html.index('<aside class="support-cta"') :].split("</aside>")[0]


def test_it_shows_its_heading_text_and_the_three_ways_to_pay(client, article):
    html = client.get(article.url).content.decode()
    block = body(html)
    assert '<h2 class="support-cta__heading">Keep us reporting</h2>' in block
    assert "Readers pay for this." in block
    assert 'href="/membership/">Become a member</a>' in block
    assert 'href="/support/">Support us just once</a>' in block
    assert 'href="/gift/">Gift membership</a>' in block
    assert "csrfmiddlewaretoken" not in html


def test_the_same_for_a_signed_in_reader(client, article):
    anonymous = body(client.get(article.url).content.decode())
    member = Member.objects.create(email="reader@example.org", name="Ada Reader")
    session = client.session
    session["member_id"] = member.pk
    session.save()
    html = client.get(article.url).content.decode()
    assert body(html) == anonymous
    assert "Ada Reader" not in html and "reader@example.org" not in html


def test_the_defaults_say_support_our_journalism():
    from articles.blocks import SupportBlock

    value = SupportBlock().get_default()
    assert value["heading"] == "Support our journalism"
    assert "readers" in value["text"]
