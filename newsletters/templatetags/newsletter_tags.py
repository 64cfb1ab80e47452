import itertools

from django import template

from articles.paywall import MEMBERSHIP_PATH
from core.absolute_urls import absolute_url
from newsletters.forms import HONEYPOT_FIELD
from newsletters.models import Newsletter
from newsletters.services import CONSENT_WORDING

register = template.Library()

_fallback_ids = itertools.count(1)


def _form_number(request):
    """1 for the page's first sign-up form, 2 for the next...: unique ids, one script tag."""
    if request is None:
        return next(_fallback_ids)
    request._newsletter_forms = getattr(request, "_newsletter_forms", 0) + 1
    return request._newsletter_forms


def signup_form_context(
    *, request, newsletters, single=None, form=None, heading=None, show_choices=True, started=""
):
    """What ``newsletters/signup_form.html`` needs; the page's own form errors if ``form``.

    ``started`` is empty in every page that may be cached: the sign-up script fills it in
    (``forms.started_token``). Only a page rendered for one reader's POST passes one."""
    number = _form_number(request)
    data = form.data if form else {}
    errors = form.errors if form else {}
    chosen = data.getlist("newsletters") if hasattr(data, "getlist") else []
    if single is not None:
        names = single.display_name
    elif len(newsletters) == 1:
        names = newsletters[0].display_name
    else:
        names = "the newsletters you choose"
    offered = [n for n in newsletters if not n.for_paying_members]
    return {
        # Paid lists are shown, but not offered: a public form cannot know who pays (it is the
        # same for every reader), so paying members choose them on their account page.
        "paid_only": not offered,
        "membership_url": MEMBERSHIP_PATH,
        "prefix": f"newsletter-signup-{number}",
        "first_on_page": number == 1,
        "single": single,
        "newsletters": newsletters,
        "show_choices": show_choices and single is None,
        "chosen": chosen,
        "heading": heading,
        "email_value": data.get("email", ""),
        "first_name_value": data.get("first_name", ""),
        "email_error": " ".join(errors.get("email", [])),
        "newsletters_error": " ".join(errors.get("newsletters", [])),
        "honeypot": HONEYPOT_FIELD,
        "started": started,
        # A form shown again keeps the page it was first on.
        "source": data.get("source") or (absolute_url(request, request.path) if request else ""),
        "consent": CONSENT_WORDING.format(newsletters=names),
    }


@register.inclusion_tag("newsletters/signup_form.html", takes_context=True)
def newsletter_signup(context, newsletter_slug=None, heading=None):
    """The sign-up form for one newsletter (by slug), or for every active one (ticked by the
    reader). Renders nothing when the newsletter is missing or inactive."""
    request = context.get("request")
    if newsletter_slug:
        single = Newsletter.objects.active().filter(slug=newsletter_slug).first()
        newsletters = [single] if single else []
    else:
        single = None
        newsletters = list(Newsletter.objects.active())
        if len(newsletters) == 1:
            single = newsletters[0]
    if not newsletters:
        return {"hidden": True}
    return signup_form_context(
        request=request, newsletters=newsletters, single=single, heading=heading
    )


@register.inclusion_tag("newsletters/signup_form.html", takes_context=True)
def newsletter_signup_for(context, newsletter, heading=None):
    """The form for a Newsletter object (the article body's sign-up block)."""
    if newsletter is None or not newsletter.is_active:
        return {"hidden": True}
    return signup_form_context(
        request=context.get("request"), newsletters=[newsletter], single=newsletter, heading=heading
    )


@register.inclusion_tag("newsletters/signup_form.html", takes_context=True)
def newsletter_signup_page(context, newsletters, form=None, started=""):
    """The /newsletters/ page's form: every active list to tick, with a bound form's errors
    and, shown again after a POST, its ``started`` token."""
    newsletters = list(newsletters)
    if not newsletters:
        return {"hidden": True}
    return signup_form_context(
        request=context.get("request"),
        newsletters=newsletters,
        form=form,
        heading="",
        started=started,
    )
