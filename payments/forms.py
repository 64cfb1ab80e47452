"""The donation form (a suggested amount, a button, or the reader's own) and the gift form."""

from django import forms

from .models import GIFT_MONTHS, Gift, Tier
from .money import to_minor
from .selectors import DonationChoices

CUSTOM = "custom"


class DonationForm(forms.Form):
    """``amount`` is a pressed button's value: a suggested amount in minor units, or
    ``custom`` for the reader's own amount in ``custom_amount`` ("15", "12.50")."""

    amount = forms.CharField(max_length=20, required=False)
    custom_amount = forms.CharField(
        label="Another amount", max_length=20, required=False, strip=True
    )

    def __init__(self, *args, choices: DonationChoices, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices

    def bounds_message(self):
        return (
            f"Enter an amount from {self.choices.display(self.choices.minimum)} "
            f"to {self.choices.display(self.choices.maximum)}."
        )

    def clean(self):
        data = super().clean()
        pressed = data.get("amount") or ""
        own = data.get("custom_amount") or ""
        if pressed and pressed != CUSTOM:
            if not pressed.isdigit() or int(pressed) not in self.choices.suggested:
                raise forms.ValidationError("Choose one of the amounts, or enter your own.")
            data["amount_minor"] = int(pressed)
            return data
        if not own:
            self.add_error("custom_amount", "Choose an amount, or enter your own.")
            return data
        try:
            amount = to_minor(own, self.choices.currency)
        except ValueError:
            self.add_error("custom_amount", "Enter an amount in numbers, such as 15 or 12.50.")
            return data
        if not self.choices.minimum <= amount <= self.choices.maximum:
            self.add_error("custom_amount", self.bounds_message())
            return data
        data["amount_minor"] = amount
        return data


class GiftForm(forms.Form):
    """A gift membership: which tier, how many months, to whom, from whom."""

    tier = forms.ModelChoiceField(
        queryset=Tier.objects.none(),
        to_field_name="slug",
        error_messages={
            "required": "Choose a membership.",
            "invalid_choice": "Choose a membership.",
        },
    )
    months = forms.TypedChoiceField(
        choices=[(m, f"{m} month{'s' if m > 1 else ''}") for m in GIFT_MONTHS],
        coerce=int,
        error_messages={"required": "Choose how long.", "invalid_choice": "Choose how long."},
    )
    recipient_email = forms.EmailField(
        label="Their email address",
        max_length=254,
        error_messages={"required": "Enter the address to give it to."},
    )
    buyer_name = forms.CharField(
        label="Your name", max_length=120, error_messages={"required": "Enter your name."}
    )
    buyer_email = forms.EmailField(
        label="Your email address",
        max_length=254,
        error_messages={"required": "Enter your address, for the receipt."},
    )
    message = forms.CharField(
        label="A message (optional)", max_length=500, required=False, widget=forms.Textarea
    )
    delivery = forms.ChoiceField(
        choices=Gift.Delivery.choices, initial=Gift.Delivery.RECIPIENT, required=False
    )

    def __init__(self, *args, tiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tier"].queryset = tiers

    def clean_delivery(self):
        return self.cleaned_data.get("delivery") or Gift.Delivery.RECIPIENT
