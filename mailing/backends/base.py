"""What every delivery backend does: send a batch, telling the caller when to record each send.

``send_messages(messages, commit=...)`` gets an iterable of ``rendering.OutgoingMessage`` and
returns one ``Outcome`` per message. ``commit(keys)`` records those messages as sent in the
database, in one transaction, and returns the set of keys it recorded: a key left out is a row
this worker no longer holds (another worker claimed it, or a webhook suppressed the address),
and the backend must then not deliver it. When a backend
calls ``commit`` decides its guarantee: the SMTP backend commits before the message can be
accepted (exactly once), the Django email backend after the provider accepted it (at least
once).
"""

from dataclasses import dataclass

SENT = "sent"
TEMPORARY = "temporary"  # try again later (4xx, connection trouble)
PERMANENT = "permanent"  # never again (5xx)
ABANDONED = "abandoned"  # commit said the row is no longer ours: nothing was delivered


@dataclass
class Outcome:
    key: object
    status: str
    error: str = ""


def outcome_for_reply(key, code, reply):
    """An SMTP-style reply as an outcome: 2xx sent, 5xx permanent, anything else temporary."""
    text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
    if 200 <= code < 300:
        return Outcome(key, SENT)
    status = PERMANENT if 500 <= code < 600 else TEMPORARY
    return Outcome(key, status, f"{code} {text}"[:500])


class BaseBackend:
    #: True when a crash can never deliver a message twice.
    exactly_once = False

    def send_messages(self, messages, *, commit):
        raise NotImplementedError
