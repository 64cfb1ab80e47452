"""Each role can do its job in the admin and nothing more (editorial/roles.py)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticlePage
from editorial import roles
from newsfeed.models import NewsFeedItem
from testkit import builders


def article_form(author, *, title="Bridge reopens", action=None, article=None):
    """The article editor's form; for an ``article`` already saved, its credit is kept."""
    credits = [{"author": author.pk, "ORDER": "1"}]
    if article is not None:
        credits = [
            {"id": credit.pk, "author": credit.author_id, "ORDER": str(n)}
            for n, credit in enumerate(article.article_authors.all(), start=1)
        ]
    data = {
        "title": title,
        "slug": "bridge-reopens",
        "standfirst": "Traffic is back on the river crossing.",
        "lead_image_caption": "",
        "lead_image_credit": "",
        "article_authors": inline_formset(credits, initial=0 if article is None else len(credits)),
        "body": streamfield([("paragraph", rich_text("<p>Cars crossed at dawn.</p>"))]),
        "tags": "",
        "related_choices": inline_formset([]),
        "corrections": inline_formset([]),
    }
    if action:
        data[f"action-{action}"] = action
    return nested_form_data(data)


def add_article(client, section, author, action=None):
    return client.post(
        f"/admin/pages/add/articles/articlepage/{section.pk}/", article_form(author, action=action)
    )


def test_migration_creates_the_four_roles_and_the_editor_review_workflow(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Reporters", "Editors", "Newsletter managers", "Administrators"} <= names
    assert "Moderators" not in names
    workflow = Workflow.objects.get(name=roles.EDITOR_REVIEW)
    assert workflow.active
    assert Page.get_first_root_node().get_workflow() == workflow
    (task,) = [t.specific for t in workflow.tasks]
    assert [g.name for g in task.groups.all()] == ["Editors"]


def test_a_reporter_saves_a_draft_but_cannot_publish(staff, as_user, client, section, author):
    user = staff(roles.REPORTERS)
    response = add_article(as_user(user), section, author, action="publish")
    assert response.status_code in (200, 302)
    article = ArticlePage.objects.get(slug="bridge-reopens")
    assert not article.live
    client.logout()
    assert client.get(f"{section.url}bridge-reopens/").status_code == 404
    # The edit view offers no publish button to a reporter, only saving and submitting.
    html = as_user(user).get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html


def test_a_reporter_cannot_unpublish_or_change_live_pages_directly(
    staff, as_user, client, section, author
):
    article = builders.make_article(section, authors=[author], title="Original headline")
    reporter = as_user(staff(roles.REPORTERS))
    data = article_form(author, title="Reporter's edit", action="publish", article=article)
    assert reporter.post(f"/admin/pages/{article.pk}/edit/", data).status_code == 302
    reporter.post(f"/admin/pages/{article.pk}/unpublish/")
    article.refresh_from_db()
    assert article.live and article.title == "Original headline"
    assert article.has_unpublished_changes  # the edit waits as a draft
    client.logout()
    assert "Original headline" in client.get(article.url).content.decode()


def test_an_editor_publishes_directly(staff, as_user, client, section, author):
    editor = as_user(staff(roles.EDITORS))
    assert add_article(editor, section, author, action="publish").status_code == 302
    article = ArticlePage.objects.get(slug="bridge-reopens")
    assert article.live
    client.logout()
    assert "Cars crossed at dawn." in client.get(article.url).content.decode()


@pytest.mark.parametrize(
    ("url", "editor", "reporter", "newsletters"),
    [
        ("/admin/snippets/live/newsfeeditem/add/", True, False, False),
        ("/admin/snippets/picks/curatedlist/", True, False, False),
        ("/admin/snippets/authors/author/add/", True, False, False),
        ("/admin/narration/", True, False, False),
        ("/admin/snippets/newsletters/newsletter/", False, False, True),
        ("/admin/snippets/newsletters/subscription/", False, False, True),
        ("/admin/snippets/mailing/issue/", False, False, True),
        ("/admin/users/", False, False, False),
    ],
)
def test_each_role_reaches_only_its_own_admin_screens(
    staff, as_user, home, url, editor, reporter, newsletters
):
    for role, allowed in [
        (roles.EDITORS, editor),
        (roles.REPORTERS, reporter),
        (roles.NEWSLETTER_MANAGERS, newsletters),
        (roles.ADMINISTRATORS, True),
    ]:
        response = as_user(staff(role, username=f"{role}-{url}"[:150])).get(url)
        assert (response.status_code == 200) is allowed, (role, url, response.status_code)


def test_a_reporter_cannot_post_to_the_news_feed(staff, as_user):
    reporter = as_user(staff(roles.REPORTERS))
    reporter.post(
        "/admin/snippets/live/newsfeeditem/add/",
        {"headline": "Unvetted rumour", "summary": "Not checked.", "action-publish": "publish"},
    )
    assert not NewsFeedItem.objects.filter(headline="Unvetted rumour").exists()


def test_a_newsletter_manager_cannot_publish_articles(staff, as_user, section, author):
    article = builders.make_article(section, authors=[author], publish=False)
    manager = as_user(staff(roles.NEWSLETTER_MANAGERS))
    data = article_form(author, action="publish", article=article)
    assert manager.post(f"/admin/pages/{article.pk}/edit/", data).status_code == 302
    article.refresh_from_db()
    assert not article.live
