"""Serve the local Stripe stand-in (payments/standin/) until Ctrl-C: `make run` starts it."""

from django.core.management.base import BaseCommand

from payments.standin.server import StandinServer


class Command(BaseCommand):
    help = (
        "Serve a local stand-in for the part of Stripe's API Masthead uses, with hosted "
        "Checkout and Billing Portal pages and signed webhooks (docs/payments.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8010)
        parser.add_argument(
            "--webhook-url",
            action="append",
            default=[],
            help="Deliver every event to this URL (repeatable).",
        )
        parser.add_argument(
            "--webhook-secret",
            default="",
            help="The signing secret of those endpoints (STRIPE_WEBHOOK_SECRET); else new ones.",
        )

        parser.add_argument(
            "--state",
            default="",
            help="Keep the account in this JSON file across restarts (make run: var/).",
        )

    def handle(self, *args, host, port, webhook_url, webhook_secret, state, **options):
        server = StandinServer(host=host, port=port, state_file=state or None)
        for url in webhook_url:
            endpoint = server.add_endpoint(url, secret=webhook_secret or None)
            self.stdout.write(f"payments stand-in: events go to {url} (endpoint {endpoint['id']})")
        self.stdout.write(f"payments stand-in: Stripe's API at {server.url}/v1/")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.stop()
