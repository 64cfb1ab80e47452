"""The reader's address: for the sign-in lock-out (``AXES_CLIENT_IP_CALLABLE``), the
newsletter sign-up's per-address limit and consent record, and the password reset's limit.

``X-Forwarded-For`` is anyone's to write, so it is believed only as far as the operator says
proxies of their own stand in front of Django (``MASTHEAD_TRUSTED_PROXY_COUNT``). Each proxy
appends the address that connected to it, so with N trusted proxies the client is the N-th
entry from the right; whatever a client wrote further left is ignored. With 0 (the default)
the header is ignored and ``REMOTE_ADDR`` is the client.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    remote_addr = request.META.get("REMOTE_ADDR")
    trusted = settings.MASTHEAD_TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote_addr
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < trusted:
        # Not every proxy added itself: the header is not what the setting describes.
        return remote_addr
    candidate = forwarded[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr
