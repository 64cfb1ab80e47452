"""The CSV import of subscribers (Newsletters → Import subscribers)."""

import csv
import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .models import Newsletter
from .services import ImportRejected, subscribers_import

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class SubscriberImportForm(forms.Form):
    newsletter = forms.ModelChoiceField(queryset=Newsletter.objects.all())
    csv_file = forms.FileField(
        label="CSV file",
        help_text='One address per row: an "email" column (and optionally "first_name"), or '
        "the address in the first column and the first name in the second.",
    )
    mode = forms.ChoiceField(
        label="Imported addresses",
        choices=[
            ("confirm", "Send each new address a confirmation email (pending until confirmed)"),
            ("subscribed", "Import as subscribed (they already confirmed elsewhere)"),
        ],
        widget=forms.RadioSelect,
        initial="confirm",
    )
    consent_text = forms.CharField(
        label="How these readers consented",
        help_text='Kept on every consent record, for example "Signed up on our old site, '
        'double opt-in, 2025".',
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attestation = forms.BooleanField(
        label="I confirm that every person in this file agreed to receive this newsletter, "
        "and that we can show when and how.",
        required=True,
        error_messages={"required": "Tick this box: only import readers who consented."},
    )

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB.")
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError("The file is not UTF-8 text.") from error
        rows = parse_rows(text)
        if not rows:
            raise forms.ValidationError("The file has no addresses.")
        return rows


def parse_rows(text):
    """[(line number, email, first name)] from CSV text, with or without a header row."""
    reader = csv.reader(io.StringIO(text))
    rows = []
    email_col, name_col = 0, 1
    for line, cells in enumerate(reader, start=1):
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue
        lowered = [cell.lower().replace(" ", "_") for cell in cells]
        if line == 1 and "email" in lowered:
            email_col = lowered.index("email")
            name_col = lowered.index("first_name") if "first_name" in lowered else None
            continue
        email = cells[email_col] if email_col < len(cells) else ""
        first_name = cells[name_col] if name_col is not None and name_col < len(cells) else ""
        rows.append((line, email, first_name))
    return rows


def subscribers_import_view(request):
    if not request.user.has_perm("newsletters.add_subscription"):
        raise PermissionDenied
    problems = []
    if request.method == "POST":
        form = SubscriberImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                imported, skipped = subscribers_import(
                    rows=form.cleaned_data["csv_file"],
                    newsletter=form.cleaned_data["newsletter"],
                    send_confirmation=form.cleaned_data["mode"] == "confirm",
                    consent_text=form.cleaned_data["consent_text"],
                    imported_by=request.user.get_username(),
                )
            except ImportRejected as rejected:
                problems = rejected.problems
                form.add_error(
                    "csv_file",
                    f"Nothing was imported: {len(problems)} rows have bad addresses (below).",
                )
            else:
                messages.success(
                    request,
                    f"Imported {imported} addresses; skipped {skipped} (already on the list, "
                    "unsubscribed or suppressed).",
                )
                return redirect("wagtailsnippets_newsletters_subscription:list")
    else:
        form = SubscriberImportForm()
    return TemplateResponse(
        request,
        "newsletters/admin/import.html",
        {"form": form, "problems": problems, "page_title": "Import subscribers"},
    )
