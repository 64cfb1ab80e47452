"""A reporter's story goes live only through "Editor review" (editorial/roles.py)."""

from django.urls import reverse

from articles.models import ArticlePage
from editorial import roles

from .test_roles import add_article


def submit_for_review(client, section, author):
    response = add_article(client, section, author, action="submit")
    assert response.status_code == 302, response.content.decode()[:2000]
    return ArticlePage.objects.get(slug="bridge-reopens")


def workflow_action(client, article, action):
    task_state = article.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, action, task_state.pk])
    return client.post(url, {"comment": ""} if action != "reject" else {"comment": "Source?"})


def test_submitted_story_waits_for_an_editor_then_goes_live_on_approval(
    staff, as_user, client, section, author
):
    reporter, editor = staff(roles.REPORTERS), staff(roles.EDITORS)
    article = submit_for_review(as_user(reporter), section, author)
    assert not article.live
    assert article.workflow_in_progress
    assert article.current_workflow_task.name == roles.EDITOR_REVIEW

    # The reporter cannot approve their own story.
    workflow_action(as_user(reporter), article, "approve")
    article.refresh_from_db()
    assert not article.live and article.workflow_in_progress

    # Editors see it waiting on their dashboard, and approving publishes it.
    dashboard = as_user(editor).get("/admin/").content.decode()
    assert "Bridge reopens" in dashboard
    response = workflow_action(as_user(editor), article, "approve")
    assert response.status_code in (200, 302)
    article.refresh_from_db()
    assert article.live and not article.workflow_in_progress
    client.logout()
    assert "Cars crossed at dawn." in client.get(article.url).content.decode()


def test_an_editor_can_send_a_story_back_with_a_comment(staff, as_user, section, author):
    reporter, editor = staff(roles.REPORTERS), staff(roles.EDITORS)
    article = submit_for_review(as_user(reporter), section, author)
    workflow_action(as_user(editor), article, "reject")
    article.refresh_from_db()
    assert not article.live
    state = article.current_workflow_state
    assert state.status == state.STATUS_NEEDS_CHANGES
    # The reporter sees that changes were requested when they open the story again.
    html = as_user(reporter).get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "Changes requested" in html or "changes requested" in html.lower()
