"""Where a webhook may post: http or https only, and, unless
``MASTHEAD_WEBHOOKS["ALLOW_PRIVATE_TARGETS"]``, only to public addresses, so that an admin's
target URL cannot reach the machine's own network (loopback, private, link-local, metadata
services). The address is checked when the webhook is saved and again at each delivery, on
the very address the request then connects to (a name that changes its answer in between
gains nothing)."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings


class TargetRefused(Exception):
    """The target URL may not be posted to; the message says why, for the admin."""


def allow_private():
    return settings.MASTHEAD_WEBHOOKS["ALLOW_PRIVATE_TARGETS"]


def _is_public(address):
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def parse(url):
    """(scheme, host, port) of an http(s) URL, or TargetRefused."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise TargetRefused(f"This is not a valid URL ({error}).") from error
    if parts.scheme not in ("http", "https"):
        raise TargetRefused("Use an http:// or https:// address.")
    if not parts.hostname:
        raise TargetRefused("The address needs a host name.")
    if parts.username or parts.password:
        raise TargetRefused("Leave the user name and password out of the address.")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


def resolve(url):
    """(scheme, host, port, address to connect to) for ``url``, or TargetRefused."""
    scheme, host, port = parse(url)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise TargetRefused(f"The host {host} could not be found.") from error
    addresses = [info[4][0] for info in found]
    if not allow_private():
        private = [address for address in addresses if not _is_public(address)]
        if private:
            raise TargetRefused(
                f"{host} is a private or local address ({private[0]}); webhooks may only "
                "post to public addresses."
            )
    return scheme, host, port, addresses[0]
