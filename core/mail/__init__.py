"""Who the newsroom's mail comes from, and how it is signed.

Every email Masthead writes (confirmations, newsletter issues, password resets) comes from the
address in ``DEFAULT_FROM_EMAIL`` under the newsroom's own name (Settings → Newsroom), is dated
in the newsroom's time zone and has a Message-ID on the From address's domain, never this
machine's host name. ``signing.py`` DKIM-signs what leaves by SMTP (``MASTHEAD_DKIM``);
``backends.py`` is the Django email backend that does it for Django's own mail path.
"""

import email.utils

from django.conf import settings
from django.utils import timezone


def sender_address():
    """The bare address mail comes from: ``DEFAULT_FROM_EMAIL`` without its display name."""
    return email.utils.parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def mail_domain():
    """The From address's domain: of Message-IDs, and DKIM's ``d=`` unless set apart."""
    return sender_address().rpartition("@")[2].lower() or "localhost"


def newsroom_name():
    from core.models import NewsroomSettings

    return NewsroomSettings.load().name


def from_header(display_name=None):
    """``Name <address>``: the newsroom's name unless the mail is a newsletter's own."""
    return email.utils.formataddr((display_name or newsroom_name(), sender_address()))


def date_header(when=None):
    """RFC 5322 date in the newsroom's time zone: ``Thu, 03 Dec 2026 15:33:09 +0200``."""
    return email.utils.format_datetime(timezone.localtime(when or timezone.now()))


def message_id(idstring=None):
    return email.utils.make_msgid(idstring, domain=mail_domain())


def identity_headers():
    """Date and Message-ID for a new message, as Django would add them, on our domain."""
    return {"Date": date_header(), "Message-ID": message_id()}
