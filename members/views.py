"""Members' pages: sign-in, the emailed link and code, the account page and its actions.

Thin: forms check input, ``services`` does the work, ``sessions`` holds who is signed in.
None of these pages is ``public``, so the page cache never stores them (``private,
no-store``). The sign-in form answers every address with the same redirect to the code page;
the emailed link's GET shows a button and signs nobody in (mail scanners follow links).
"""

import json
import logging
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from articles.paywall import MEMBERSHIP_PATH
from core import ratelimit
from core.absolute_urls import absolute_url, site_root_url
from core.client_ip import client_ip
from core.security import with_form_action
from newsletters.forms import PreferencesForm
from newsletters.selectors import newsletter_choices, newsletter_offered
from payments import services as payments
from payments.backends import checkout_origin, get_backend, payments_enabled, portal_origin
from payments.backends.base import PaymentsError
from payments.models import Cadence
from payments.selectors import offer_by_slug, redeemable_gift, tier_by_slug

from . import selectors, services
from .forms import CodeForm, EmailForm, GiftCodeForm, NameForm
from .models import Member
from .sessions import member_sign_in, member_sign_out, recheck_reader, signed_in_member

logger = logging.getLogger(__name__)

PENDING_EMAIL_KEY = "member_sign_in_email"
WRONG_CODE = "That code is wrong or has expired. Check the newest email, or ask for a new one."
DEAD_LINK = "expired, used already or not valid"


def _safe_next(request, value):
    """A local path to go on to, else the account page."""
    if (
        value
        and value.startswith("/")
        and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()})
    ):
        return value[:500]
    return ""


def _redirect(url):
    return HttpResponseRedirect(url, status=303)


def _signed_in(request, member, next_path=""):
    member_sign_in(request, member)
    request.session.pop(PENDING_EMAIL_KEY, None)
    return _redirect(next_path or reverse("members:account"))


