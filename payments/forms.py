"""The donation form: a suggested amount (a button) or the reader's own."""

from django import forms

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
