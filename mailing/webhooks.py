"""The bounce and complaint webhook: anymail's tracking view for the one ESP named by
``MASTHEAD_ESP_WEBHOOK``, at the path anymail gives it (``/anymail/<esp>/tracking/``), and no
other anymail route; with no ESP named there is none at all.

Every event it accepts can suppress an address for good, so the view is stricter than
anymail's own, which lets anyone in while ``WEBHOOK_SECRET`` is empty, answers a wrong secret
and a malformed body alike with a 400 or a 500, and takes whatever a body holds as the address:

- the HTTP basic auth must match ``ANYMAIL["WEBHOOK_SECRET"]`` (the settings refuse to start
  without one), checked before anymail reads the body: 401 otherwise, with the challenge that
  Amazon SNS waits for before it sends the credentials;
- then anymail's validators run, the ESP's signature among them (Mailgun, MailerSend): a
  failure is a 403;
- a body anymail cannot read (not JSON, not UTF-8, too big, fields missing or of the wrong
  type) is a 400, and nothing is suppressed. Errors after that, in the ``tracking`` receivers
  (``signals.py``), stay 500s, so the ESP sends the event again later.
"""

import logging

from anymail import urls as anymail_urls
from anymail.exceptions import AnymailWebhookValidationFailure
from anymail.signals import EventType
from anymail.utils import get_request_basic_auth
from django.conf import settings
from django.http import HttpResponse
from django.urls import path
from django.utils.crypto import constant_time_compare

logger = logging.getLogger(__name__)

NEEDS_RECIPIENT = {EventType.BOUNCED, EventType.COMPLAINED, EventType.UNKNOWN}


def _unauthorised():
    response = HttpResponse("Unauthorised", status=401, content_type="text/plain")
    response["WWW-Authenticate"] = 'Basic realm="Masthead webhook"'
    return response


def _bad_request(reason):
    logger.warning("Webhook refused: %s", reason)
    return HttpResponse(f"Bad request: {reason}", status=400, content_type="text/plain")


def _well_formed(event):
    """The fields the receivers read have the types anymail promises, and an event that would
    suppress an address, or that anymail could not make out at all, names one."""
    if not isinstance(event.event_type, str):
        return False
    if event.recipient is None:
        return event.event_type not in NEEDS_RECIPIENT
    return isinstance(event.recipient, str)


def guarded(view_class):
    """``view_class`` (an anymail webhook view) behind the checks in this module's docstring."""

    class GuardedWebhookView(view_class):
        def post(self, request, *args, **kwargs):
            secret = settings.ANYMAIL.get("WEBHOOK_SECRET")
            given = get_request_basic_auth(request)
            if not secret or given is None or not constant_time_compare(given, secret):
                return _unauthorised()
            try:
                self.run_validators(request)
            except AnymailWebhookValidationFailure as error:
                logger.warning("Webhook refused: %s", error)
                return HttpResponse("Forbidden", status=403, content_type="text/plain")
            except Exception as error:  # what the body held made anymail's parser fail
                return _bad_request(type(error).__name__)
            try:
                events = list(self.parse_events(request))
            except Exception as error:  # idem: nothing has been suppressed yet
                return _bad_request(type(error).__name__)
            if not all(_well_formed(event) for event in events):
                return _bad_request("missing or malformed fields")
            for event in events:
                self.signal.send(sender=view_class, event=event, esp_name=self.esp_name)
            return HttpResponse()

    GuardedWebhookView.__name__ = GuardedWebhookView.__qualname__ = f"Guarded{view_class.__name__}"
    return GuardedWebhookView


def urlpatterns():
    """The route of ``MASTHEAD_ESP_WEBHOOK``'s tracking webhook, as anymail mounts it, guarded;
    nothing for no ESP."""
    esp = settings.MASTHEAD_ESP_WEBHOOK
    if not esp:
        return []
    route = next(p for p in anymail_urls.urlpatterns if p.name == f"{esp}_tracking_webhook")
    view = guarded(route.callback.view_class).as_view()
    return [path(f"anymail/{route.pattern}", view, name="esp_tracking_webhook")]
