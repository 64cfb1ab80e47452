"""Amounts for people: minor units (what the provider and our tables hold) to and from what a
reader reads and types ("€5", "€12.50", "12.50 CHF")."""

from decimal import Decimal, InvalidOperation

# Currencies without a minor unit (Stripe's list of zero-decimal currencies).
ZERO_DECIMAL = frozenset(
    [
        "bif",
        "clp",
        "djf",
        "gnf",
        "jpy",
        "kmf",
        "krw",
        "mga",
        "pyg",
        "rwf",
        "ugx",
        "vnd",
        "vuv",
        "xaf",
        "xof",
        "xpf",
    ]
)
SYMBOLS = {"eur": "€", "usd": "$", "gbp": "£", "aud": "A$", "cad": "C$", "nzd": "NZ$"}


def minor_units_per_major(currency):
    return 1 if currency.lower() in ZERO_DECIMAL else 100


def to_minor(value, currency):
    """A reader's "12.50" (or 12.5, Decimal) in minor units (1250); ValueError when it is not
    an amount of this currency (letters, a third decimal, negative)."""
    try:
        amount = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"not an amount: {value!r}") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"not an amount: {value!r}")
    minor = amount * minor_units_per_major(currency)
    if minor != minor.to_integral_value():
        raise ValueError(f"too many decimals for {currency.upper()}: {value!r}")
    return int(minor)


def format_money(amount, currency):
    """``500, "eur"`` → "€5"; ``1250, "eur"`` → "€12.50"; ``900, "chf"`` → "9 CHF"."""
    per = minor_units_per_major(currency)
    major, minor = divmod(amount, per)
    number = f"{major:,}" if not minor else f"{major:,}.{minor:0{len(str(per)) - 1}d}"
    symbol = SYMBOLS.get(currency.lower())
    return f"{symbol}{number}" if symbol else f"{number} {currency.upper()}"
