"""Payments' emails: a paid gift membership's code, to its recipient (or to the buyer, who
gives it themselves), and the buyer's receipt.

Sent from ``transaction.on_commit`` by ``services`` with the code in hand (never queued: a
task's arguments are kept in the database, and the code must not be). The redeem link is the
members app's page (``gift:redeem_code``, reversed by name: payments imports nothing of
members), on the default Site's address (the webhook has no reader's request to go by).
Besides the addresses, the buyer's name and message go in: the buyer paid before anything is
sent.
"""

import logging

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Site

from core import mail
from core.absolute_urls import site_root_url
from core.models import NewsroomSettings

from .models import Gift

logger = logging.getLogger(__name__)


def _send(*, to, subject, template, context):
    newsroom = NewsroomSettings.load()
    context = {**context, "newsroom": newsroom}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"payments/email/{template}.txt", context),
        from_email=mail.from_header(newsroom.name),
        to=[to],
        headers={"Auto-Submitted": "auto-generated", **mail.identity_headers()},
    )
    message.attach_alternative(
        render_to_string(f"payments/email/{template}.html", context), "text/html"
    )
    message.send()


def gift_code_display(code):
    """ "ABCDEFGHJKMN" as "ABCD-EFGH-JKMN", to read and type."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def gift_paid_send(*, gift_id, code):
    """The code and its link to whoever gives the gift, then the buyer's receipt."""
    gift = Gift.objects.select_related("tier").get(pk=gift_id)
    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url.rstrip("/") if site else site_root_url(None)
    context = {
        "gift": gift,
        "code": gift_code_display(code),
        "link": root + reverse("gift:redeem_code", kwargs={"code": code}),
        "redeem_url": root + reverse("gift:redeem"),
        "to_buyer": gift.delivery == Gift.Delivery.BUYER,
    }
    name = NewsroomSettings.load().name
    if context["to_buyer"]:
        to, subject = gift.buyer_email, f"Your gift membership of {name}, ready to give"
    else:
        to, subject = gift.recipient_email, f"{gift.buyer_name} gave you a membership of {name}"
    _send(to=to, subject=subject, template="gift", context=context)
    _send(
        to=gift.buyer_email,
        subject=f"Your receipt: a gift membership of {name}",
        template="gift_receipt",
        context={"gift": gift, "to_buyer": context["to_buyer"]},
    )
    logger.info("Gift %s: code and receipt sent", gift_id)
