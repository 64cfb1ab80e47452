"""An editor's "go live at" is carried out by the worker on time (editorial/services.py)."""

import datetime

import pytest
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from wagtail.models import PageLogEntry, Revision

from articles.models import ArticlePage
from core import periodic
from editorial import roles
from editorial.services import scheduled_publish_due
from testkit import builders
from testkit.servers import WorkerProcess, wait_until

from .test_roles import article_form


def schedule_in_admin(client, article, author, go_live_at):
    """Publish with a "Published" time in the future, which schedules the article."""
    data = article_form(author, action="publish", article=article)
    data["first_published_at"] = timezone.localtime(go_live_at).strftime("%Y-%m-%d %H:%M")
    response = client.post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    return article


def two_hours_pass(article):
    """Move the scheduled revision's times two hours back, as if the clock had moved on."""
    revision = Revision.objects.get(object_id=str(article.pk), approved_go_live_at__isnull=False)
    earlier = revision.approved_go_live_at - datetime.timedelta(hours=2, seconds=1)
    revision.approved_go_live_at = earlier
    revision.content["go_live_at"] = revision.content["first_published_at"] = earlier.isoformat()
    revision.save()
    ArticlePage.objects.filter(pk=article.pk).update(go_live_at=earlier, first_published_at=earlier)


@pytest.fixture
def draft(section, author):
    return builders.make_article(section, authors=[author], title="Embargoed report", publish=False)


def test_editor_schedules_a_story_and_it_goes_live_when_due(
    staff, as_user, client, draft, author, section, page_cache, django_capture_on_commit_callbacks
):
    go_live_at = timezone.now() + datetime.timedelta(hours=2)
    article = schedule_in_admin(as_user(staff(roles.EDITORS)), draft, author, go_live_at)
    assert not article.live
    client.logout()
    assert client.get(f"{section.url}bridge-reopens/").status_code == 404
    assert "Bridge reopens" not in client.get(section.url).content.decode()  # cached now

    assert scheduled_publish_due() == (0, 0)
    assert not ArticlePage.objects.get(pk=article.pk).live

    two_hours_pass(article)
    with django_capture_on_commit_callbacks(execute=True):
        assert scheduled_publish_due() == (1, 0)
    article.refresh_from_db()
    assert article.live
    assert "Cars crossed at dawn." in client.get(article.url).content.decode()
    # The section page readers had cached lists it at once.
    assert "Bridge reopens" in client.get(section.url).content.decode()
    assert (
        PageLogEntry.objects.filter(page=article, action="wagtail.publish.scheduled").count() == 1
    )


def test_a_second_run_or_a_second_worker_publishes_nothing_twice(draft):
    revision = draft.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(1))
    assert scheduled_publish_due() == (1, 0)
    assert scheduled_publish_due() == (0, 0)
    assert Revision.objects.get(pk=revision.pk).approved_go_live_at is None
    assert PageLogEntry.objects.filter(page=draft, action="wagtail.publish.scheduled").count() == 1


def test_expired_story_is_unpublished(section, author, client):
    article = builders.make_article(section, authors=[author])
    ArticlePage.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert scheduled_publish_due() == (0, 1)
    article.refresh_from_db()
    assert not article.live and article.expired
    assert client.get(article.url).status_code == 404


def test_the_worker_clock_runs_the_schedule(draft):
    autodiscover_modules("periodic")
    assert "editorial.periodic.publish_scheduled" in periodic._jobs
    job = periodic._jobs["editorial.periodic.publish_scheduled"]
    assert job.seconds == 15
    draft.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(seconds=1))
    job.func()
    draft.refresh_from_db()
    assert draft.live


def page_tree():
    builders.ensure_page_root()
    return builders.make_section(builders.make_home(), title="World")


# Committed data, which the worker's own database connection can read.
@pytest.mark.django_db(transaction=True)
def test_a_running_worker_publishes_on_time_without_cron(tmp_path):
    """Told only the go-live time, the worker publishes the story then: not before, and on its
    own clock. Timed from when the worker was ready, so a slow start cannot fail it."""
    section, author = page_tree(), builders.make_author(name="Olha Bondar")
    article = builders.make_article(section, authors=[author], publish=False)
    worker = WorkerProcess(tmp_path / "worker.log", env={"MASTHEAD_SCHEDULE_CHECK_SECONDS": "1"})
    try:
        worker.start().wait_ready()
        ready_at = timezone.now()
        go_live_at = ready_at + datetime.timedelta(seconds=3)
        article.go_live_at = go_live_at
        article.save_revision(approved_go_live_at=go_live_at)
        wait_until(
            lambda: ArticlePage.objects.get(pk=article.pk).live,
            timeout=180,
            what="the scheduled publication",
            details=lambda: worker.log,
        )
        assert worker.alive(), worker.log
    finally:
        worker.stop()
    published_at = ArticlePage.objects.get(pk=article.pk).last_published_at
    assert ready_at < go_live_at <= published_at
    assert (
        PageLogEntry.objects.filter(page=article, action="wagtail.publish.scheduled").count() == 1
    )
