"""DKIM signatures (RFC 6376, with dkimpy) on every message Masthead hands to an SMTP server.

``MASTHEAD_DKIM`` (settings): ``KEY_FILE`` (a PEM RSA private key), ``SELECTOR`` (its public
key is the TXT record ``<selector>._domainkey.<domain>``) and ``DOMAIN`` (``d=``; empty: the
From address's domain, which DMARC alignment needs). Without a key file nothing is signed:
mail handed to an ESP's HTTP API (django-anymail) is signed by the ESP, with the key set up
there. Both SMTP paths sign: ``mailing.backends.smtp`` (issues) and ``core.mail.backends``
(Django's ``EMAIL_BACKEND``: confirmations, password resets, admin notifications).

Relaxed/relaxed canonicalisation: relays that re-fold a header or trim trailing spaces do not
break the signature. dkimpy's RSA is pure Python: about 14 ms a message for a 2048-bit key on
an idle core, which bounds a single worker's sending rate (docs/benchmarks.md).
"""

import functools
from pathlib import Path

import dkim
from django.conf import settings

from . import mail_domain

# What the signature covers. RFC 8058 §4: List-Unsubscribe and List-Unsubscribe-Post must be
# among them, or a one-click unsubscribe link could be forged onto a message. A header the
# message lacks is signed as absent, so nobody can add one on the way.
SIGNED_HEADERS = (
    "From",
    "To",
    "Cc",
    "Subject",
    "Date",
    "Message-ID",
    "Reply-To",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "List-Id",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "Auto-Submitted",
)


@functools.lru_cache(maxsize=4)
def private_key(path):
    """The key's bytes, read once per process (a new key takes a restart)."""
    return Path(path).read_bytes()


def sign(message):
    """``message`` (wire-format bytes, CRLF) with a DKIM-Signature header first, or as it is
    when no key is configured. Raises if the key cannot be read: mail never leaves unsigned
    once a key is configured."""
    conf = settings.MASTHEAD_DKIM
    if not conf["KEY_FILE"]:
        return message
    signature = dkim.sign(
        message,
        selector=conf["SELECTOR"].encode(),
        domain=(conf["DOMAIN"] or mail_domain()).encode(),
        privkey=private_key(conf["KEY_FILE"]),
        include_headers=[name.lower().encode() for name in SIGNED_HEADERS],
        canonicalize=(b"relaxed", b"relaxed"),
        linesep=b"\r\n",
    )
    return signature + message
