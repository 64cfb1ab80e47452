"""Django's SMTP email backend, with every message dated and identified on the newsroom's
domain and DKIM-signed (``signing.py``) before it goes to the server.

``EMAIL_URL=smtp://…`` selects this backend (settings); confirmations, password resets and
Wagtail's notifications all leave through it. Other backends (an ESP's API through anymail,
the console and file backends of development) are used as they are.
"""

import smtplib

from django.conf import settings
from django.core.mail.backends.smtp import EmailBackend
from django.core.mail.message import sanitize_address

from . import date_header, message_id, signing


class SMTPEmailBackend(EmailBackend):
    def _send(self, email_message):
        """As Django's, with our Date and Message-ID when the message has none (Django's own
        are UTC and on this machine's host name) and the DKIM signature."""
        if not email_message.recipients():
            return False
        present = {name.lower() for name in email_message.extra_headers}
        if "date" not in present:
            email_message.extra_headers["Date"] = date_header()
        if "message-id" not in present:
            email_message.extra_headers["Message-ID"] = message_id()
        encoding = email_message.encoding or settings.DEFAULT_CHARSET
        from_email = sanitize_address(email_message.from_email, encoding)
        recipients = [sanitize_address(addr, encoding) for addr in email_message.recipients()]
        data = signing.sign(email_message.message().as_bytes(linesep="\r\n"))
        try:
            self.connection.sendmail(from_email, recipients, data)
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True
