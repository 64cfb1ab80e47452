"""The members' emails: the sign-in link and code, the confirmation of a new address, and a
membership's welcome, failed payment and cancellation, and the "gift redeemed" note to a gift's
buyer.

Sent from ``transaction.on_commit`` by ``services`` (never queued: a task's arguments are kept
in the database, and the link and code must not be). Plain text and HTML, from the newsroom
(``core.mail``), like the newsletters' confirmation. Nothing a visitor typed but the address
goes into them.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from core import mail
from core.models import NewsroomSettings

logger = logging.getLogger(__name__)


def _send(*, to, subject, template, context):
    newsroom = NewsroomSettings.load()
    context = {**context, "newsroom": newsroom}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"members/email/{template}.txt", context),
        from_email=mail.from_header(newsroom.name),
        to=[to],
        headers={"Auto-Submitted": "auto-generated", **mail.identity_headers()},
    )
    message.attach_alternative(
        render_to_string(f"members/email/{template}.html", context), "text/html"
    )
    message.send()


def sign_in_send(*, email, link, code, new_member, minutes):
    name = NewsroomSettings.load().name
    subject = (
        f"Your {name} sign-in code: {code}" if not new_member else f"Create your {name} account"
    )
    context = {"link": link, "code": code, "new_member": new_member, "minutes": minutes}
    _send(to=email, subject=subject, template="sign_in", context=context)
    if settings.MASTHEAD_LOG_CONFIRMATION_LINKS:
        logger.info("Member sign-in email sent: %s (code %s)", link, code)  # make run only
    else:
        logger.info("Member sign-in email sent")


def email_change_send(*, email, link):
    _send(
        to=email,
        subject="Confirm your new address",
        template="email_change",
        context={"link": link},
    )
    if settings.MASTHEAD_LOG_CONFIRMATION_LINKS:
        logger.info("Member email change link sent: %s", link)


def welcome_send(*, email):
    name = NewsroomSettings.load().name
    _send(to=email, subject=f"Welcome, member of {name}", template="welcome", context={})
    logger.info("Member welcome email sent")


def payment_failed_send(*, email):
    _send(
        to=email,
        subject="Your membership payment failed",
        template="payment_failed",
        context={"grace_days": settings.MASTHEAD_MEMBERS_GRACE_DAYS},
    )
    logger.info("Member payment failed email sent")


def cancellation_send(*, email, until=None):
    _send(
        to=email,
        subject="Your membership is cancelled",
        template="cancellation",
        context={"until": until},
    )
    logger.info("Member cancellation email sent")


def gift_redeemed_send(*, email, recipient, tier_name):
    _send(
        to=email,
        subject="Your gift membership was redeemed",
        template="gift_redeemed",
        context={"recipient": recipient, "tier_name": tier_name},
    )
    logger.info("Gift redeemed email sent")
