"""Mail as a receiving server sees it: a local SMTP server, a DKIM key and its DNS record."""

from .servers import free_port


class SMTPSink:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps every message it accepts, parsed
    (``messages``) and as the exact bytes it received (``received``: what a receiving server
    checks a DKIM signature against)."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages = []
        self.received = []
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls this by name
        import email
        import email.policy

        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        self.received.append((list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    def to(self, address):
        """Messages whose envelope recipients include ``address``."""
        return [message for rcpts, message in self.messages if address in rcpts]

    def received_by(self, address):
        """The bytes of each message whose envelope recipients include ``address``."""
        return [data for rcpts, data in self.received if address in rcpts]


class DKIMKey:
    """A 2048-bit RSA private key made by openssl in ``folder``, and its public half as the
    DKIM TXT record DNS would hold at ``<selector>._domainkey.<domain>``."""

    def __init__(self, folder, *, selector, domain):
        import base64
        import shutil
        import subprocess

        openssl = shutil.which("openssl")
        assert openssl, "openssl is missing: apt-get install openssl (scripts/system-deps.sh)"  # noqa: S101
        self.path = folder / "dkim.pem"
        self.name = f"{selector}._domainkey.{domain}.".encode()
        subprocess.run(  # noqa: S603 (a fixed command)
            [openssl, "genrsa", "-out", str(self.path), "2048"], check=True, capture_output=True
        )
        public = subprocess.run(  # noqa: S603 (a fixed command)
            [openssl, "rsa", "-in", str(self.path), "-pubout", "-outform", "DER"],
            check=True,
            capture_output=True,
        ).stdout
        self.record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)

    def dns(self, name, timeout=5):
        """The TXT record for ``name``, as DNS answers it: dkimpy's ``dnsfunc``."""
        return self.record if name == self.name else None
