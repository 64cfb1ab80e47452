from wagtail.models import PageViewRestriction

from articles.selectors import published_articles
from testkit import builders


def test_articles_in_a_private_section_are_not_published(home, section, author):
    public = builders.make_article(section, authors=[author], title="Public")
    private_section = builders.make_section(home, title="Staff")
    hidden = builders.make_article(private_section, authors=[author], title="Hidden")
    PageViewRestriction.objects.create(page=private_section, restriction_type="login")
    assert list(published_articles()) == [public]
    assert hidden.live
