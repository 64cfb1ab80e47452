"""NQL, the filter language of Ghost's Content API, turned into Django ``Q`` objects.

A Ghost front end sends ``?filter=tag:opinion+featured:true`` or
``published_at:>now-30d,(authors:[olha,ivan]+tag:-news)``. ``parse`` reads such a string into a
small tree (``Compare``, ``And``, ``Or``) and ``to_q`` turns the tree into a ``Q`` for one model,
through a map of the keys the caller allows (``Field``). ``filter_q`` does both.

The grammar follows Ghost's ``@tryghost/nql-lang``:

- ``key:value`` equals, ``key:-value`` not equal, ``key:>v``, ``>=``, ``<``, ``<=``;
- ``key:[a,b]`` in, ``key:-[a,b]`` not in, ``key:[a+b]`` all of (expanded to an ``And``);
- ``key:~'x'`` contains, ``~^`` starts with, ``~$`` ends with, case-insensitive, and their
  negations ``-~``, ``-~^``, ``-~$``;
- values: bare words (``\\`` escapes a special character), single-quoted strings (double quotes
  are accepted too) with ``\\'`` style escapes, ``true``/``false``/``null``, numbers, and
  relative dates ``now-30d`` / ``now+2w`` (units d w M y h m s);
- ``+`` is AND and binds tighter than ``,`` (OR); parentheses group.

Keys are identifiers with dots (``tags.slug``), lowercased as Ghost does. The short keys Ghost
expands (``tag``, ``tags``, ``author``, ``authors``, ``primary_tag``, ``primary_author``) are
resolved through ``GHOST_ALIASES``, so a field map (whose keys are lowercase) may use either
spelling.

``to_q`` types each value by its field: text compares exactly (``~`` ignores case), booleans
take true/false (or 1/0), whole numbers take digits, dates take ISO dates and times (UTC when
no offset is given) or relative dates. A to-many field (``multi``) asks each comparison of the
related rows, so ``tags:a+tags:b`` is "tagged a and tagged b" and ``tags:-a`` "not tagged a",
as Ghost's SQL does with its subqueries.

Every filter comes from the internet, so the parser is bounded: ``MAX_LENGTH`` characters,
``MAX_DEPTH`` nested groups, ``MAX_COMPARISONS`` comparisons and ``MAX_LIST_VALUES`` values in
a list. Anything wrong, from syntax to an unknown key or a value of the wrong type, raises
``NQLError`` (a ``ValueError``) and nothing else, so the API can answer 400.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db.models import Q

MAX_LENGTH = 2000
MAX_DEPTH = 10
MAX_COMPARISONS = 50
MAX_LIST_VALUES = 100

# Ghost's own expansions of short keys (the post model's filterExpansions).
GHOST_ALIASES: Mapping[str, str] = {
    "tag": "tags.slug",
    "tags": "tags.slug",
    "author": "authors.slug",
    "authors": "authors.slug",
    "primary_tag": "primary_tag.slug",
    "primary_author": "primary_author.slug",
}

# Operators as they appear in Compare.op (and as a Field.custom callable receives them).
EQ, NE, GT, GTE, LT, LTE = "eq", "ne", "gt", "gte", "lt", "lte"
IN, NIN = "in", "nin"
CONTAINS, STARTSWITH, ENDSWITH = "contains", "startswith", "endswith"
NCONTAINS, NSTARTSWITH, NENDSWITH = "ncontains", "nstartswith", "nendswith"
OPERATORS = (EQ, NE, GT, GTE, LT, LTE, IN, NIN)
OPERATORS += (CONTAINS, STARTSWITH, ENDSWITH, NCONTAINS, NSTARTSWITH, NENDSWITH)
FIELD_TYPES = ("str", "bool", "datetime", "int")


class NQLError(ValueError):
    """A filter that cannot be used; ``position`` is the 0-based offset in the filter string
    where the problem is, when there is one."""

    def __init__(self, message: str, position: int | None = None):
        super().__init__(message)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        if self.position is None:
            return self.message
        return f"{self.message} (at character {self.position + 1})"


@dataclass(frozen=True)
class RelativeDate:
    """``now-30d``: resolved against the ``now`` given to ``to_q``."""

    sign: int  # +1 or -1
    amount: int
    unit: str  # one of d w M y h m s

    def resolve(self, now: datetime) -> datetime:
        n = self.sign * self.amount
        if self.unit in "My":
            months = n if self.unit == "M" else 12 * n
            return _add_months(now, months)
        seconds = {"d": 86400, "w": 7 * 86400, "h": 3600, "m": 60, "s": 1}[self.unit]
        try:
            return now + timedelta(seconds=n * seconds)
        except OverflowError:
            raise NQLError("A relative date in the filter is out of range.") from None


@dataclass(frozen=True)
class Compare:
    """One ``key:<op>value``. ``value`` is a str, int, float, bool, None or RelativeDate, or a
    tuple of those for ``in``/``nin``; ``raw`` is the value as written (a tuple for lists), so a
    text field reads ``slug:007`` as "007"."""

    key: str
    op: str
    value: Any
    raw: Any
    position: int
    value_position: int


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


Node = Compare | And | Or


@dataclass(frozen=True)
class Field:
    """How a filter key maps onto the model.

    ``path`` is the ORM lookup path. ``type`` coerces values ("str", "bool", "datetime",
    "int"). ``multi`` marks a to-many path: each comparison then goes through a ``pk__in``
    subquery, so ``tags:a+tags:b`` needs both tags and ``tags:-a`` means no tag ``a``.
    ``transform`` maps each coerced, non-null value (it may raise NQLError). ``custom``, if
    given, builds the Q itself from ``(op, value)`` after coercion and transform (``value`` is
    a tuple for ``in``/``nin``).
    """

    path: str
    type: str = "str"
    multi: bool = False
    transform: Callable[[Any], Any] | None = None
    custom: Callable[[str, Any], Q] | None = None

    def __post_init__(self):
        if self.type not in FIELD_TYPES:
            # A mistake in the field map, not in the filter: not an NQLError.
            raise TypeError(f"Field type must be one of {FIELD_TYPES}, not {self.type!r}.")


# ---------------------------------------------------------------------------------------------
# Parsing

_KEY = re.compile(r"[a-zA-Z_][a-zA-Z0-9_.]*:")
_RELATIVE_DATE = re.compile(r"now([-+])(\d{1,6})([dwMyhms])(?=[\s+,()\[\]]|$)")
_NUMBER = re.compile(r"\d{1,18}(?:\.\d{1,18})?")
# A bare word ends at whitespace, a quote or any character NQL uses as an operator.
_WORD_END = set(" \t\r\n'\"+,()<>=[]~")
_CONSTANTS = {
    "null": None,
    "NULL": None,
    "Null": None,
    "true": True,
    "TRUE": True,
    "True": True,
    "false": False,
    "FALSE": False,
    "False": False,
}
_NEGATED = {CONTAINS: NCONTAINS, STARTSWITH: NSTARTSWITH, ENDSWITH: NENDSWITH}


def parse(filter_string: str) -> Node:
    """Read a filter string into a tree of Compare/And/Or; raises NQLError."""
    if not isinstance(filter_string, str):
        raise NQLError("The filter must be text.")
    if len(filter_string) > MAX_LENGTH:
        raise NQLError(f"The filter is too long: at most {MAX_LENGTH} characters.")
    if "\x00" in filter_string:
        # PostgreSQL refuses NUL in text, so it would fail in the database, not here.
        raise NQLError("The filter contains a NUL character.", filter_string.index("\x00"))
    return _Parser(filter_string).parse()


class _Parser:
    """A recursive-descent parser over the characters: expression := and (',' and)*;
    and := term ('+' term)*; term := '(' expression ')' | key ':' value."""

    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.depth = 0
        self.comparisons = 0

    # -- helpers --

    def skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def peek(self) -> str:
        self.skip_space()
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def error(self, message: str, position: int | None = None) -> NQLError:
        return NQLError(message, self.pos if position is None else position)

    def unexpected(self, expected: str) -> NQLError:
        char = self.peek()
        found = f'"{char}"' if char else "the end of the filter"
        return self.error(f"Filter syntax error: expected {expected} but found {found}.")

    # -- grammar --

    def parse(self) -> Node:
        if not self.peek():
            raise self.error("The filter is empty.", 0)
        node = self.expression()
        if self.peek():
            raise self.unexpected('"+", "," or the end of the filter')
        return node

    def expression(self) -> Node:
        children = [self.and_condition()]
        while self.peek() == ",":
            self.pos += 1
            children.append(self.and_condition())
        return children[0] if len(children) == 1 else Or(tuple(_flatten(children, Or)))

    def and_condition(self) -> Node:
        children = [self.term()]
        while self.peek() == "+":
            self.pos += 1
            children.append(self.term())
        return children[0] if len(children) == 1 else And(tuple(_flatten(children, And)))

    def term(self) -> Node:
        if self.peek() == "(":
            start = self.pos
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise self.error(f"The filter nests groups too deeply: at most {MAX_DEPTH}.")
            self.pos += 1
            node = self.expression()
            if self.peek() != ")":
                if not self.peek():
                    raise self.error("Filter syntax error: this group is never closed.", start)
                raise self.unexpected('")"')
            self.pos += 1
            self.depth -= 1
            return node
        return self.comparison()

    def comparison(self) -> Node:
        self.skip_space()
        start = self.pos
        match = _KEY.match(self.text, self.pos)
        if not match:
            raise self.unexpected("a filter key such as tag:")
        key = match.group()[:-1].lower()  # Ghost lowercases keys
        self.pos = match.end()
        self.comparisons += 1
        if self.comparisons > MAX_COMPARISONS:
            raise self.error(
                f"The filter has too many comparisons: at most {MAX_COMPARISONS}.", start
            )
        char = self.peek()
        negated = False
        if char == "-":
            negated = True
            self.pos += 1
            char = self.peek()
        if char == "~":
            op = self.match_regex_op()
            self.skip_space()
            value_position = self.pos
            value, raw = self.value()
            if value is None or isinstance(value, RelativeDate):
                raise self.error(f"{key}: ~ needs a text value such as '...'.", value_position)
            op = _NEGATED[op] if negated else op
            return Compare(key, op, raw, raw, start, value_position)
        if char == "[":
            return self.list_comparison(key, negated, start)
        op = NE if negated else EQ
        for symbol, symbol_op in ((">=", GTE), ("<=", LTE), (">", GT), ("<", LT)):
            if not negated and self.text.startswith(symbol, self.pos):
                op = symbol_op
                self.pos += len(symbol)
                break
        self.skip_space()
        value_position = self.pos
        value, raw = self.value()
        return Compare(key, op, value, raw, start, value_position)

    def match_regex_op(self) -> str:
        self.pos += 1  # the "~"
        following = self.text[self.pos : self.pos + 1]
        if following == "^":
            self.pos += 1
            return STARTSWITH
        if following == "$":
            self.pos += 1
            return ENDSWITH
        return CONTAINS

    def list_comparison(self, key: str, negated: bool, start: int) -> Node:
        value_position = self.pos
        self.pos += 1  # the "["
        values, raws, positions = [], [], []
        separator = None
        while True:
            if len(values) >= MAX_LIST_VALUES:
                raise self.error(f"A list in the filter has more than {MAX_LIST_VALUES} values.")
            self.skip_space()
            positions.append(self.pos)
            value, raw = self.value()
            values.append(value)
            raws.append(raw)
            char = self.peek()
            if char == "]":
                self.pos += 1
                break
            if char not in (",", "+") or (separator and char != separator):
                expected = f'"{separator}" or "]"' if separator else '",", "+" or "]"'
                raise self.unexpected(expected)
            separator = char
            self.pos += 1
        if separator == "+":
            # [a+b] means all of them: Ghost expands it to an AND of equalities.
            if negated:
                raise self.error(f"{key}: -[a+b] is not supported; use -[a,b].", value_position)
            self.comparisons += len(values) - 1
            if self.comparisons > MAX_COMPARISONS:
                raise self.error(
                    f"The filter has too many comparisons: at most {MAX_COMPARISONS}.", start
                )
            return And(
                tuple(
                    Compare(key, EQ, v, r, start, p)
                    for v, r, p in zip(values, raws, positions, strict=True)
                )
            )
        return Compare(
            key, NIN if negated else IN, tuple(values), tuple(raws), start, value_position
        )

    def value(self) -> tuple[Any, Any]:
        """One value: (the parsed value, the text as written)."""
        char = self.peek()
        if char in ("'", '"'):
            text = self.quoted(char)
            return text, text
        if not char:
            raise self.unexpected("a value")
        if char in _WORD_END or char == "-":
            raise self.unexpected("a value")
        relative = _RELATIVE_DATE.match(self.text, self.pos)
        if relative:
            self.pos = relative.end()
            sign = -1 if relative.group(1) == "-" else 1
            return RelativeDate(sign, int(relative.group(2)), relative.group(3)), relative.group()
        word = self.bare_word()
        if word in _CONSTANTS:
            return _CONSTANTS[word], word
        if _NUMBER.fullmatch(word):
            return (float(word) if "." in word else int(word)), word
        return word, word

    def bare_word(self) -> str:
        chars = []
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "\\":
                if self.pos + 1 >= len(self.text):
                    raise self.error("Filter syntax error: a \\ must escape a character.")
                chars.append(self.text[self.pos + 1])
                self.pos += 2
                continue
            if char.isspace() or char in _WORD_END:
                break
            chars.append(char)
            self.pos += 1
        return "".join(chars)

    def quoted(self, quote: str) -> str:
        start = self.pos
        self.pos += 1
        chars = []
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "\\" and self.pos + 1 < len(self.text):
                chars.append(self.text[self.pos + 1])
                self.pos += 2
                continue
            if char == quote:
                self.pos += 1
                return "".join(chars)
            chars.append(char)
            self.pos += 1
        raise self.error("Filter syntax error: this quoted value is never closed.", start)


def _flatten(children: list[Node], kind: type) -> list[Node]:
    """(a+b)+c is a+b+c: one level per operator keeps the tree, and the SQL, flat."""
    flat: list[Node] = []
    for child in children:
        flat.extend(child.children if isinstance(child, kind) else (child,))
    return flat


# ---------------------------------------------------------------------------------------------
# From the tree to a Q

_LOOKUPS = {
    EQ: "exact",
    NE: "exact",
    GT: "gt",
    GTE: "gte",
    LT: "lt",
    LTE: "lte",
    IN: "in",
    NIN: "in",
    CONTAINS: "icontains",
    STARTSWITH: "istartswith",
    ENDSWITH: "iendswith",
    NCONTAINS: "icontains",
    NSTARTSWITH: "istartswith",
    NENDSWITH: "iendswith",
}
_NEGATIVE = {NE, NIN, NCONTAINS, NSTARTSWITH, NENDSWITH}
_ORDERING = {GT, GTE, LT, LTE}
_TEXT_MATCH = {CONTAINS, STARTSWITH, ENDSWITH, NCONTAINS, NSTARTSWITH, NENDSWITH}


def filter_q(
    filter_string: str,
    fields: Mapping[str, Field],
    *,
    model,
    now: datetime | None = None,
    aliases: Mapping[str, str] = GHOST_ALIASES,
) -> Q:
    """parse + to_q."""
    return to_q(parse(filter_string), fields, model=model, now=now, aliases=aliases)


def to_q(
    node: Node,
    fields: Mapping[str, Field],
    *,
    model,
    now: datetime | None = None,
    aliases: Mapping[str, str] = GHOST_ALIASES,
) -> Q:
    """The Q for a parsed filter on ``model``; raises NQLError for unknown keys and values
    of the wrong type. ``now`` (default: the current time, UTC) resolves relative dates;
    ``aliases`` maps short keys onto the keys they stand for."""
    resolved_now = now if now is not None else datetime.now(UTC)
    return _Builder(fields, model, resolved_now, aliases).build(node)


class _Builder:
    def __init__(self, fields, model, now, aliases):
        self.model = model
        self.now = now
        # A key matches its own entry first, then the entry of its Ghost expansion, or any
        # entry that expands to the same thing ("tag" and "tags.slug" are one field).
        self.fields = dict(fields)
        self.canonical: dict[str, Field] = {}
        for name, field in fields.items():
            self.canonical.setdefault(aliases.get(name, name), field)
        self.aliases = aliases

    def build(self, node: Node) -> Q:
        if isinstance(node, And):
            q = Q()
            for child in node.children:
                q &= self.build(child)
            return q
        if isinstance(node, Or):
            q = self.build(node.children[0])
            for child in node.children[1:]:
                q |= self.build(child)
            return q
        return self.compare(node)

    def field(self, node: Compare) -> Field:
        field = self.fields.get(node.key) or self.canonical.get(
            self.aliases.get(node.key, node.key)
        )
        if field is None:
            raise NQLError(f"Unknown filter key: {node.key}.", node.position)
        return field

    def compare(self, node: Compare) -> Q:
        field = self.field(node)
        if node.value is None and node.op not in (EQ, NE):
            raise NQLError(f"{node.key}: null can only be compared with : or :-.", node.position)
        if node.op in _ORDERING and field.type == "bool":
            raise NQLError(
                f"{node.key}: true or false cannot be compared with < or >.", node.position
            )
        if node.op in _TEXT_MATCH and field.type != "str":
            raise NQLError(f"{node.key}: ~ works on text keys only.", node.position)
        try:
            if node.op in (IN, NIN):
                values = zip(node.value, node.raw, strict=True)
                value = tuple(self.coerce(node, field, v, r) for v, r in values)
            else:
                value = self.coerce(node, field, node.value, node.raw)
            if field.custom is not None:
                return field.custom(node.op, value)
        except NQLError as error:
            # A transform or custom callable knows what is wrong, not where.
            if error.position is None:
                error.position = node.value_position
            raise
        return self.lookup(field, node.op, value)

    def lookup(self, field: Field, op: str, value: Any) -> Q:
        if value is None:
            positive = Q(**{f"{field.path}__isnull": False})
            negative = op == EQ
        elif op in (IN, NIN) and None in value:
            others = [v for v in value if v is not None]
            positive = Q(**{f"{field.path}__isnull": True})
            if others:
                positive |= Q(**{f"{field.path}__in": others})
            negative = op == NIN
        else:
            positive = Q(**{f"{field.path}__{_LOOKUPS[op]}": value})
            negative = op in _NEGATIVE
        if field.multi:
            # Through the relation in a subquery, so each comparison is "has one such related
            # row" and its negation "has none", however many comparisons the filter ANDs.
            matching = self.model._default_manager.filter(positive).values("pk")
            positive = Q(pk__in=matching)
        return ~positive if negative else positive

    def coerce(self, node: Compare, field: Field, value: Any, raw: Any) -> Any:
        if value is None:
            return None
        key, position = node.key, node.value_position
        if isinstance(value, RelativeDate):
            if field.type != "datetime":
                raise NQLError(f"{key}: now-… works on date keys only.", position)
            value = value.resolve(self.now)
        elif field.type == "str":
            value = value if isinstance(value, str) else str(raw)
        elif field.type == "bool":
            value = _to_bool(key, value, position)
        elif field.type == "int":
            value = _to_int(key, value, position)
        else:
            value = _to_datetime(key, value, position)
        if field.transform is not None:
            value = field.transform(value)
        return value


def _to_bool(key: str, value: Any, position: int) -> bool:
    if isinstance(value, bool):
        return value
    if value in (0, 1) and isinstance(value, int):  # Ghost's SQL stores booleans as 0 and 1
        return bool(value)
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise NQLError(f"{key}: expected true or false, not {value!r}.", position)


def _to_int(key: str, value: Any, position: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{1,18}", value):
        return int(value)
    raise NQLError(f"{key}: expected a whole number, not {value!r}.", position)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?"
)


def _to_datetime(key: str, value: Any, position: int) -> datetime:
    """ISO dates and times as Ghost front ends write them: '2024-05-01', '2024-05-01 10:00:00',
    '2024-05-01T10:00:00.000Z', with an offset or without (then UTC, as Ghost stores dates)."""
    text = value if isinstance(value, str) else ""
    try:
        if _DATE.fullmatch(text):
            parsed = datetime.combine(date.fromisoformat(text), datetime.min.time())
        elif _DATETIME.fullmatch(text):
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        else:
            raise ValueError(text)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        raise NQLError(
            f"{key}: expected a date such as '2024-05-01', not {value!r}.", position
        ) from None


def _add_months(moment: datetime, months: int) -> datetime:
    """Calendar months, the last day of a shorter month standing in (Jan 31 + 1M = Feb 28)."""
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise NQLError("A relative date in the filter is out of range.")
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)
