"""Send through Django's email backend (EMAIL_BACKEND), e.g. an ESP through django-anymail.

At least once: the provider accepts the message first and the row is committed as sent
afterwards, so a crash between the two (or a lost API response) sends that message again when
the batch is resumed. An HTTP API offers no way to hold a message until we have recorded it,
which is what makes the SMTP backend exactly-once. ESPs that de-duplicate on Message-ID (stable
per delivery here) may absorb the rare repeat.
"""

from django.core.mail import get_connection

from .base import PERMANENT, SENT, TEMPORARY, BaseBackend, Outcome


class DjangoEmailBackend(BaseBackend):
    exactly_once = False

    def __init__(self, **options):
        self.options = options

    def send_messages(self, messages, *, commit):
        outcomes = []
        connection = get_connection(**self.options)
        connection.open()
        try:
            for message in messages:
                try:
                    connection.send_messages([message.as_django(connection)])
                except Exception as error:
                    outcomes.append(Outcome(message.key, _classify(error), str(error)[:500]))
                    continue
                commit([message.key])
                outcomes.append(Outcome(message.key, SENT))
        finally:
            connection.close()
        return outcomes


def _classify(error):
    try:
        from anymail.exceptions import AnymailRecipientsRefused
    except ImportError:  # pragma: no cover - anymail is a dependency
        return TEMPORARY
    return PERMANENT if isinstance(error, AnymailRecipientsRefused) else TEMPORARY
