"""The signal higher apps listen to: ``payment_event(sender=PaymentEvent, event=WebhookEvent)``.

Sent once per event id, inside the transaction that records the event (``services.
payment_event_receive``). A receiver that raises rolls the record back with everything done so
far, and the webhook answers 5xx, so the provider sends the event again later. Receivers should
re-read what they care about from the backend rather than trust the event's snapshot, and leave
slow work (email) to ``transaction.on_commit``.
"""

from django.dispatch import Signal

payment_event = Signal()
