"""Text as a voice should say it: numbers, dates, times, money and abbreviations in words.

Piper (through espeak-ng's phonemizer) reads "10,000" or "Oct." poorly, so each rule below
rewrites one kind of token into plain words. The rules run in the order of ``RULES``: the
specific ones (currency, times, dates, ranges) before the general number rule. Editors'
pronunciations (``LexiconEntry``) are applied before these rules (see ``narration.text``).
"""

import re

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = [
    (10**12, "trillion"),
    (10**9, "billion"),
    (10**6, "million"),
    (1000, "thousand"),
    (100, "hundred"),
]
_ORDINAL_WORDS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def cardinal(n):
    """12345 → "twelve thousand three hundred forty-five" (US style, no "and")."""
    if n < 0:
        return "minus " + cardinal(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    for value, name in _SCALES:
        if n >= value:
            high, rest = divmod(n, value)
            words = f"{cardinal(high)} {name}"
            return f"{words} {cardinal(rest)}" if rest else words
    raise AssertionError("unreachable")


def ordinal(n):
    """15 → "fifteenth", 22 → "twenty-second"."""
    words = cardinal(n)
    head, sep, last = words.rpartition("-") if "-" in words else words.rpartition(" ")
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head}{sep}{last}"


def year(n):
    """2024 → "twenty twenty-four", 2000 → "two thousand", 2005 → "two thousand five",
    1905 → "nineteen oh five", 1900 → "nineteen hundred"."""
    if 2000 <= n <= 2009 or n < 1000 or n > 9999:
        return cardinal(n)
    high, low = divmod(n, 100)
    if low == 0:
        return f"{cardinal(high)} hundred"
    if low < 10:
        return f"{cardinal(high)} oh {cardinal(low)}"
    return f"{cardinal(high)} {cardinal(low)}"


def number(text):
    """A written number ("10,000", "2.5", "-3") in words."""
    text = text.replace(",", "")
    sign = ""
    if text[0] in "-−":  # noqa: RUF001 (the character is the point)
        sign, text = "minus ", text[1:]
    whole, _, fraction = text.partition(".")
    words = cardinal(int(whole or "0"))
    if fraction:
        words += " point " + " ".join(_ONES[int(digit)] for digit in fraction)
    return sign + words


def _number_or_year(text):
    # A bare four-digit number from 1100 to 2099 is read as a year ("in 1991", "since 2014").
    if re.fullmatch(r"(1[1-9]|20)\d\d", text):
        return year(int(text))
    return number(text)


MONTHS = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "sept": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}
_MONTH_NAMES = {name.lower(): name for name in MONTHS.values()}
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)

CURRENCIES = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "€": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "₴": ("hryvnia", "hryvnias", "kopiyka", "kopiykas"),
}
_SCALE_WORDS = {
    "k": "thousand",
    "thousand": "thousand",
    "m": "million",
    "mn": "million",
    "million": "million",
    "bn": "billion",
    "billion": "billion",
    "tn": "trillion",
    "trillion": "trillion",
}

# Spoken letter by letter. Abbreviations with dots ("U.K.") are spelled whatever they are.
SPELLED = {
    "AI", "BBC", "CEO", "CFO", "CIA", "CNN", "CTO", "EU", "FBI", "GDP", "HIV", "IMF", "MP",
    "MPs", "OSCE", "PM", "UK", "UN", "US", "USA", "USSR", "WHO",
}  # fmt: skip
WORDS = {
    "e.g.": "for example",
    "i.e.": "that is",
    "etc.": "et cetera",
    "vs.": "versus",
    "approx.": "approximately",
    "Mr.": "Mister",
    "Mrs.": "Missus",
    "Ms.": "Mizz",
    "Dr.": "Doctor",
    "Prof.": "Professor",
    "Gen.": "General",
    "Sen.": "Senator",
    "Rep.": "Representative",
    "Gov.": "Governor",
    "Lt.": "Lieutenant",
    "Col.": "Colonel",
    "Sgt.": "Sergeant",
}
UNITS = {
    "km": "kilometers",
    "km/h": "kilometers per hour",
    "kg": "kilograms",
    "m": "meters",
    "cm": "centimeters",
    "mm": "millimeters",
    "mph": "miles per hour",
    "ft": "feet",
    "lb": "pounds",
    "lbs": "pounds",
    "GW": "gigawatts",
    "MW": "megawatts",
    "kW": "kilowatts",
}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_DASH = r"\s?[-–—]\s?"  # noqa: RUF001 (the character is the point)


def _money(match):
    singular, plural, sub_singular, sub_plural = CURRENCIES[match["symbol"]]
    amount, scale = match["amount"].replace(",", ""), match["scale"]
    if scale:
        return f"{number(amount)} {_SCALE_WORDS[scale.lower()]} {plural}"
    whole, _, cents = amount.partition(".")
    words = f"{cardinal(int(whole))} {singular if whole == '1' else plural}"
    if cents and int(cents):
        cents = int(cents.ljust(2, "0")[:2])
        words += f" and {cardinal(cents)} {sub_singular if cents == 1 else sub_plural}"
    return words


def _money_range(match):
    return f"{_money_amount(match['low'])} to {_money(match)}"


def _money_amount(text):
    return number(text)


def _time(match):
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if minute == 0:
        words = cardinal(hour) + ("" if match["ampm"] else " hundred")
    elif minute < 10:
        words = f"{cardinal(hour)} oh {cardinal(minute)}"
    else:
        words = f"{cardinal(hour)} {cardinal(minute)}"
    if match["ampm"]:
        letters = match["ampm"].lower().replace(".", "")
        words += f" {letters[0]} m" + _kept_full_stop(match)
    return words


