"""The public sign-up and preferences forms, and the signals that tell a bot from a reader."""

import time
from enum import Enum

from django import forms
from django.conf import settings
from django.core import signing

from . import emails
from .models import Newsletter

_STARTED_SALT = "masthead.newsletters.form-started"
HONEYPOT_FIELD = "homepage"
STARTED_FIELD = "started"
# A ``started`` token is good for this long after it was issued; the sign-up script fetches a
# new one when it is older, and a form sent with an expired one is shown again with a new one.
STARTED_MAX_AGE = 3600  # seconds
PAID_ONLY_MESSAGE = (
    "{newsletter} is for paying members. Become a member at /membership/, then choose it on "
    "your account page."
)
# What a sign-up form posts besides one ``newsletters`` value per list it offers.
FIXED_FIELDS = ("email", "first_name", "source", HONEYPOT_FIELD, STARTED_FIELD)


class Started(Enum):
    """How long ago the form's ``started`` token was issued."""

    LONG_ENOUGH = "long enough"  # at least MASTHEAD_NEWSLETTER_MIN_FILL_SECONDS
    TOO_SOON = "too soon"
    MISSING = "missing"  # absent, forged, altered or expired


def started_token(at=None):
    """A signed timestamp for the form's hidden ``started`` field: when the reader began.

    Never rendered into a page that may be cached (its time would be the page's, hours old):
    the sign-up script fetches one when the reader first touches the form
    (``views.signup_token``), and a page rendered for one reader's POST carries one."""
    return signing.dumps(time.time() if at is None else at, salt=_STARTED_SALT)


def read_started(value):
    """The time signed into a ``started`` token, or None if it is missing, forged or expired."""
    if not isinstance(value, str) or not value or len(value) > 200:
        return None
    try:
        started = float(signing.loads(value, salt=_STARTED_SALT, max_age=STARTED_MAX_AGE))
    except (signing.BadSignature, TypeError, ValueError):  # SignatureExpired is a BadSignature
        return None
    return started if time.time() - started <= STARTED_MAX_AGE else None


def form_started(data):
    started = read_started(data.get(STARTED_FIELD))
    if started is None:
        return Started.MISSING
    if time.time() - started < settings.MASTHEAD_NEWSLETTER_MIN_FILL_SECONDS:
        return Started.TOO_SOON
    return Started.LONG_ENOUGH


def fills_the_honeypot(data):
    return bool(data.get(HONEYPOT_FIELD))


class SignupForm(forms.Form):
    email = forms.CharField(max_length=320, label="Email")
    first_name = forms.CharField(max_length=80, required=False, label="First name")
    newsletters = forms.ModelMultipleChoiceField(
        queryset=Newsletter.objects.active(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Please choose at least one newsletter",
            "invalid_choice": "This newsletter is not taking sign-ups",
            "invalid_pk_value": "This newsletter is not taking sign-ups",
        },
    )
    source = forms.CharField(max_length=500, required=False)

    def clean_newsletters(self):
        """A paid list is never offered on a public form (it cannot know who pays): a sign-up
        to one is a forged one, and is told where paying members subscribe."""
        newsletters = self.cleaned_data["newsletters"]
        for newsletter in newsletters:
            if newsletter.for_paying_members:
                raise forms.ValidationError(
                    PAID_ONLY_MESSAGE.format(newsletter=newsletter.display_name),
                    code="paid_only",
                )
        return newsletters

    def clean_email(self):
        return emails.normalise(self.cleaned_data["email"])

    def clean_first_name(self):
        return self.cleaned_data["first_name"].strip()


class PreferencesForm(forms.Form):
    """The lists a reader ticks; ``offered`` (newsletter -> bool) refuses a paid list to a
    reader who does not pay, saying so."""

    newsletters = forms.ModelMultipleChoiceField(
        queryset=Newsletter.objects.active(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, offered=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.offered = offered

    def clean_newsletters(self):
        newsletters = self.cleaned_data["newsletters"]
        for newsletter in newsletters:
            if self.offered is not None and not self.offered(newsletter):
                raise forms.ValidationError(
                    PAID_ONLY_MESSAGE.format(newsletter=newsletter.display_name),
                    code="paid_only",
                )
        return newsletters
