"""Spreadsheet exports that never hand a spreadsheet a formula (CSV injection).

A cell beginning with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) is
run as a formula by Excel, LibreOffice and Google Sheets when a CSV file is opened, and text in
an export can be anyone's: a reader's first name, a user agent, a bounce message. The XLSX
export is safe already (Wagtail writes such a cell as text); in a CSV file each such cell gets
a leading apostrophe, which spreadsheets read as "text" and hide (OWASP, "CSV Injection").
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """``value`` for a CSV cell: text that could start a formula is prefixed with ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For views with Wagtail's ``SpreadsheetExportMixin`` (every model index view)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        return value
