"""Builders for test data, shared by every app's tests (one place, no factory library)."""

import contextlib
import io
import itertools
from unittest import mock

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Page, Site

_counter = itertools.count(1)


def make_image(*, title="Test image", size=(1600, 900), color=(40, 90, 160)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, "PNG")
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=f"img{next(_counter)}.png")
    )


def make_author(*, name=None, live=True, **fields):
    from authors.models import Author

    n = next(_counter)
    name = name or f"Author {n}"
    return Author.objects.create(
        name=name, slug=fields.pop("slug", f"author-{n}"), live=live, role="Reporter", **fields
    )


def ensure_page_root():
    """The page tree root (and default locale) that migrations make; a transactional test that
    ran earlier may have flushed them."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))


def make_home():
    """A HomePage as the default site's root, replacing Wagtail's welcome page."""
    from articles.models import HomePage

    ensure_page_root()
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Front page", slug=f"home-{next(_counter)}"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": home, "site_name": "Test"},
    )
    return home


def make_section(home, *, title="World"):
    from articles.models import SectionPage

    n = next(_counter)
    section = home.add_child(instance=SectionPage(title=title, slug=f"{title.lower()}-{n}"))
    section.save_revision().publish()
    return section


def words(n, word="word"):
    return " ".join([word] * n)


def make_article(
    section,
    *,
    authors,
    title="A headline",
    standfirst="A standfirst.",
    body=(),
    tags=(),
    lead_image=None,
    caption="",
    credit="",
    publish=True,
    published_at=None,
):
    from articles.models import ArticleAuthor, ArticlePage

    n = next(_counter)
    article = ArticlePage(
        title=title,
        slug=f"article-{n}",
        standfirst=standfirst,
        body=list(body),
        lead_image=lead_image,
        lead_image_caption=caption,
        lead_image_credit=credit,
        live=False,
    )
    article.article_authors = [
        ArticleAuthor(author=author, sort_order=i) for i, author in enumerate(authors)
    ]
    article.tags.add(*tags)
    section.add_child(instance=article)
    if publish:
        article.save_revision().publish()
        if published_at is not None:
            ArticlePage.objects.filter(pk=article.pk).update(
                first_published_at=published_at, last_published_at=published_at
            )
        article.refresh_from_db()
    return article


def add_credit(article, author):
    """Add an author at the end of an article's byline (saved with its next revision)."""
    from articles.models import ArticleAuthor

    credits = article.article_authors
    credits.add(ArticleAuthor(author=author, sort_order=len(credits.all())))


@contextlib.contextmanager
def database_down():
    """Inside the block every query fails as when PostgreSQL is stopped: OperationalError on
    connecting. The test's own connection and transaction are untouched, for use after it."""
    from django.db import OperationalError, connections

    def refuse(database):
        raise OperationalError(
            'connection to server at "127.0.0.1", port 5432 failed: Connection refused'
        )

    # On the class: a live server's thread has a connection of its own.
    with mock.patch.object(type(connections["default"]), "ensure_connection", refuse):
        yield


