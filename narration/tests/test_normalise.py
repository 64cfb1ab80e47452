import pytest

from narration.normalise import cardinal, normalise, ordinal, year


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("10,000 soldiers", "ten thousand soldiers"),
        ("2.5 years", "two point five years"),
        ("Oct. 15", "October fifteenth"),
        ("On October 15, 2024, they left.", "On October fifteenth, twenty twenty-four, they left."),
        ("15 October", "the fifteenth of October"),
        ("2024", "twenty twenty-four"),
        ("in 1991", "in nineteen ninety-one"),
        ("in 2005", "in two thousand five"),
        ("in 1905", "in nineteen oh five"),
        ("at 6:11 PM", "at six eleven p m"),
        ("at 6:05 a.m. sharp", "at six oh five a m sharp"),
        ("at 18:00", "at eighteen hundred"),
        ("14%", "fourteen percent"),
        ("up 2.5%", "up two point five percent"),
        ("€2.5 million", "two point five million euros"),
        ("$40", "forty dollars"),
        ("$1", "one dollar"),
        ("$2.50", "two dollars and fifty cents"),
        ("£3bn", "three billion pounds"),
        ("₴100", "one hundred hryvnias"),
        ("$10-15 million", "ten to fifteen million dollars"),
        ("2020–2024", "twenty twenty to twenty twenty-four"),  # noqa: RUF001 (the character is the point)
        ("10-15 people", "ten to fifteen people"),
        ("the U.K. and the U.S. agreed", "the U K and the U S agreed"),
        ("the CEO said", "the C E O said"),
        ("It left at 6 p.m. Then it rained.", "It left at six p m. Then it rained."),
        ("She moved to the U.S.", "She moved to the U S."),
        ("NATO allies", "NATO allies"),
        ("fruit, e.g. apples", "fruit, for example apples"),
        ("Dr. Shevchenko", "Doctor Shevchenko"),
        ("the 21st century", "the twenty-first century"),
        ("40 km away", "forty kilometers away"),
        ("2024-10-15", "October fifteenth, twenty twenty-four"),
        ("1,234,567", "one million two hundred thirty-four thousand five hundred sixty-seven"),
        ("-3 degrees", "minus three degrees"),
        ("Tom & Jerry", "Tom and Jerry"),
        ("COVID-19 cases", "COVID-nineteen cases"),
        ("no numbers here.", "no numbers here."),
    ],
)
def test_normalise(text, spoken):
    assert normalise(text) == spoken


@pytest.mark.parametrize(
    ("n", "words"),
    [(0, "zero"), (13, "thirteen"), (40, "forty"), (99, "ninety-nine"), (100, "one hundred"),
     (101, "one hundred one"), (1_000_000, "one million"), (2_000_000_001, "two billion one")],
)  # fmt: skip
def test_cardinal(n, words):
    assert cardinal(n) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [(1, "first"), (2, "second"), (3, "third"), (12, "twelfth"), (20, "twentieth"),
     (22, "twenty-second"), (100, "one hundredth"), (31, "thirty-first")],
)  # fmt: skip
def test_ordinal(n, words):
    assert ordinal(n) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [(2024, "twenty twenty-four"), (2000, "two thousand"), (1900, "nineteen hundred"),
     (2010, "twenty ten")],
)  # fmt: skip
def test_year(n, words):
    assert year(n) == words
