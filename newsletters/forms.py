"""The public sign-up and preferences forms, and the signals that tell a bot from a reader."""

import time

from django import forms
from django.conf import settings
from django.core import signing

from . import emails
from .models import Newsletter

_STARTED_SALT = "masthead.newsletters.form-started"
HONEYPOT_FIELD = "homepage"
# What a sign-up form posts besides one ``newsletters`` value per list it offers.
FIXED_FIELDS = ("email", "first_name", "source", HONEYPOT_FIELD, "started")


def started_token(at=None):
    """A signed timestamp for the form's hidden ``started`` field (when the form was shown)."""
    return signing.dumps(time.time() if at is None else at, salt=_STARTED_SALT)


def looks_like_a_bot(data):
    """True if the honeypot is filled, or the form came back too soon (or without a valid
    ``started``). Bots get the same thanks as readers, and nothing happens."""
    if data.get(HONEYPOT_FIELD):
        return True
    try:
        started = float(signing.loads(data.get("started", ""), salt=_STARTED_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return True
    return time.time() - started < settings.MASTHEAD_NEWSLETTER_MIN_FILL_SECONDS


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

    def clean_email(self):
        return emails.normalise(self.cleaned_data["email"])

    def clean_first_name(self):
        return self.cleaned_data["first_name"].strip()


class PreferencesForm(forms.Form):
    newsletters = forms.ModelMultipleChoiceField(
        queryset=Newsletter.objects.active(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
