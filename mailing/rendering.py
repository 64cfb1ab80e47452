"""The issue as an email: rendered once, personalised per reader by string replacement.

``issue_render`` runs the templates and inlines the CSS (css_inline) once per issue and
variant: the free one, where each paid-only section is a call to action (``body_parts`` drops
its text before any template runs), and, for an issue with such a section, the paying
readers' one. Which a reader gets is their subscriber's ``access`` when their batch is sent. What
differs per reader (first name, unsubscribe and preferences links) is left as placeholders
that ``personalise_html``/``personalise_text`` fill in with plain ``str.replace``, so 50,000
readers cost 50,000 replacements, not 50,000 template renders. ``message_build`` then adds the
headers of one delivery: From, Reply-To, a Message-ID stable per delivery, and the list headers
(``newsletters.headers.list_headers``).
"""

import binascii
import email.header
import email.utils
import functools
import re
import uuid
from dataclasses import dataclass, field
from html import unescape
from types import SimpleNamespace

import css_inline
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import escape, strip_tags
from wagtail.rich_text import expand_db_html

from articles.paywall import MEMBERSHIP_PATH
from articles.selectors import published_articles
from core import mail
from newsfeed.selectors import feed_items, with_article_links
from newsletters.headers import absolute_url, list_headers
from newsletters.tokens import preferences_url

FIRST_NAME = "%%MASTHEAD_FIRST_NAME%%"
UNSUBSCRIBE_URL = "%%MASTHEAD_UNSUBSCRIBE_URL%%"
PREFERENCES_URL = "%%MASTHEAD_PREFERENCES_URL%%"

_INLINER = css_inline.CSSInliner(keep_style_tags=True)  # keep the phone media queries


@dataclass
class Rendered:
    html: str
    text: str


@dataclass
class Reader:
    first_name: str
    unsubscribe_url: str
    preferences_url: str


# What previews, tests-to-me and the web view show in place of a reader's own links.
SAMPLE_READER = Reader(
    first_name="", unsubscribe_url="#unsubscribe", preferences_url="#preferences"
)


def body_parts(issue, *, paid):
    """The body's blocks as the templates get them: text, a paid section (``paid`` only) or,
    in its place, ``{"type": "paid_cta"}``, which carries nothing of the section."""
    parts = []
    for block in issue.body:
        if block.block_type == "text":
            parts.append(
                {"type": "text", "html": block.value, "text": rich_text_as_text(block.value.source)}
            )
        elif block.block_type == "paid_section" and paid:
            parts.append(
                {
                    "type": "paid_section",
                    "heading": block.value["heading"],
                    "html": block.value["body"],
                    "text": rich_text_as_text(block.value["body"].source),
                }
            )
        elif block.block_type == "paid_section":
            parts.append({"type": "paid_cta"})
    return parts


def issue_context(issue, *, paid=False):
    order = {card.article_id: i for i, card in enumerate(issue.article_cards.all())}
    articles = sorted(
        published_articles().filter(pk__in=order).select_related("lead_image"),
        key=lambda article: order[article.pk],
    )
    news_items = (
        with_article_links(feed_items()[: issue.news_feed_items]) if issue.news_feed_items else []
    )
    for article in articles:
        article.email_url = article.get_full_url()
    for item in news_items:
        item.email_url = absolute_url(item.get_absolute_url())
    return {
        "issue": issue,
        "newsletter": issue.newsletter,
        "articles": articles,
        "news_items": news_items,
        "intro_text": rich_text_as_text(issue.intro),
        "body_parts": body_parts(issue, paid=paid),
        "membership_url": absolute_url(MEMBERSHIP_PATH),
        "sign_off_text": rich_text_as_text(issue.sign_off),
        "web_url": absolute_url(issue.get_absolute_url()) if issue.pk else "",
        "first_name": FIRST_NAME,
        "unsubscribe_url": UNSUBSCRIBE_URL,
        "preferences_url": PREFERENCES_URL,
    }


