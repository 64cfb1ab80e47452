"""SMTP with a two-phase DATA: exactly once, even if the worker is killed at any instant.

For each message, over persistent ``smtplib.SMTP`` connections (a few per batch, so that one
database commit covers a group of messages): MAIL FROM, RCPT TO, DATA (354), then the
dot-stuffed message *without* the terminating ``CRLF.CRLF``. Only then does ``commit(keys)``
mark the group's deliveries sent in the database; after the commit we send the 5 bytes
``\\r\\n.\\r\\n`` on each connection and read the replies.

Why this is exactly once: an SMTP server takes responsibility for a message only when it has
read the final dot (RFC 5321 §4.1.1.4); if the connection closes before that, the message is
discarded. So

- killed before the commit: the row is still pending and the connection dies with the process,
  so the server throws the unfinished message away; a resumed batch sends it once;
- killed after the commit: the row says sent and will never be sent again; the dot follows the
  commit within microseconds (one ``send`` of 5 bytes into the socket buffer, which the kernel
  delivers even if the process dies right after).

The only loss window is between the database commit returning and the ``send`` of the dot: a
kill exactly there leaves a row marked sent whose message was discarded (at most once for that
one reader, never twice). A reply that never comes after the dot (connection lost) is treated
the same way: recorded as sent with the error noted, because resending could double it.
If ``commit`` says the row is no longer ours, we close the connection without the dot.
"""

import itertools
import re
import smtplib
import socket
import ssl

from django.conf import settings

from core.mail import signing

from .base import ABANDONED, SENT, TEMPORARY, BaseBackend, Outcome, outcome_for_reply

_LINE_ENDS = re.compile(rb"\r\n|\n|\r")
_LEADING_DOT = re.compile(rb"^\.", re.M)
END_OF_DATA = b"\r\n.\r\n"


def dot_stuffed(data):
    """The DATA payload (RFC 5321 §4.5.2): CRLF line ends, leading dots doubled, no end mark."""
    data = _LEADING_DOT.sub(b"..", _LINE_ENDS.sub(b"\r\n", data))
    return data.removesuffix(b"\r\n")


def _groups(iterable, size):
    iterator = iter(iterable)
    while group := list(itertools.islice(iterator, size)):
        yield group


class SMTPBackend(BaseBackend):
    exactly_once = True

    def __init__(
        self,
        *,
        host=None,
        port=None,
        username=None,
        password=None,
        use_tls=None,
        use_ssl=None,
        timeout=30,
        connections=8,
    ):
        self.host = host or settings.EMAIL_HOST
        self.port = int(port or settings.EMAIL_PORT)
        self.username = settings.EMAIL_HOST_USER if username is None else username
        self.password = settings.EMAIL_HOST_PASSWORD if password is None else password
        self.use_tls = settings.EMAIL_USE_TLS if use_tls is None else use_tls
        self.use_ssl = settings.EMAIL_USE_SSL if use_ssl is None else use_ssl
        self.timeout = timeout
        self.connections = connections

    def connect(self):
        if self.use_ssl:
            connection = smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=ssl.create_default_context()
            )
        else:
            connection = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        # The 5-byte final dot is a small write right after a large one: without NODELAY,
        # Nagle's algorithm holds it for the peer's delayed ACK (~40 ms per message).
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        connection.ehlo()
        if self.use_tls:
            connection.starttls(context=ssl.create_default_context())
            connection.ehlo()
        if self.username:
            connection.login(self.username, self.password)
        return connection

    def send_messages(self, messages, *, commit):
        """Send in groups of ``connections`` messages, one per open connection: phase one on
        each, then one database commit for the group, then every final dot. Committing a
        group costs one transaction (one fsync) instead of one per message."""
        pool = [None] * self.connections
        outcomes = []
        try:
            for group in _groups(messages, self.connections):
                staged = []
                for slot, message in enumerate(group):
                    outcome = self._begin(pool, slot, message)
                    if outcome is None:
                        staged.append((slot, message))
                    else:
                        outcomes.append(outcome)
                committed = commit([message.key for _, message in staged]) if staged else set()
                outcomes += self._finish(pool, staged, committed)
        finally:
            for connection in pool:  # never leave a message half-sent: close without the dot
                if connection is not None:
                    connection.close()
        return outcomes

    def _begin(self, pool, slot, message):
        """Phase one on connection ``slot``; None when the server holds the whole message."""
        if pool[slot] is None:
            try:
                pool[slot] = self.connect()
            except (OSError, smtplib.SMTPException) as error:
                return Outcome(message.key, TEMPORARY, f"connect: {error}"[:500])
        connection = pool[slot]
        # Signed (when a DKIM key is configured) before the transaction begins, so that the
        # server waits on nothing; a key that cannot be read stops the batch, unsent.
        data = dot_stuffed(signing.sign(message.as_bytes()))
        try:
            code, reply = connection.mail(message.sender)
            if code == 250:
                code, reply = connection.rcpt(message.recipient)
                if code in (250, 251):
                    connection.putcmd("data")
                    code, reply = connection.getreply()
                    if code == 354:
                        connection.send(data)
                        return None
            connection.rset()
            return outcome_for_reply(message.key, code, reply)
        except (OSError, smtplib.SMTPException) as error:
            # Before the commit: the server drops the unfinished message with the socket.
            connection.close()
            pool[slot] = None
            return Outcome(message.key, TEMPORARY, str(error)[:500] or repr(error))

    def _finish(self, pool, staged, committed):
        """Phase two: the final dot for every committed message, then the replies."""
        outcomes, waiting = [], []
        for slot, message in staged:
            connection = pool[slot]
            if message.key not in committed:  # no longer ours: drop it, nothing is delivered
                connection.close()
                pool[slot] = None
                outcomes.append(Outcome(message.key, ABANDONED))
                continue
            try:
                connection.send(END_OF_DATA)
                waiting.append((slot, message))
            except (OSError, smtplib.SMTPException) as error:
                outcomes.append(self._lost(pool, slot, message, error))
        for slot, message in waiting:
            try:
                code, reply = pool[slot].getreply()
            except (OSError, smtplib.SMTPException) as error:
                outcomes.append(self._lost(pool, slot, message, error))
                continue
            outcomes.append(outcome_for_reply(message.key, code, reply))
        return outcomes

    def _lost(self, pool, slot, message, error):
        """After the commit, no answer: recorded as sent (resending could double it)."""
        pool[slot].close()
        pool[slot] = None
        return Outcome(message.key, SENT, f"no reply after the final dot: {error}"[:500])
