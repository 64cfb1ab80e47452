"""Background work for newsletters: the confirmation email (queued after the commit)."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django_tasks import task

from core import mail
from core.models import NewsroomSettings
from core.text import names_sentence

from . import tokens
from .headers import absolute_url
from .models import Subscriber
from .selectors import is_suppressed
from .services import pending_subscriptions

logger = logging.getLogger(__name__)


@task(queue_name="email")
def confirmation_send(subscriber_id):
    """Email ``subscriber_id`` the link that confirms their pending subscriptions.

    Reads the subscriber afresh: nothing is sent if they were deleted, have nothing pending or
    are suppressed by now. The sign-up's 24-hour claim (services.confirmation_claim) is what
    keeps this to one email a day, however often it is queued.
    """
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or is_suppressed(subscriber.email):
        return
    pending = list(pending_subscriptions(subscriber))
    if not pending:
        return
    newsletters = [subscription.newsletter for subscription in pending]
    link = absolute_url(tokens.confirm_url(subscriber, [n.pk for n in newsletters]))
    # Nothing the sign-up form took goes into the email (the first name, say): anyone may type
    # anything into the form and have it sent to any address.
    context = {
        "newsletters": newsletters,
        "names": names_sentence(n.display_name for n in newsletters),
        "confirm_link": link,
        "newsroom": NewsroomSettings.load(),
        "days": tokens.CONFIRM_MAX_AGE // 86400,
    }
    message = EmailMultiAlternatives(
        subject=f"Confirm your subscription to {context['names']}",
        body=render_to_string("newsletters/email/confirm.txt", context),
        from_email=mail.from_header(context["newsroom"].name),
        to=[subscriber.email],
        headers={"Auto-Submitted": "auto-generated", **mail.identity_headers()},
    )
    html = render_to_string("newsletters/email/confirm.html", context)
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception:
        # Give the claim back, so that the reader's next request may try again at once.
        Subscriber.objects.filter(pk=subscriber.pk).update(last_confirmation_sent_at=None)
        raise
    if settings.MASTHEAD_LOG_CONFIRMATION_LINKS:
        # `make run` only: the demo's reader finds the link in the worker's log (README,
        # "Reading the demo's emails"). Anywhere else the link is the reader's alone.
        logger.info("Confirmation email sent to subscriber %s: %s", subscriber.pk, link)
    else:
        logger.info("Confirmation email sent to subscriber %s", subscriber.pk)
