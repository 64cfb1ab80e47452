import pytest

from core import testing
from core.pagecache import memo


@pytest.fixture(autouse=True)
def fresh_process_memo():
    """Each test starts as a new server process does: nothing read from another test's data
    (core/pagecache/memo.py; within a test, invalidations on commit clear it as in a server)."""
    memo.clear()
    yield
    memo.clear()


@pytest.fixture
def home(db):
    return testing.make_home()


@pytest.fixture
def section(home):
    return testing.make_section(home, title="World")


@pytest.fixture
def author(db):
    return testing.make_author(name="Olha Bondar")


@pytest.fixture
def admin_client(client, django_user_model):
    """A client signed in as a superuser."""
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.org", "pw"))
    return client


@pytest.fixture
def smtp_sink(settings):
    """Email goes through Django's SMTP backend to a real local SMTP server."""
    sink = testing.SMTPSink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield sink
    sink.stop()


@pytest.fixture
def page_cache(settings):
    """Masthead's page and fragment caches on, with an empty store, as in production."""
    from core.pagecache import store

    settings.MASTHEAD_PAGE_CACHE = {
        **settings.MASTHEAD_PAGE_CACHE,
        "ENABLED": True,
        "FRAGMENTS": True,
    }
    store.clear()
    yield store
    store.clear()
