"""Ghost's members CSV, read and written: the columns ``id,email,name,note,
subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,tiers``.

As Ghost has them: booleans "true"/"false", times ISO 8601 in UTC, labels and tiers by name,
comma-separated in one cell. Ghost finds its columns by name whatever their order (and an
old export's "products" is its "tiers"); so does this. ``id`` is the source's own and only
written here (rows are matched by email address); ``deleted_at`` is written empty.
"""

import csv
import io
from datetime import UTC, datetime

from core.spreadsheets import FORMULA_STARTS, neutralise_formula

COLUMNS = [
    "id",
    "email",
    "name",
    "note",
    "subscribed_to_emails",
    "complimentary_plan",
    "stripe_customer_id",
    "created_at",
    "deleted_at",
    "labels",
    "tiers",
]
ALIASES = {"products": "tiers", "subscribed": "subscribed_to_emails"}


class BadFile(ValueError):
    """A file that is no members CSV at all (no header with an email column)."""


def _plain(value):
    """A cell as written, less the apostrophe an export puts before formula-like text."""
    value = (value or "").strip()
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def parse(text):
    """[(line number, {column: value})] of the CSV ``text`` (its header row first)."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise BadFile("The file is empty.") from None
    names = [cell.strip().lower().replace(" ", "_") for cell in header]
    names = [ALIASES.get(name, name) for name in names]
    if "email" not in names:
        raise BadFile('The first row must name the columns, one of them "email".')
    rows = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        row = {name: _plain(cell) for name, cell in zip(names, cells, strict=False)}
        rows.append((reader.line_num, row))
    return rows


def split_names(value):
    """The names in a labels or tiers cell ("press, founding" → ["press", "founding"])."""
    return [name.strip() for name in (value or "").split(",") if name.strip()]


def boolean(value, *, column):
    """A "true"/"false" cell (empty is false); ValueError for anything else."""
    value = (value or "").strip().lower()
    if value in ("true", "1", "yes"):
        return True
    if value in ("", "false", "0", "no"):
        return False
    raise ValueError(f'{column} must be "true" or "false", not {value!r}')


def timestamp(value):
    """An ISO 8601 time (Ghost's "2024-03-01T09:30:00.000Z"), None when empty."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"created_at is not an ISO 8601 time: {value!r}") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def iso(when):
    return when.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class _Line:
    def write(self, value):
        return value


def lines(rows):
    """The CSV text of ``rows`` (dicts of COLUMNS), header first, one line at a time (for a
    streamed download); text that could start a formula is neutralised."""
    writer = csv.writer(_Line())
    yield writer.writerow(COLUMNS)
    for row in rows:
        yield writer.writerow([neutralise_formula(row.get(column, "")) for column in COLUMNS])
