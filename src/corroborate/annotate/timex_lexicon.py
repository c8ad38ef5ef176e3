"""Words and patterns the time-expression rules are built from.

The lexicon of :mod:`corroborate.annotate.times`: month, weekday, season and
unit names with what they normalize to, number words, and the regular
expression pieces the rules in ``times`` combine. Kept apart so the rules read
as rules, in the way HeidelTime keeps its pattern and normalization resources
apart from its rule files (we learned the layout there; the content is ours).
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4,
    "friday": 5, "saturday": 6, "sunday": 7,
}  # fmt: skip

#: TIMEX3 season codes.
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip

#: First month of each season (meteorological seasons, northern hemisphere).
SEASON_START_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

#: TIMEX3 parts of the day.
DAY_PARTS: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI",
}  # fmt: skip

SMALL_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "dozen": 12, "a dozen": 12, "single": 1,
}  # fmt: skip

TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}

#: Quantity words that leave the number unspecified (TIMEX3 ``X``).
VAGUE_QUANTITIES = ("a few", "few", "several", "some", "many", "a number of", "numerous")

#: Unit name -> (TIMEX3 duration letter, multiplier, is a time-of-day unit).
UNITS: dict[str, tuple[str, int, bool]] = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "week": ("W", 1, False), "fortnight": ("W", 2, False),
    "month": ("M", 1, False), "quarter": ("Q", 1, False), "year": ("Y", 1, False),
    "decade": ("Y", 10, False), "century": ("Y", 100, False), "weekend": ("WE", 1, False),
}  # fmt: skip

#: The letter used for vague durations of each unit ("several months" -> PXM).
VAGUE_UNIT_LETTER: dict[str, str] = {
    "second": "TXS", "minute": "TXM", "hour": "TXH", "day": "XD", "week": "XW",
    "fortnight": "XW", "month": "XM", "quarter": "XQ", "year": "XY", "decade": "XE",
    "century": "XC", "weekend": "XWE",
}  # fmt: skip

# --- regular expression pieces (all used with re.IGNORECASE; names keep their capital) ---

#: Month names with their capital: "May", "March" stay months only in date contexts.
MONTH_FULL = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
)
#: Abbreviated month names; the period is optional only when a number follows.
MONTH_ABBR = r"(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
MONTH_ANY = rf"(?:{MONTH_FULL}|{MONTH_ABBR})"
WEEKDAY = (
    r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)"
)
DAY_PART = r"(?:morning|afternoon|evening|night)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:a\s+)?dozen)"
)
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
QUANTITY = (
    rf"(?:\d+\s+1/2|{DIGITS}|{NUMBER_WORD}|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+few|few|several"
    r"|some|many|a\s+number\s+of|numerous|an|a|one|single|(?:a\s+)?hundred|(?:a\s+)?thousand)"
)
UNIT = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"
#: A four-digit year we accept as a year at all (news dates, not ancient history).
YEAR = r"(?:1[89]\d\d|20\d\d)"


#: Past-tense and reporting cues: a weekday or month near them points backwards.
PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|said|says|told|announced|reported|added|noted|called|met"
    r"|began|began|came|went|took|gave|made|saw|got|left|won|lost|rose|fell|ended|held"
    r"|became|found|sent|spoke|wrote|led|ran|brought|struck|killed|died|earlier|ago|last"
    r"|\w{3,}ed)\b",
    re.IGNORECASE,
)
#: "-ed" words that are not past tense, or point to the future.
NOT_PAST_ED = frozenset(
    """need needed indeed speed proceed exceed seed feed bed red shed bred breed succeed
    expected scheduled planned slated intended proposed anticipated set supposed hundred
    based related limited united interested concerned advanced armed used""".split()
)
FUTURE_CUES = re.compile(
    r"\b(?:will|won't|wo\s+n't|shall|would|going\s+to|expected\s+to|slated|(?:plans?|planned|planning)\s+to"
    r"|scheduled|intends?\s+to|set\s+to|is\s+to|are\s+to|due\s+to|upcoming|tomorrow|as\s+(?:early|soon)\s+as)\b|'ll\b",
    re.IGNORECASE,
)
