"""HTTPS targets: the request connects to the address that was checked, and TLS is still
verified against the URL's host name."""

import shutil
import ssl
import subprocess

import pytest

from webhooks.models import WebhookDelivery

from .conftest import Receiver


@pytest.fixture
def certificate(tmp_path):
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is missing")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    command = [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
    command += ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost"]
    command += ["-addext", "subjectAltName=DNS:localhost"]
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603 (fixed arguments)
    return cert, key


@pytest.fixture
def tls_receiver(certificate, monkeypatch):
    cert, key = certificate
    server = Receiver()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.server.socket = context.wrap_socket(server.server.socket, server_side=True)
    # The client trusts this test's certificate, as a real one would be trusted.
    monkeypatch.setattr(
        ssl, "_create_default_https_context", lambda: ssl.create_default_context(cafile=cert)
    )
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


def send(django_capture_on_commit_callbacks, url):
    from webhooks import services
    from webhooks.models import Webhook

    Webhook.objects.create(name="TLS", event="member.added", target_url=url)
    with django_capture_on_commit_callbacks(execute=True):
        (delivery_id,) = services.event_trigger(
            event="member.added", resource="member", current={}, previous={}
        )
    return WebhookDelivery.objects.get(pk=delivery_id)


def test_an_https_target_is_delivered(tls_receiver, db, django_capture_on_commit_callbacks):
    port = tls_receiver.server.server_port
    delivery = send(django_capture_on_commit_callbacks, f"https://localhost:{port}/hook")

    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert tls_receiver.requests[0]["headers"]["Host"] == f"localhost:{port}"


def test_a_certificate_for_another_name_fails(tls_receiver, db, django_capture_on_commit_callbacks):
    port = tls_receiver.server.server_port
    delivery = send(django_capture_on_commit_callbacks, f"https://127.0.0.1:{port}/hook")

    assert delivery.status == WebhookDelivery.Status.FAILED
    assert "certificate" in delivery.error.lower()
    assert tls_receiver.requests == []