def _invalid_link(request, problem=DEAD_LINK):
    return render(request, "members/invalid_link.html", {"problem": problem}, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
def sign_in(request):
    next_path = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if signed_in_member(request) is not None:
        return _redirect(next_path or reverse("members:account"))
    form = EmailForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        services.sign_in_request(
            email=email,
            ip=client_ip(request) or "",
            next_path=next_path,
            base_url=site_root_url(request),
        )
        request.session[PENDING_EMAIL_KEY] = email
        return _redirect(reverse("members:sign_in_code"))
    status = 400 if form.is_bound else 200
    context = {"form": form, "next": next_path}
    return render(request, "members/sign_in.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def sign_in_code(request):
    """ "Check your email", and the code's box: the same page for every address."""
    email = request.session.get(PENDING_EMAIL_KEY)
    if not email:
        return _redirect(reverse("members:sign_in"))
    form = CodeForm(request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            member, next_path = services.sign_in_verify_code(
                email=email, code=form.cleaned_data["code"]
            )
        except services.SignInError:
            error = WRONG_CODE
        else:
            return _signed_in(request, member, _safe_next(request, next_path))
    elif request.method == "POST":
        error = WRONG_CODE
    context = {"email": email, "form": form, "error": error}
    return render(request, "members/check_email.html", context, status=400 if error else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def sign_in_link(request, token):
    """GET shows a button; only the POST signs in (mail scanners follow links, never POST)."""
    if request.method == "POST":
        try:
            member, next_path = services.sign_in_verify_token(token=token)
        except services.SignInError:
            return _invalid_link(request)
        return _signed_in(request, member, _safe_next(request, next_path))
    sign_in_request = services.sign_in_request_for_token(token)
    if sign_in_request is None:
        return _invalid_link(request)
    context = {"new_member": sign_in_request.member_id is None, "email": sign_in_request.email}
    return render(request, "members/sign_in_link.html", context)


@require_POST
def sign_out(request):
    member_sign_out(request)
    return _redirect("/")


def _need_member(view):
    def wrapped(request, *args, **kwargs):
        member = signed_in_member(request)
        if member is None:
            return _redirect(f"{reverse('members:sign_in')}?next={request.path}")
        return view(request, member, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@require_http_methods(["GET", "HEAD", "POST"])
@_need_member
def account(request, member):
    name_form = NameForm(initial={"name": member.name})
    email_form = EmailForm()
    form = None
    reader = selectors.member_reader(member)
    access = "paid" if reader.kind == "paid" else "free"

    def offered(newsletter):
        """Paid newsletters only for a paying member (as their subscriber is told)."""
        return newsletter_offered(newsletter, access=access, tier_ids=reader.tier_ids)

    action = request.POST.get("action")
    status = 200
    if action == "name":
        name_form = NameForm(request.POST)
        if name_form.is_valid():
            services.member_rename(member=member, name=name_form.cleaned_data["name"])
            messages.success(request, "Your name is saved.")
            return _redirect(reverse("members:account"))
        status = 400
    elif action == "email":
        email_form = EmailForm(request.POST)
        if email_form.is_valid():
            try:
                services.email_change_request(
                    member=member,
                    new_email=email_form.cleaned_data["email"],
                    base_url=site_root_url(request),
                )
            except ValidationError as error:
                email_form.add_error("email", error)
            else:
                messages.success(
                    request,
                    f"We've sent a link to {email_form.cleaned_data['email']}. Your address "
                    "changes when you open it and confirm.",
                )
                return _redirect(reverse("members:account"))
        status = 400
    elif action == "newsletters":
        form = PreferencesForm(request.POST, offered=offered)
        if form.is_valid():
            services.member_newsletters_update(
                member=member,
                newsletters_wanted=form.cleaned_data["newsletters"],
                source_url=absolute_url(request, request.path),
                ip=client_ip(request) or "",
                user_agent=request.headers.get("User-Agent", ""),
            )
            messages.success(request, "Your newsletters are saved.")
            return _redirect(reverse("members:account"))
        status = 400
    elif action == "podcast_reset" and member.has_paid_access:
        services.podcast_feed_reset(member=member)
        messages.success(
            request,
            "Your podcast feed has a new address: the old one no longer works. Add the new one "
            "to your podcast app.",
        )
        return _redirect(reverse("members:account"))
    context = {
        "member": member,
        "name_form": name_form,
        "email_form": email_form,
        "choices": newsletter_choices(
            offered=offered, subscribed_ids=selectors.subscribed_newsletter_ids(member)
        ),
        "membership_url": MEMBERSHIP_PATH,
        "form_errors": form.errors.get("newsletters") if form else None,
        "billing": bool(member.stripe_customer_id) and payments_enabled(),
        "memberships": selectors.account_memberships(member),
        "podcast_feed_url": _podcast_feed_url(request, member),
    }
    response = render(request, "members/account.html", context, status=status)
    if context["billing"]:
        # "Manage billing" answers with a redirect to the provider's portal, which the browser
        # checks against this page's form-action.
        with_form_action(response, [portal_origin()])
    return response


def _podcast_feed_url(request, member):
    """A paying member's private podcast feed address (the feed is made on their first visit)."""
    if not member.has_paid_access:
        return ""
    token = selectors.podcast_feed_token(services.podcast_feed_ensure(member=member))
    return absolute_url(request, reverse("members_podcast:feed", kwargs={"token": token}))


@require_http_methods(["GET", "HEAD", "POST"])
def email_confirm(request, token):
    """GET shows a button; the POST moves the account to the new address."""
    if request.method == "POST":
        try:
            member = services.email_change_confirm(token=token)
        except services.SignInError:
            return _invalid_link(request)
        except services.EmailTaken:
            return _invalid_link(
                request,
                problem="for an address that already has an account or newsletters of its own",
            )
        member_sign_in(request, member)
        messages.success(request, f"Your address is now {member.email}.")
        return _redirect(reverse("members:account"))
    change = services.sign_in_request_for_token(
        token, purpose=services.SignInRequest.Purpose.EMAIL_CHANGE
    )
    if change is None:
        return _invalid_link(request)
    return render(request, "members/email_confirm.html", {"email": change.email})


@require_safe
@_need_member
def data_download(request, member):
    """Everything held about the member, as a JSON file (GDPR art. 15 and 20)."""
    body = json.dumps(selectors.member_export(member), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@_need_member
def delete(request, member):
    """A page that says what goes, and a button; the POST erases the account."""
    if request.method == "POST" and request.POST.get("confirm") == "delete":
        try:
            services.member_delete(member=member)
        except ValidationError:
            return render(request, "members/delete.html", {"member": member}, status=400)
        member_sign_out(request)
        return render(request, "members/deleted.html")
    return render(request, "members/delete.html", {"member": member})


@require_POST
@_need_member
def billing(request, member):
    """To the payment provider's portal, for the member's own customer."""
    if not member.stripe_customer_id or not payments_enabled():
        return _redirect(reverse("members:account"))
    try:
        portal = get_backend().create_portal_session(
            customer_id=member.stripe_customer_id,
            return_url=absolute_url(request, reverse("members:account")),
        )
    except PaymentsError:
        messages.error(request, "Billing is not available just now. Please try again later.")
        return _redirect(reverse("members:account"))
    return _redirect(portal.url)


CHECKOUT_DOWN = (
    "We couldn't reach our payment provider just now \N{EM DASH} please try again in a few "
    "minutes. Nothing was charged."
)
CHECKOUT_UNKNOWN = "That membership is not on offer any more. Please choose another."


def _membership_page(request, member, *, status=200, notice=""):
    source = _safe_next(request, request.POST.get("from") or request.GET.get("from"))
    if not source and request.method != "POST":
        # The paywall's "Become a member" link: the article is the page it was followed from.
        referer = urlsplit(request.headers.get("Referer", ""))
        if referer.netloc == request.get_host() and referer.path != reverse("membership:join"):
            source = _safe_next(request, referer.path)
    back = reverse("membership:join")
    if source:
        back = f"{back}?{urlencode({'from': source})}"
    offer = None
    if slug := request.POST.get("offer") or request.GET.get("offer"):
        offer = offer_by_slug(slug[:80])
    context = {
        "enabled": payments_enabled(),
        "member": member,
        "paying": member is not None and member.status == Member.Status.PAID,
        "comped": member is not None and member.status == Member.Status.COMPED,
        "billing": member is not None and bool(member.stripe_customer_id),
        "choices": selectors.membership_choices(),
        "offer": offer,
        "notice": notice,
        "sign_in_url": f"{reverse('members:sign_in')}?{urlencode({'next': back}, safe='/')}",
        # The article they came from (the paywall's ?from=), kept when they start Checkout.
        "from": source,
    }
    response = render(request, "members/membership.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    # Join answers with a redirect to Checkout, Manage billing to the portal: the browser
    # checks both against this page's form-action.
    origins = {checkout_origin(), portal_origin()} - {""}
    return with_form_action(response, sorted(origins))


@require_http_methods(["GET", "HEAD", "POST"])
def membership(request):
    """/membership/: the tiers and their prices, a Join button per price. A signed-in
    member's POST goes on to the provider's Checkout (303); anyone else signs in first."""
    member = signed_in_member(request)
    if request.method != "POST":
        return _membership_page(request, member)
    if member is None:
        return _redirect(f"{reverse('members:sign_in')}?next={reverse('membership:join')}")
    if not payments_enabled():
        return _membership_page(request, member, status=503)
    tier = tier_by_slug((request.POST.get("tier") or "")[:80])
    cadence = request.POST.get("cadence")
    offer = offer_by_slug((request.POST.get("offer") or "")[:80])
    if tier is None or cadence not in Cadence.values:
        return _membership_page(request, member, status=400, notice=CHECKOUT_UNKNOWN)
    try:
        session = services.membership_checkout(
            member=member,
            tier=tier,
            cadence=cadence,
            offer=offer,
            success_url=absolute_url(request, reverse("membership:thanks")),
            cancel_url=absolute_url(request, reverse("membership:join")),
            source=_safe_next(request, request.POST.get("from")),
        )
    except services.CheckoutRefused:
        return _membership_page(request, member, status=400, notice=CHECKOUT_UNKNOWN)
    except PaymentsError as error:
        logger.warning("members: no membership Checkout: %s", error)
        return _membership_page(request, member, status=503, notice=CHECKOUT_DOWN)
    return _redirect(session.url)


@require_safe
def membership_thanks(request):
    """Where Checkout sends a new member back. The membership itself follows the webhook; the
    member's page variant is read again, so a webhook already in opens the paid pages now."""
    recheck_reader(request)
    response = render(request, "members/membership_thanks.html")
    response["Cache-Control"] = "private, no-store"
    return response


# Redeeming a gift: the emailed link (or the code typed on /gift/redeem/) proves the code once,
# and the session keeps only the gift's id from then on, so the code never reaches the database
# (a sign-in request's ``next`` is /gift/redeem/, without it) nor stays in the address bar.
GIFT_SESSION_KEY = "gift_id"
GIFT_PROBLEMS = {
    "unknown": "That gift code is not valid. Check it against the email, or ask whoever gave "
    "it to you.",
    "redeemed": "That gift has been redeemed already: a code works once.",
    "refunded": "That gift can no longer be redeemed: its payment was refunded or disputed.",
    "limited": "You have tried several gift codes in the last hour. Please try again later.",
}
GIFT_STATUS = {"unknown": 404, "redeemed": 410, "refunded": 410, "limited": 429}


def _no_store(response):
    response["Cache-Control"] = "private, no-store"
    return response


def _gift_page(request, *, gift=None, form=None, problem="", status=200):
    context = {
        "gift": gift,
        "form": form or GiftCodeForm(),
        "problem": GIFT_PROBLEMS.get(problem, ""),
        "member": signed_in_member(request),
        "sign_in_url": f"{reverse('members:sign_in')}?next={reverse('gift:redeem')}",
    }
    return _no_store(render(request, "members/gift_redeem.html", context, status=status))


def _gift_prove(request, code):
    """The redeemable gift of ``code``, kept in the session; or the reason it is not. Each
    client may try MASTHEAD_GIFT_CODE_IP_LIMIT distinct codes an hour."""
    normalised = payments.gift_code_normalise(code)
    if not ratelimit.attempt_allowed(
        scope="gift codes per client",
        key=client_ip(request),
        item=normalised,
        limit=settings.MASTHEAD_GIFT_CODE_IP_LIMIT,
    ):
        return None, "limited"
    try:
        gift = payments.gift_for_code(normalised)
    except payments.GiftRefused as refused:
        return None, refused.reason
    request.session[GIFT_SESSION_KEY] = gift.pk
    return gift, ""


def _proved_gift(request):
    return redeemable_gift(request.session.get(GIFT_SESSION_KEY))


@require_safe
def gift_redeem_code(request, code):
    """The emailed link: proves the code, then on to /gift/redeem/ (without the code)."""
    _, problem = _gift_prove(request, code)
    if problem:
        return _gift_page(request, problem=problem, status=GIFT_STATUS[problem])
    return _redirect(reverse("gift:redeem"))


@require_http_methods(["GET", "HEAD", "POST"])
def gift_redeem(request):
    """/gift/redeem/: a box for the code; once proved, the gift and a Redeem button (sign in
    first). The POST of Redeem gives the signed-in member the membership."""
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "code":
        form = GiftCodeForm(request.POST)
        if not form.is_valid():
            return _gift_page(request, form=form, status=400)
        _, problem = _gift_prove(request, form.cleaned_data["code"])
        if problem:
            return _gift_page(request, form=form, problem=problem, status=GIFT_STATUS[problem])
        return _redirect(reverse("gift:redeem"))
    gift = _proved_gift(request)
    if action == "redeem":
        member = signed_in_member(request)
        if member is None:
            return _redirect(f"{reverse('members:sign_in')}?next={reverse('gift:redeem')}")
        if gift is None:
            return _gift_page(request, problem="unknown", status=400)
        try:
            membership = services.gift_redeem(member=member, gift_id=gift.pk)
        except payments.GiftRefused as refused:
            request.session.pop(GIFT_SESSION_KEY, None)
            return _gift_page(request, problem=refused.reason, status=GIFT_STATUS[refused.reason])
        request.session.pop(GIFT_SESSION_KEY, None)
        messages.success(
            request,
            f"Your gift is redeemed: {membership.tier.name} until "
            f"{date_format(membership.current_period_end, 'DATE_FORMAT')}.",
        )
        return _redirect(reverse("members:account"))
    return _gift_page(request, gift=gift)