def _kept_full_stop(match):
    """ "6 p.m." or "the U.S." ending a sentence: the abbreviation's dot is also a full stop."""
    if match[0].endswith(".") and re.match(r"\s*(?:$|[A-Z\"“])", match.string[match.end() :]):
        return "."
    return ""


def _iso_date(match):
    month = list(_MONTH_NAMES.values())[int(match["m"]) - 1]
    return f"{month} {ordinal(int(match['d']))}, {year(int(match['y']))}"


def _month_day(match):
    month = _month_name(match["month"])
    return f"{month} {ordinal(int(match['day']))}"


def _day_month(match):
    return f"the {ordinal(int(match['day']))} of {_month_name(match['month'])}"


def _month_name(text):
    text = text.rstrip(".").lower()
    return _MONTH_NAMES.get(text) or MONTHS[text]


def _range(match):
    return f"{_number_or_year(match['low'])} to {_number_or_year(match['high'])}"


def _percent(match):
    return f"{number(match['n'])} percent"


def _ordinal_suffix(match):
    return ordinal(int(match["n"]))


def _unit(match):
    return f"{number(match['n'])} {UNITS[match['unit']]}"


def _dotted(match):
    return " ".join(match[0].replace(".", "")) + _kept_full_stop(match)


def _spelled(match):
    word = match[0]
    if word.endswith("s") and word[:-1] in SPELLED:  # "MPs"
        return " ".join(word[:-1]) + "'s"
    return " ".join(word)


_WORDS_RE = "|".join(re.escape(word) for word in sorted(WORDS, key=len, reverse=True))
_UNITS_RE = "|".join(re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True))
_SYMBOLS = "".join(re.escape(symbol) for symbol in CURRENCIES)

RULES = [
    # "e.g." → "for example", "Dr." → "Doctor"
    (re.compile(rf"(?<![\w.])(?:{_WORDS_RE})(?!\w)"), lambda m: WORDS[m[0]]),
    # "2024-10-15" → "October fifteenth, twenty twenty-four"
    (re.compile(r"\b(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"), _iso_date),
    # "$10–15 million" → "ten to fifteen million dollars"  # noqa: RUF003 (the character is the point)
    (
        re.compile(
            rf"(?P<symbol>[{_SYMBOLS}])(?P<low>{_NUM}){_DASH}[{_SYMBOLS}]?(?P<amount>{_NUM})"
            r"(?:\s?(?P<scale>bn|mn|tn|k|m|thousand|million|billion|trillion)\b)?"
        ),
        _money_range,
    ),
    # "€2.5 million" → "two point five million euros", "$40" → "forty dollars"
    (
        re.compile(
            rf"(?P<symbol>[{_SYMBOLS}])(?P<amount>{_NUM})"
            r"(?:\s?(?P<scale>bn|mn|tn|k|m|thousand|million|billion|trillion)\b)?"
        ),
        _money,
    ),
    # "6:11 PM" → "six eleven p m", "18:00" → "eighteen hundred"
    (
        re.compile(
            r"\b(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)"
            r"(?:\s?(?P<ampm>[AaPp]\.?[Mm]\.?)(?![\w]))?"
        ),
        _time,
    ),
    # "6 p.m." → "six p m"
    (
        re.compile(r"\b(?P<hour>1[0-2]|0?[1-9])(?P<minute>)\s?(?P<ampm>[AaPp]\.?[Mm]\.?)(?!\w)"),
        _time,
    ),
    # "Oct. 15" → "October fifteenth"
    (re.compile(rf"\b{_MONTH}\s(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"), _month_day),
    # "15 October" → "the fifteenth of October"
    (re.compile(rf"\b(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s{_MONTH}(?!\w)"), _day_month),
    # "14%" → "fourteen percent"
    (re.compile(rf"(?P<n>-?(?:{_NUM}))\s?%"), _percent),
    # "2020–2024" → "twenty twenty to twenty twenty-four", "10-15" → "ten to fifteen"  # noqa: RUF003 (the character is the point)
    (
        re.compile(rf"(?<![\w.,-])(?P<low>{_NUM})(?:–|—|-|\s[–—]\s)(?P<high>{_NUM})(?![\w.,]\d)"),  # noqa: RUF001 (the character is the point)
        _range,
    ),
    # "21st" → "twenty-first"
    (re.compile(r"\b(?P<n>\d+)(?:st|nd|rd|th)\b"), _ordinal_suffix),
    # "40 km" → "forty kilometers"
    (re.compile(rf"(?P<n>{_NUM})\s?(?P<unit>{_UNITS_RE})(?![\w/])"), _unit),
    # "U.K." → "U K", "U.S." → "U S"
    (re.compile(r"\b(?:[A-Z]\.){2,}"), _dotted),
    # "CEO" → "C E O" (only the known ones: "NATO" is a word)
    (
        re.compile(r"\b(?:{})s?\b".format("|".join(sorted(SPELLED, key=len, reverse=True)))),
        _spelled,
    ),
    # Any other number: "10,000" → "ten thousand", "2.5" → "two point five", "1991" → year
    (re.compile(rf"(?:(?<!\S)[-−])?(?<![\w.])(?:{_NUM})(?!\w)"), lambda m: _number_or_year(m[0])),  # noqa: RUF001 (the character is the point)
    # Typography a voice stumbles over.
    (re.compile(r"&"), lambda m: " and "),
    (re.compile(r"[“”„]"), lambda m: '"'),
    (re.compile(r"[‘’]"), lambda m: "'"),  # noqa: RUF001 (the character is the point)
    (re.compile(r"\s+"), lambda m: " "),
]


def normalise(text):
    """``text`` rewritten for a voice: every rule of ``RULES``, in order."""
    for pattern, replace in RULES:
        text = pattern.sub(replace, text)
    return text.strip()
