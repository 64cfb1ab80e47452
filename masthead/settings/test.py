"""The test suite: SQLite by default, PostgreSQL when DATABASE_URL points at one."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks run at once, unless a test's worker subprocess asks for the database backend.
TASKS = {
    "default": {
        "BACKEND": env(
            "MASTHEAD_TEST_TASK_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": MASTHEAD_TASK_QUEUES,  # noqa: F405
    }
}
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "var" / "test-media")
PRIVATE_MEDIA_ROOT = env.path(
    "MASTHEAD_PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "test-private"
)
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Most tests publish articles; narration tests turn this on with the settings fixture.
MASTHEAD_NARRATION_ON_PUBLISH = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file rather than memory, so that a worker subprocess started by a test can open it
    # (mailing/tests/test_kill_resume.py); one per pytest process, deleted by pytest-django.
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES["default"]["OPTIONS"]["init_command"] += "PRAGMA synchronous=OFF;"  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")}  # noqa: F405

# The page cache is off unless a test asks for it (the `page_cache` fixture): most tests change
# data between requests without the signals a real edit sends. Its store is this process's.
MASTHEAD_PAGE_CACHE = {**MASTHEAD_PAGE_CACHE, "ENABLED": False, "FRAGMENTS": False}  # noqa: F405
CACHES["pages"] = {  # noqa: F405
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "masthead-test-pages",
}
CACHES["page_tags"] = {  # noqa: F405
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "masthead-test-page-tags",
    "TIMEOUT": None,
}
# A server that a test runs as a subprocess (core/tests/test_database_down.py) serves with the
# page cache on, in a store of that test's own (and its tag times in a folder beside it).
if env("MASTHEAD_TEST_PAGE_CACHE_URL", default=""):
    MASTHEAD_PAGE_CACHE.update(ENABLED=True, FRAGMENTS=True)
    CACHES["pages"] = env.cache_url("MASTHEAD_TEST_PAGE_CACHE_URL")  # noqa: F405
    CACHES["page_tags"] = page_tag_cache_settings(CACHES["pages"])  # noqa: F405
