"""Security headers beyond Django's own, from one place: Content-Security-Policy and friends.

Django's ``SecurityMiddleware`` sends HSTS (on HTTPS), ``X-Content-Type-Options: nosniff``,
the Referrer-Policy and Cross-Origin-Opener-Policy; ``XFrameOptionsMiddleware`` sends
``X-Frame-Options``. ``SecurityHeadersMiddleware`` adds the Content-Security-Policy and a
Permissions-Policy. All of them run inside the page cache's middleware, so a stored page keeps
the headers it was rendered with and the WSGI front answers with exactly those.

Reader pages get a strict policy: scripts and styles from this site only (they have no inline
ones), no plugins, no ``<base>``, forms posting here only, never framed (the admin's preview
is an admin page). Wagtail's admin still uses inline scripts and styles, so ``/admin/`` gets
the same policy with those allowed; its safety against an editor's markup is escaping.
"""

from urllib.parse import urlsplit

from django.conf import settings


def _origin(url):
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def _policy(*, admin, form_action=()):
    # Media may live on another origin (S3 or a CDN): MEDIA_URL says which.
    media = " ".join(filter(None, ["'self'", _origin(settings.MEDIA_URL)]))
    inline = " 'unsafe-inline'" if admin else ""
    directives = {
        "default-src": "'self'",
        "script-src": f"'self'{inline}",
        "style-src": f"'self'{inline}",
        "img-src": f"{media} data:" + (" blob: https:" if admin else ""),
        "media-src": media,
        "font-src": "'self'",
        "connect-src": "'self'",
        # Embedded videos and posts in article bodies (wagtail.embeds) are iframes.
        "frame-src": "'self' https:",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": " ".join(["'self'", *form_action]),
        # The admin frames its own previews; nothing frames a reader's page.
        "frame-ancestors": "'self'" if admin else "'none'",
        **settings.MASTHEAD_CSP_EXTRA,
    }
    policy = "; ".join(f"{name} {value}" for name, value in directives.items() if value)
    if not settings.DEBUG and settings.SECURE_SSL_REDIRECT:
        policy += "; upgrade-insecure-requests"
    return policy


def policy_header():
    return (
        "Content-Security-Policy-Report-Only"
        if settings.MASTHEAD_CSP_REPORT_ONLY
        else "Content-Security-Policy"
    )


def with_form_action(response, origins):
    """Give a reader page the usual policy, but with forms that may also go to ``origins``
    (a form whose answer redirects to a payment provider's page: the browser checks the
    redirect against form-action too)."""
    response[policy_header()] = _policy(admin=False, form_action=origins)
    return response


PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)


def is_admin_path(path):
    return path.startswith("/admin/")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # Settings are read once per process (tests re-create the middleware stack).
        self.reader_policy = _policy(admin=False)
        self.admin_policy = _policy(admin=True)

    def __call__(self, request):
        response = self.get_response(request)
        header = policy_header()
        # A view with a policy of its own (Wagtail's document downloads) keeps it.
        if "Content-Security-Policy" not in response and header not in response:
            response[header] = (
                self.admin_policy if is_admin_path(request.path_info) else self.reader_policy
            )
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
