"""New audio reaches cached pages: the article's player and the podcast feed, the moment the
worker records it (the services write with ``QuerySet.update()``, which sends no signal)."""

import feedparser
import pytest

from narration.models import Narration
from narration.tests.test_narration import body
from testkit import builders

pytestmark = pytest.mark.django_db

PLAYER = '<audio class="narration__audio"'


@pytest.fixture
def worker_queue(settings):
    """Tasks wait in a queue, as with the database backend, until the test runs them as the
    worker would: readers load pages in between."""
    from django_tasks import default_task_backend

    settings.TASKS = {
        "default": {
            **settings.TASKS["default"],
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
        }
    }
    default_task_backend.clear()

    def run(result):
        from django_tasks import TaskContext

        context = [TaskContext(task_result=result)] if result.task.takes_context else []
        return result.task.call(*context, *result.args, **result.kwargs)

    def run_all():
        """Run every queued task; the outcomes of the narration tasks."""
        from narration.tasks import narrate_article

        results = list(default_task_backend.results)
        default_task_backend.clear()
        outcomes = [(r.task.name, run(r)) for r in results]
        return [outcome for name, outcome in outcomes if name == narrate_article.name]

    return run_all


def cached(client, url):
    """Load ``url`` twice: the second answer comes from the page cache."""
    client.get(url)
    response = client.get(url)
    assert response["X-Masthead-Cache"] == "hit", url
    return response


def episodes(response):
    return feedparser.parse(response.content).entries


def test_a_narration_recorded_by_the_worker_shows_on_the_cached_page_and_podcast(
    narration_on,
    page_cache,
    client,
    section,
    author,
    worker_queue,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        article = builders.make_article(section, authors=[author], body=body("Trains run."))
    assert Narration.objects.get(article=article).status == Narration.Status.QUEUED
    assert PLAYER not in cached(client, article.url).content.decode()
    assert episodes(cached(client, "/podcast.xml")) == []

    with django_capture_on_commit_callbacks(execute=True):
        assert worker_queue() == ["done"]

    narration = Narration.objects.get(article=article)
    page = client.get(article.url)
    assert page["X-Masthead-Cache"] == "miss"
    assert f'{PLAYER} controls preload="none" src="{narration.audio.url}"' in page.content.decode()
    feed = client.get("/podcast.xml")
    assert feed["X-Masthead-Cache"] == "miss"
    assert [entry.enclosures[0].href for entry in episodes(feed)] == [
        f"http://testserver{narration.audio.url}"
    ]


def test_a_new_text_hides_the_old_audio_on_cached_pages_until_its_own_is_made(
    narration_on,
    page_cache,
    client,
    section,
    author,
    worker_queue,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        article = builders.make_article(section, authors=[author], body=body("Old words."))
    with django_capture_on_commit_callbacks(execute=True):
        assert worker_queue() == ["done"]
    old_audio = Narration.objects.get(article=article).audio.url

    # The edit is published; readers load the page before its narration is requested (the
    # request runs after the publish's commit), and it still shows the old words' audio.
    narration_on.MASTHEAD_NARRATION_ON_PUBLISH = False
    article.standfirst = "New words."
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert old_audio in cached(client, article.url).content.decode()
    assert len(episodes(cached(client, "/podcast.xml"))) == 1

    from narration import services

    with django_capture_on_commit_callbacks(execute=True):
        services.narration_request(article_id=article.pk)

    page = client.get(article.url).content.decode()
    assert "New words." in page
    assert PLAYER not in page
    assert episodes(client.get("/podcast.xml")) == []

    with django_capture_on_commit_callbacks(execute=True):
        assert worker_queue() == ["done"]
    new_audio = Narration.objects.get(article=article).audio.url
    assert new_audio != old_audio
    assert new_audio in client.get(article.url).content.decode()
