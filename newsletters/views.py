"""Public newsletter pages. Thin: forms check input, ``services`` does the work.

The sign-up POST is ``csrf_exempt`` because the form sits on cached public pages that carry no
CSRF cookie or token (and must not: they are served to everyone from one cached copy). What a
forged cross-site sign-up could do is bounded instead: nothing is subscribed until the owner
of the address confirms by POST from the emailed link (double opt-in), at most one email per
address per day and a few addresses per IP per hour, and bots are turned away by a honeypot
and a minimum fill time. The view reads no session and sets no cookie.

The fill time is measured from a signed ``started`` token that no cached page carries: the
sign-up script fetches one from ``signup_token`` (never stored) when the reader first touches
the form, and sends the form once the minimum time has passed since. A form sent without one
(no JavaScript, or a bot) is not lost: it comes back filled in, with a token from now, for one
more press of the button. The script's own requests without a good token are a bot's.

One-click unsubscribe is ``csrf_exempt`` too: RFC 8058 mailbox providers POST to it with no
cookie; the signed token in the URL is the authority.

While the database is down a sign-up gets a 503 saying it was not saved (``core/outage.py``:
a page, or ``{"message": …}`` for the form's script). Nothing of it is left behind:
``subscription_request`` writes the subscriber, subscriptions and consent records in one
transaction and queues the email only once that has committed.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from articles.paywall import MEMBERSHIP_PATH
from core.absolute_urls import absolute_url
from core.client_ip import client_ip
from core.field_limit import body_field_count
from core.outage import outage_message
from pagecache import depends_on, public
from pagecache import tags as cache_tags

from . import services, tokens
from .forms import (
    FIXED_FIELDS,
    STARTED_FIELD,
    STARTED_MAX_AGE,
    PreferencesForm,
    SignupForm,
    Started,
    fills_the_honeypot,
    form_started,
    started_token,
)
from .models import Subscriber, Subscription
from .selectors import (
    active_newsletters,
    newsletter_choices,
    newsletters_count,
    offered_to_subscriber,
)

THANKS_MESSAGE = "Thank you for signing up! We've sent you a confirmation email."
NOT_SAVED_MESSAGE = (
    "We couldn't save your sign-up just now \N{EM DASH} please try again in a few minutes."
)
ONE_MORE_STEP = "One more step: check your details below and press Sign up to finish."
TOO_MANY_FIELDS_MESSAGE = (
    "This sign-up came with more fields than the form has, so it was not read. "
    "Please sign up with the form below."
)


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


def _thanks_response(request):
    """The one reply to every accepted sign-up, whatever happened behind it."""
    if _wants_json(request):
        return _no_store(JsonResponse({"message": THANKS_MESSAGE}))
    response = HttpResponse(status=303)
    response["Location"] = reverse("newsletters:thanks")
    return _no_store(response)


@require_safe
def index(request):
    """/newsletters/: every active newsletter, several can be ticked at once."""
    depends_on(request, cache_tags.SITE)
    return public(render(request, "newsletters/index.html", {"newsletters": active_newsletters()}))


def _signup_page(request, *, form, status, notice="", started=""):
    context = {
        "newsletters": active_newsletters(),
        "form": form,
        "notice": notice,
        "started": started,
    }
    return _no_store(render(request, "newsletters/index.html", context, status=status))


def _too_many_fields(request):
    if _wants_json(request):
        return _no_store(JsonResponse({"message": TOO_MANY_FIELDS_MESSAGE}, status=400))
    return _signup_page(request, form=None, status=400, notice=TOO_MANY_FIELDS_MESSAGE)


@require_safe
def signup_token(request):
    """A fresh ``started`` token for the sign-up script, fetched when a reader first touches a
    form: the page around the form may have been cached hours ago. Never stored (not
    ``public``). The view reads no database."""
    return _no_store(
        JsonResponse(
            {
                "token": started_token(),
                "wait": settings.MASTHEAD_NEWSLETTER_MIN_FILL_SECONDS,
                "max_age": STARTED_MAX_AGE,
            }
        )
    )


@outage_message(NOT_SAVED_MESSAGE)
@csrf_exempt
@require_POST
def signup(request):
    # Counted in the raw body, before anything parses or validates a field. Every list counts,
    # not only the active ones: a list retired since the page was shown makes a form invalid
    # (the reader is told), not too long.
    if body_field_count(request) > len(FIXED_FIELDS) + newsletters_count():
        return _too_many_fields(request)
    if fills_the_honeypot(request.POST):
        return _thanks_response(request)
    started = form_started(request.POST)
    if started is not Started.LONG_ENOUGH and _wants_json(request):
        # The script always sends a token it fetched, once the minimum fill time has passed.
        return _thanks_response(request)
    form = SignupForm(request.POST)
    # Shown again, the form keeps a token still good, or gets one from now (uncached page).
    token = request.POST[STARTED_FIELD] if started is not Started.MISSING else started_token()
    if not form.is_valid():
        if _wants_json(request):
            errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
            return _no_store(JsonResponse({"errors": errors}, status=400))
        return _signup_page(request, form=form, status=400, started=token)
    if started is not Started.LONG_ENOUGH:
        # Sent without JavaScript from a page that may be hours old, or at once: nothing is
        # stored, and the form comes back filled in, timed from now, to be sent once more.
        return _signup_page(request, form=form, status=200, notice=ONE_MORE_STEP, started=token)
    services.subscription_request(
        email=form.cleaned_data["email"],
        first_name=form.cleaned_data["first_name"],
        newsletters=form.cleaned_data["newsletters"],
        source_url=form.cleaned_data["source"] or request.headers.get("Referer", ""),
        ip=client_ip(request) or "",
        user_agent=request.headers.get("User-Agent", ""),
    )
    return _thanks_response(request)


@require_safe
def thanks(request):
    depends_on(request, cache_tags.SITE)
    return public(render(request, "newsletters/thanks.html", {"message": THANKS_MESSAGE}))


def _invalid_link(request, *, expired_or_invalid="not valid"):
    return render(
        request, "newsletters/invalid_link.html", {"problem": expired_or_invalid}, status=400
    )


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button; only the POST confirms (mail scanners follow links, never POST)."""
    data = tokens.read_token("confirm", token, max_age=tokens.CONFIRM_MAX_AGE)
    subscriber = data and Subscriber.objects.filter(pk=data.get("s")).first()
    if subscriber is None:
        return _invalid_link(request, expired_or_invalid="expired or not valid")
    if request.method == "POST":
        services.subscription_confirm(subscriber=subscriber)
        return render(
            request,
            "newsletters/confirmed.html",
            {
                "subscriptions": subscriber.subscriptions.filter(
                    status=Subscription.Status.SUBSCRIBED
                ).select_related("newsletter"),
                "preferences_url": tokens.preferences_url(subscriber),
            },
        )
    pending = list(services.pending_subscriptions(subscriber))
    return render(
        request,
        "newsletters/confirm.html",
        {
            "subscriber": subscriber,
            "pending": pending,
            "preferences_url": tokens.preferences_url(subscriber),
        },
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET shows a button and changes nothing; any POST unsubscribes (RFC 8058 one-click
    sends ``List-Unsubscribe=One-Click``). Idempotent, always 200, no redirect, no cookie."""
    data = tokens.read_token("unsubscribe", token)
    if data is None:
        return _invalid_link(request)
    subscription = (
        Subscription.objects.filter(subscriber_id=data.get("s"), newsletter_id=data.get("n"))
        .select_related("subscriber", "newsletter")
        .first()
    )
    done = request.method == "POST"
    if done and subscription is not None:
        services.subscription_unsubscribe(subscription=subscription)
    context = {
        "subscription": subscription,
        "done": done,
        "preferences_url": subscription and tokens.preferences_url(subscription.subscriber),
    }
    return render(request, "newsletters/unsubscribe.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request, token):
    """See and change one's lists, or leave them all; the signed link is the only key."""
    data = tokens.read_token("preferences", token)
    subscriber = data and Subscriber.objects.filter(pk=data.get("s")).first()
    if subscriber is None:
        return _invalid_link(request)
    saved = form_errors = None
    status = 200
    offered = offered_to_subscriber(subscriber)
    if request.method == "POST":
        if request.POST.get("action") == "unsubscribe_all":
            services.subscriber_unsubscribe_all(subscriber=subscriber)
            saved = "You are unsubscribed from every newsletter."
        else:
            form = PreferencesForm(request.POST, offered=offered)
            if form.is_valid():
                services.subscriber_preferences_update(
                    subscriber=subscriber,
                    newsletters=form.cleaned_data["newsletters"],
                    source_url=absolute_url(request, request.path),
                    ip=client_ip(request) or "",
                    user_agent=request.headers.get("User-Agent", ""),
                )
                saved = "Your preferences are saved."
            else:
                form_errors, status = form.errors.get("newsletters"), 400
    subscribed = set(
        subscriber.subscriptions.filter(status=Subscription.Status.SUBSCRIBED).values_list(
            "newsletter_id", flat=True
        )
    )
    return render(
        request,
        "newsletters/preferences.html",
        {
            "subscriber": subscriber,
            "choices": newsletter_choices(offered=offered, subscribed_ids=subscribed),
            "membership_url": MEMBERSHIP_PATH,
            "saved": saved,
            "form_errors": form_errors,
        },
        status=status,
    )