class SMTPSink:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps every message it accepts, parsed
    (``messages``) and as the exact bytes it received (``received``: what a receiving server
    checks a DKIM signature against)."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages = []
        self.received = []
        self.port = _free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls this by name
        import email
        import email.policy

        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        self.received.append((list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    def to(self, address):
        """Messages whose envelope recipients include ``address``."""
        return [message for rcpts, message in self.messages if address in rcpts]

    def received_by(self, address):
        """The bytes of each message whose envelope recipients include ``address``."""
        return [data for rcpts, data in self.received if address in rcpts]


class DKIMKey:
    """A 2048-bit RSA private key made by openssl in ``folder``, and its public half as the
    DKIM TXT record DNS would hold at ``<selector>._domainkey.<domain>``."""

    def __init__(self, folder, *, selector, domain):
        import base64
        import shutil
        import subprocess

        openssl = shutil.which("openssl")
        assert openssl, "openssl is missing: apt-get install openssl (scripts/system-deps.sh)"  # noqa: S101
        self.path = folder / "dkim.pem"
        self.name = f"{selector}._domainkey.{domain}.".encode()
        subprocess.run(  # noqa: S603 (a fixed command)
            [openssl, "genrsa", "-out", str(self.path), "2048"], check=True, capture_output=True
        )
        public = subprocess.run(  # noqa: S603 (a fixed command)
            [openssl, "rsa", "-in", str(self.path), "-pubout", "-outform", "DER"],
            check=True,
            capture_output=True,
        ).stdout
        self.record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)

    def dns(self, name, timeout=5):
        """The TXT record for ``name``, as DNS answers it: dkimpy's ``dnsfunc``."""
        return self.record if name == self.name else None


def _free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A real Redis server (Debian's redis-server) on 127.0.0.1, in a folder of its own,
    persisting nothing; the page cache's production store (``MASTHEAD_PAGE_CACHE_URL``)."""

    def __init__(self, folder):
        import shutil

        self.program = shutil.which("redis-server")
        self.folder = folder
        self.port = _free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, *, deadline=20):
        import socket
        import subprocess
        import time

        self.process = subprocess.Popen(  # noqa: S603 (Debian's program, fixed arguments)
            [self.program, "--bind", "127.0.0.1", "--port", str(self.port), "--dir",
             str(self.folder), "--save", "", "--appendonly", "no", "--protected-mode", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip
        end = time.monotonic() + deadline
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited with status {self.process.returncode}")
            with socket.socket() as probe:
                probe.settimeout(1)
                try:
                    probe.connect(("127.0.0.1", self.port))
                    probe.sendall(b"PING\r\n")
                    if probe.recv(16).startswith(b"+PONG"):
                        return self
                except OSError:
                    pass
            if time.monotonic() > end:
                self.stop()
                raise RuntimeError(f"redis-server gave no answer on port {self.port}")
            time.sleep(0.1)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def wait_until(condition, *, timeout, what, details=lambda: ""):
    """Poll ``condition`` until it holds; fail only if it never does within ``timeout`` seconds
    (generous: it bounds "never", not speed)."""
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} never happened\n{details()}")
        time.sleep(0.05)


def subprocess_database_url(database=None):
    """DATABASE_URL of the test database (``database`` on the same server, if given), for a
    process a test starts."""
    import os
    from urllib.parse import urlsplit, urlunsplit

    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{database or db['NAME']}"))


class WorkerProcess:
    """A real ``manage.py worker`` in a subprocess, on the test database unless ``env`` says
    otherwise, with the database task backend; its output goes to ``log_path`` (its own file)."""

    def __init__(self, log_path, *, env=None, args=("--interval", "0.1")):
        self.log_path = log_path
        self.env = env or {}
        self.args = list(args)
        self.process = None

    def start(self):
        import os
        import subprocess
        import sys

        from django.conf import settings

        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "masthead.settings.test",
            "DATABASE_URL": subprocess_database_url(),
            "MASTHEAD_TEST_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
            **self.env,
        }
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(  # noqa: S603 (this interpreter, our own command)
                [sys.executable, "manage.py", "worker", *self.args],
                cwd=settings.BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return self

    @property
    def pid(self):
        return self.process.pid

    @property
    def log(self):
        return self.log_path.read_text()

    def alive(self):
        return self.process.poll() is None

    def says(self, text):
        """Has it logged ``text``? Fails at once if it has exited."""
        if not self.alive():
            raise AssertionError(f"the worker exited with {self.process.returncode}:\n{self.log}")
        return text in self.log

    def wait_ready(self, *, timeout=180):
        """Until it says it is ready (its heartbeat is written, its slots started)."""
        wait_until(
            lambda: self.says(" ready: queues "),
            timeout=timeout,
            what="the worker getting ready",
            details=lambda: self.log,
        )
        return self

    def kill(self):
        import signal

        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except Exception:
                self.process.kill()
                self.process.wait(timeout=30)
