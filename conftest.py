import shutil

import pytest

from pagecache import memo
from payments.backends import get_backend
from payments.standin.server import StandinServer
from testkit import builders
from testkit.mail import SMTPSink
from testkit.payments import WEBHOOK_SECRET, Standin, WebhookReceiver
from testkit.servers import RedisServer


@pytest.fixture(autouse=True)
def fresh_process_memo():
    """Each test starts as a new server process does: nothing read from another test's data
    (pagecache/memo.py; within a test, invalidations on commit clear it as in a server)."""
    memo.clear()
    yield
    memo.clear()


@pytest.fixture
def home(db):
    return builders.make_home()


@pytest.fixture
def section(home):
    return builders.make_section(home, title="World")


@pytest.fixture
def author(db):
    return builders.make_author(name="Olha Bondar")


@pytest.fixture
def admin_client(client, django_user_model):
    """A client signed in as a superuser."""
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.org", "pw"))
    return client


@pytest.fixture
def smtp_sink(settings):
    """Email goes through the SMTP backend (Django's, dating and signing: core/mail/backends.py)
    to a real local SMTP server."""
    sink = SMTPSink().start()
    settings.EMAIL_BACKEND = "core.mail.backends.SMTPEmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield sink
    sink.stop()


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """The URL of a real Redis server of this test run's own; the test is skipped without
    Debian's redis-server (`.ci/run` installs it: scripts/system-deps.sh)."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is missing: apt-get install redis-server")
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server.url
    server.stop()


def _stores(pages):
    """The page cache's two stores, as production settings make them from `pages`."""
    from masthead.settings.base import page_tag_cache_settings

    return {"pages": pages, "page_tags": page_tag_cache_settings(pages)}


# The stores the page cache runs on in production: one machine's processes share files (the
# default), several machines share Redis. Modules that test the store itself run on both.
PAGE_STORES = {
    "file cache": lambda request: _stores(
        {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(request.getfixturevalue("tmp_path") / "page-cache"),
            "OPTIONS": {"MAX_ENTRIES": 200_000},
        }
    ),
    "redis": lambda request: _stores(
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": request.getfixturevalue("redis_url"),
        }
    ),
}


@pytest.fixture
def page_store():
    """The `pages` and `page_tags` caches that `page_cache` uses: None for the test settings'
    own (this process's memory). A module overrides it with `every_page_store` to run on
    each store."""
    return None


@pytest.fixture(params=list(PAGE_STORES))
def every_page_store(request):
    return PAGE_STORES[request.param](request)


@pytest.fixture
def page_cache(settings, page_store):
    """Masthead's page and fragment caches on, with an empty store, as in production."""
    from pagecache import store

    if page_store is not None:
        settings.CACHES = {**settings.CACHES, **page_store}
    settings.MASTHEAD_PAGE_CACHE = {
        **settings.MASTHEAD_PAGE_CACHE,
        "ENABLED": True,
        "FRAGMENTS": True,
    }
    store.clear()
    yield store
    store.clear()


@pytest.fixture(scope="session")
def payments_standin():
    """The Stripe stand-in (payments/standin/), one server per test run, on a free port."""
    server = StandinServer(port=0).start()
    yield server
    server.stop()


@pytest.fixture
def standin(payments_standin):
    """The stand-in, emptied for this test (quick webhook retries), seen from the test:
    its clock, deliveries, failures, hosted pages (testkit/payments.py)."""
    control = Standin(payments_standin)
    control.reset()
    yield control
    control.reset()


@pytest.fixture
def webhook_receiver(standin):
    """A server receiving every event of the stand-in, signed with WEBHOOK_SECRET."""
    receiver = WebhookReceiver().start()
    standin.add_endpoint(f"{receiver.url}/webhooks/stripe/", secret=WEBHOOK_SECRET)
    yield receiver
    receiver.stop()


@pytest.fixture
def payments_backend(settings, standin):
    """The real StripeBackend (the official SDK) talking to the stand-in."""
    settings.MASTHEAD_PAYMENTS = "standin"
    settings.STRIPE_SECRET_KEY = "sk_test_masthead_tests"  # noqa: S105
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = standin.url
    return get_backend()