def rich_text_as_text(value):
    """Rich text for the plain-text part: paragraphs on their own lines, links in brackets."""
    html = expand_db_html(value or "")
    html = re.sub(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', r"\2 (\1)", html, flags=re.S)
    html = re.sub(r"</(p|h\d|li)>|<br\s*/?>", "\n", html)
    html = re.sub(r"<li[^>]*>", "- ", html)
    return unescape(strip_tags(html)).strip()


def issue_render(issue, *, request=None, paid=False):
    """The issue's HTML (CSS inlined) and plain text, with the readers' placeholders: as
    paying readers get it (``paid``) or as everyone else does."""
    context = issue_context(issue, paid=paid)
    html = render_to_string("mailing/issue_email.html", context, request=request)
    text = render_to_string("mailing/issue_email.txt", context)
    return Rendered(html=_INLINER.inline(html), text=text)


@dataclass
class Variants:
    """An issue's renderings: ``free`` for every reader, ``paid`` for paying ones (the same
    object when the issue has no paid section)."""

    free: Rendered
    paid: Rendered


def issue_render_variants(issue):
    """Each variant the issue needs, rendered once (the paying one only for a paid section)."""
    free = issue_render(issue)
    return Variants(
        free=free, paid=issue_render(issue, paid=True) if issue.has_paid_section else free
    )


def issue_rendered(issue):
    """The free variant of the snapshot taken when sending started (what the web version
    shows), or a fresh render for drafts."""
    if issue.rendered_html:
        return Rendered(html=issue.rendered_html, text=issue.rendered_text)
    return issue_render(issue)


def issue_rendered_variants(issue):
    """Both variants of the snapshot taken when sending started (fresh renders for drafts)."""
    if not issue.rendered_html:
        return issue_render_variants(issue)
    free = Rendered(html=issue.rendered_html, text=issue.rendered_text)
    if issue.rendered_paid_html:
        return Variants(
            free=free, paid=Rendered(html=issue.rendered_paid_html, text=issue.rendered_paid_text)
        )
    return Variants(free=free, paid=free)


def _greeting(first_name):
    return f"Hi {first_name}," if first_name else "Hi,"


def personalise_html(html, reader):
    return (
        html.replace(FIRST_NAME, escape(_greeting(reader.first_name)))
        .replace(UNSUBSCRIBE_URL, escape(reader.unsubscribe_url))
        .replace(PREFERENCES_URL, escape(reader.preferences_url))
    )


def personalise_text(text, reader):
    return (
        text.replace(FIRST_NAME, _greeting(reader.first_name))
        .replace(UNSUBSCRIBE_URL, reader.unsubscribe_url)
        .replace(PREFERENCES_URL, reader.preferences_url)
    )


@functools.lru_cache(maxsize=256)
def _header(name, value):
    """``Name: value``, RFC 2047-encoded when not plain ASCII (cached: most repeat)."""
    if value.isascii() and "\n" not in value and "\r" not in value:
        return f"{name}: {value}"
    if name in ("From", "To", "Reply-To"):
        display, address = email.utils.parseaddr(value)
        return f"{name}: {email.utils.formataddr((display, address), charset='utf-8')}"
    encoded = email.header.Header(value, "utf-8", header_name=name).encode(linesep="\r\n")
    return f"{name}: {encoded}"


def _part(boundary, content_type, body):
    encoded = binascii.b2a_qp(body.encode(), istext=True).replace(b"\n", b"\r\n")
    return (
        f'\r\n--{boundary}\r\nContent-Type: {content_type}; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    ).encode() + encoded


@dataclass
class OutgoingMessage:
    """One email ready for a backend: envelope, headers and both parts."""

    key: object  # the Delivery's pk (None for tests-to-me)
    sender: str
    recipient: str
    headers: dict = field(default_factory=dict)
    text: str = ""
    html: str = ""

    def as_bytes(self):
        """The message in wire format (CRLF), assembled directly: the stdlib ``email``
        generator costs milliseconds per message, this costs tens of microseconds."""
        boundary = f"=_masthead_{uuid.uuid4().hex}"
        lines = [_header(name, value) for name, value in self.headers.items()]
        lines += [
            "MIME-Version: 1.0",
            f'Content-Type: multipart/alternative; boundary="{boundary}"',
            "",
        ]
        head = "\r\n".join(lines).encode()
        return b"".join(
            [
                head,
                _part(boundary, "text/plain", self.text),
                _part(boundary, "text/html", self.html),
                f"\r\n--{boundary}--\r\n".encode(),
            ]
        )

    def as_django(self, connection=None):
        from django.core.mail import EmailMultiAlternatives

        headers = {
            k: v for k, v in self.headers.items() if k not in ("From", "To", "Subject", "Reply-To")
        }
        reply_to = [self.headers["Reply-To"]] if "Reply-To" in self.headers else None
        message = EmailMultiAlternatives(
            subject=self.headers["Subject"],
            body=self.text,
            from_email=self.headers["From"],
            to=[self.recipient],
            reply_to=reply_to,
            headers=headers,
            connection=connection,
        )
        message.attach_alternative(self.html, "text/html")
        return message


@dataclass
class Sender:
    """What every message of one issue shares, worked out once per batch."""

    issue: object
    variants: Variants
    from_header: str
    envelope_from: str
    reply_to: str
    domain: str
    base_url: str

    @classmethod
    def for_issue(cls, issue, variants=None):
        return cls(
            issue=issue,
            variants=variants or issue_rendered_variants(issue),
            from_header=mail.from_header(issue.newsletter.display_name),
            envelope_from=mail.sender_address(),
            reply_to=settings.MASTHEAD_NEWSLETTER_REPLY_TO,
            domain=mail.mail_domain(),
            base_url=settings.MASTHEAD_NEWSLETTER_BASE_URL,
        )

    def message_build(
        self, *, key, email_address, first_name, subscriber_id, personal=True, paid=False
    ):
        """One reader's message, the paying readers' variant if ``paid``; ``personal=False``
        (tests to staff) uses sample links."""
        issue = self.issue
        rendered = self.variants.paid if paid else self.variants.free
        headers = {
            "From": self.from_header,
            "To": email_address,
            "Subject": issue.subject,
            "Date": mail.date_header(),
        }
        if self.reply_to:
            headers["Reply-To"] = self.reply_to
        if personal:
            subscription = SimpleNamespace(
                subscriber_id=subscriber_id,
                newsletter_id=issue.newsletter_id,
                newsletter=issue.newsletter,
            )
            list_ = list_headers(subscription, base_url=self.base_url)
            reader = Reader(
                first_name=first_name,
                unsubscribe_url=list_["List-Unsubscribe"][1:-1],
                preferences_url=absolute_url(
                    preferences_url(SimpleNamespace(pk=subscriber_id)), base_url=self.base_url
                ),
            )
            # Stable per delivery: a resend after a crash is recognisably the same message.
            headers["Message-ID"] = f"<issue{issue.pk}-{subscriber_id}.delivery@{self.domain}>"
            headers.update(list_)
        else:
            reader = Reader(
                first_name, SAMPLE_READER.unsubscribe_url, SAMPLE_READER.preferences_url
            )
            headers["Message-ID"] = email.utils.make_msgid(f"issue{issue.pk}.test", self.domain)
            headers["Subject"] = f"[Test] {issue.subject}"
        return OutgoingMessage(
            key=key,
            sender=self.envelope_from,
            recipient=email_address,
            headers=headers,
            text=personalise_text(rendered.text, reader),
            html=personalise_html(rendered.html, reader),
        )
