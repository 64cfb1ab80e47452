from django import forms

from newsletters import emails as addresses


class EmailForm(forms.Form):
    email = forms.CharField(max_length=320, label="Email")

    def clean_email(self):
        return addresses.normalise(self.cleaned_data["email"])


class CodeForm(forms.Form):
    code = forms.CharField(max_length=12, label="Code", strip=True)


class NameForm(forms.Form):
    name = forms.CharField(max_length=120, label="Name", required=False)


class GiftCodeForm(forms.Form):
    code = forms.CharField(
        label="Gift code",
        max_length=40,
        error_messages={"required": "Enter the code from the gift's email."},
    )
