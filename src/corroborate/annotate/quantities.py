"""Quantities: numbers with what they count, approximations and ranges.

"about 2,500 U.S. troops", "between 1,500 and 3,000 fighters", "a peak of
170,000 troops", "40,000 square miles", "some 175 rocket and drone strikes":
to compare such statements across outlets we need the number (or range), the
thing counted, and whether the writer hedged ("about", "nearly", "more than").

Why our own code: spaCy's entity recognizer tags CARDINAL/QUANTITY spans but
says nothing about what is counted, the hedge, or the range bounds, and no
PyPI package we can use offline does this for news English. We find numbers
with a regular expression (digits, number words, scale words), then read the
counted noun phrase from spaCy's part-of-speech tags that follow the number,
and the hedge or bound from the words before it.

Numbers that are part of dates or durations ("Sept. 15", "in 2014", "two
years") are left to :mod:`corroborate.annotate.times`.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from corroborate.annotate.nlp import parse_text, token_starts
from corroborate.model import Quantity, Span

_SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}
_FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fourth": 0.25, "fifth": 0.2}

_WORD_NUMBER = "|".join(sorted(_SMALL_NUMBERS, key=len, reverse=True))
_SCALE = "|".join(_SCALES)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
#: One number: digits or words, optionally with a scale word ("8 million").
NUMBER_PATTERN = (
    rf"(?:(?:{_DIGITS})|(?:(?:{_WORD_NUMBER})(?:-(?:{_WORD_NUMBER}))?))"
    rf"(?:\s+(?:{_SCALE}))?"
)
_NUMBER = re.compile(rf"(?<![\w.,$-])(\$\s?)?({NUMBER_PATTERN})(?![\w])(\s?%| percent\b)?", re.IGNORECASE)
_RANGE = re.compile(
    rf"\b(?:between\s+(?P<a1>{NUMBER_PATTERN})\s+and\s+(?P<b1>{NUMBER_PATTERN})"
    rf"|from\s+(?P<a2>{NUMBER_PATTERN})\s+to\s+(?P<b2>{NUMBER_PATTERN})"
    rf"|(?P<a3>{_DIGITS})\s*(?:-|–|to)\s*(?P<b3>{_DIGITS}))(?![\w])",
    re.IGNORECASE,
)
_FRACTION = re.compile(r"\b(one|two|three)[- ](half|third|thirds|quarter|quarters|fourth|fifth)s?\b", re.IGNORECASE)

#: Words before a number that make it an estimate.
APPROXIMATE_CUES = ("about", "approximately", "around", "roughly", "some", "an estimated", "estimated",
                    "nearly", "almost", "close to", "just under", "just over", "more or less", "an approximate")
#: Words before a number that make it a lower bound.
LOWER_BOUND_CUES = ("more than", "over", "at least", "upwards of", "in excess of", "no fewer than", "no less than")
#: Words before a number that make it an upper bound.
UPPER_BOUND_CUES = ("up to", "at most", "fewer than", "less than", "under", "no more than", "as many as")
#: Words before a number that make it a maximum reached.
PEAK_CUES = ("a peak of", "a high of", "a maximum of", "a record")

#: Units that turn a number into a duration; those belong to time expressions.
TIME_UNITS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
              "minute", "minutes", "second", "seconds", "decade", "decades", "century", "centuries",
              "yr", "yrs"}
_MONTHS = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", re.IGNORECASE)
_MONTH_AFTER = re.compile(r"^\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b", re.IGNORECASE)
#: Part-of-speech tags that can be part of the counted noun phrase.
_PHRASE_TAGS = {"NOUN", "PROPN", "ADJ"}
#: The longest counted phrase we read after a number, in tokens.
MAX_PHRASE_TOKENS = 6
#: Tags of the word after a bare number that mark an elided noun: "900 stationed
#: in Syria", "900 in Syria" (past/present participle, preposition).
ELLIPSIS_FOLLOWERS = {"VBN", "VBG", "IN"}
#: Words that end an "of ..." phrase: what follows them is no longer the thing measured.
_OF_PHRASE_STOP = {"in", "on", "at", "over", "for", "to", "and", "or", "with", "by", "from", "that",
                   "which", "who", "since", "during", "after", "before", "as", "than"}
#: Plain four-digit numbers in this range are read as years unless a plural noun follows.
YEAR_RANGE = (1800, 2100)


def parse_number(words: str) -> float | None:
    """The value of "2,500", "8 million", "seven", "twenty-five", "1.5 billion"."""
    tokens = words.lower().replace(",", "").split()
    if not tokens:
        return None
    head, *scales = tokens
    try:
        value = float(head)
    except ValueError:
        parts = head.split("-")
        if not all(part in _SMALL_NUMBERS for part in parts):
            return None
        value = float(sum(_SMALL_NUMBERS[part] for part in parts))
    for scale in scales:
        if scale not in _SCALES:
            return None
        value *= _SCALES[scale]
    return value


def find_quantities(text: str, doc: Any = None) -> list[Quantity]:
    """Quantities in ``text`` (``doc``: an optional spaCy Doc of the same text)."""
    if doc is None:
        doc = parse_text(text)
    quantities: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for match in _RANGE.finditer(text):
        low_text = match.group("a1") or match.group("a2") or match.group("a3")
        high_text = match.group("b1") or match.group("b2") or match.group("b3")
        low, high = parse_number(low_text), parse_number(high_text)
        if low is None or high is None or low >= high or _looks_like_year_range(low, high, text, match.end()):
            continue
        quantity = _with_unit(text, doc, match.start(), match.end(), value=None, low=low, high=high)
        if quantity is not None:
            quantities.append(quantity)
            taken.append((match.start(), match.end()))
    for match in _FRACTION.finditer(text):
        numerator = parse_number(match.group(1)) or 1.0
        share = numerator * _FRACTIONS[match.group(2).lower().rstrip("s")]
        counted = _of_phrase(text, match.end())
        quantities.append(Quantity(match.start(), match.end(), match.group(0), round(share, 4), None, None,
                                   "fraction", counted, _hedge(text, match.start())[0]))
        taken.append((match.start(), match.end()))
    for match in _NUMBER.finditer(text):
        start, end = match.span()
        if any(s <= start < e or s < end <= e for s, e in taken):
            continue
        quantity = _single(text, doc, match, quantities)
        if quantity is not None:
            quantities.append(quantity)
    return sorted(quantities, key=lambda quantity: quantity.start)


def _single(text: str, doc: Any, match: re.Match[str], found: list[Quantity]) -> Quantity | None:
    currency, number_text, percent = match.group(1), match.group(2), match.group(3)
    value = parse_number(number_text)
    if value is None or _is_part_of_date(text, match.start(), match.end(), number_text):
        return None
    start, end = match.span()
    if currency:
        return _hedged(text, start, end, value, "USD", _of_phrase(text, end))
    if percent:
        return _hedged(text, start, end, value, "percent", _of_phrase(text, end))
    quantity = _with_unit(text, doc, start, end, value=value, low=None, high=None)
    if quantity is None:
        if _is_plain_year(number_text, value):
            return None
        return _elliptical(text, doc, start, end, value, found)
    if quantity.unit and quantity.unit.lower() in TIME_UNITS:
        return None
    if _is_plain_year(number_text, value) and not (quantity.unit and quantity.unit.endswith("s")):
        return None
    return quantity


def _with_unit(text: str, doc: Any, start: int, end: int, *, value: float | None,
               low: float | None, high: float | None) -> Quantity | None:
    phrase = _counted_phrase(doc, end)
    if phrase is None:
        return None
    phrase_start, phrase_end, unit = phrase
    approx, mod, hedge_start = _hedge(text, start)
    if mod == "more_than" and value is not None:
        low, value = value, value
    elif mod == "less_than" and value is not None:
        high, value = value, value
    counted = text[phrase_start:phrase_end]
    of_phrase = _of_phrase(text, phrase_end)
    if of_phrase and unit in {"miles", "square miles", "kilometers", "square kilometers", "acres", "tons"}:
        counted = f"{counted} of {of_phrase}"
    span_start = hedge_start if hedge_start is not None else start
    return Quantity(span_start, phrase_end, text[span_start:phrase_end], value, low, high, unit, counted,
                    approx, mod)


def _hedged(text: str, start: int, end: int, value: float, unit: str, counted: str | None) -> Quantity:
    approx, mod, hedge_start = _hedge(text, start)
    span_start = hedge_start if hedge_start is not None else start
    low = value if mod == "more_than" else None
    high = value if mod == "less_than" else None
    return Quantity(span_start, end, text[span_start:end], value, low, high, unit, counted, approx, mod)


def _elliptical(text: str, doc: Any, start: int, end: int, value: float,
                found: list[Quantity]) -> Quantity | None:
    """"the approximately 2,500 U.S. troops ... or the additional 900 stationed in Syria"."""
    following = _tokens_from(doc, end, 1)
    if not following or following[0].tag_ not in ELLIPSIS_FOLLOWERS:
        return None
    sentence_start = _sentence_start(doc, start)
    previous = [q for q in found if sentence_start <= q.start < start and q.unit and q.unit != "fraction"]
    if not previous:
        return None
    unit_source = previous[-1]
    approx, mod, hedge_start = _hedge(text, start)
    span_start = hedge_start if hedge_start is not None else start
    return Quantity(span_start, end, text[span_start:end], value, None, None, unit_source.unit,
                    unit_source.counted, approx, mod, unit_inferred=True)


def _counted_phrase(doc: Any, char_end: int) -> tuple[int, int, str] | None:
    """(start, end, unit) of the noun phrase right after a number, or None."""
    tokens = _tokens_from(doc, char_end, MAX_PHRASE_TOKENS + 2)
    if not tokens or tokens[0].idx - char_end > 1:
        return None
    if tokens[0].text == "-":  # "two-phase transition"
        tokens = tokens[1:]
    phrase: list[Any] = []
    for token in tokens:
        if len(phrase) >= MAX_PHRASE_TOKENS:
            break
        joins_nouns = token.lower_ in {"and", "or"} and phrase and phrase[-1].pos_ == "NOUN"
        if token.pos_ in _PHRASE_TAGS or joins_nouns or (token.text == "." and phrase and phrase[-1].text in {"U.S", "U.K"}):
            phrase.append(token)
            if token.tag_ in {"NNS", "NNPS"} and not _continues_compound(token):
                break
            continue
        break
    while phrase and phrase[-1].pos_ not in {"NOUN", "PROPN"}:
        phrase.pop()
    if not phrase:
        return None
    head = phrase[-1]
    unit = head.text
    if len(phrase) >= 2 and phrase[-2].lower_ in {"square", "cubic"}:
        unit = f"{phrase[-2].text} {head.text}"
    return phrase[0].idx, head.idx + len(head.text), unit


def _tokens_from(doc: Any, offset: int, count: int) -> list[Any]:
    """Up to ``count`` tokens starting at or after character ``offset``.

    Found by bisecting the token starts: scanning the whole article for each
    number made this stage quadratic in the article's length.
    """
    first = bisect.bisect_left(token_starts(doc), offset)
    return list(doc[first : first + count])


def _continues_compound(token: Any) -> bool:
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return bool(following is not None and following.pos_ == "NOUN" and following.dep_ == "compound")


def _hedge(text: str, start: int) -> tuple[bool, str | None, int | None]:
    """(approx, mod, where the hedge starts) from the words right before a number."""
    before = text[max(0, start - 30):start]
    lowered = before.lower()
    for cues, approx, mod in ((PEAK_CUES, False, "peak"), (LOWER_BOUND_CUES, False, "more_than"),
                              (UPPER_BOUND_CUES, False, "less_than"), (APPROXIMATE_CUES, True, None)):
        for cue in cues:
            if re.search(rf"(?:^|\W){re.escape(cue)}\s+$", lowered):
                hedge_start = start - len(lowered) + lowered.rstrip().rfind(cue)
                return approx or cue in {"nearly", "almost"}, mod, hedge_start
    return False, None, None


def _of_phrase(text: str, end: int) -> str | None:
    """The measured thing in "... of its budget", up to three words."""
    match = re.match(r"\s+of\s+([\w'’-]+(?:\s+[\w'’-]+){0,3})", text[end:end + 60])
    if not match:
        return None
    words: list[str] = []
    for word in match.group(1).split():
        if word.lower() in _OF_PHRASE_STOP or len(words) == 3:
            break
        words.append(word)
    return " ".join(words) or None


def _is_part_of_date(text: str, start: int, end: int, number_text: str) -> bool:
    if not number_text[:1].isdigit():
        return False
    if _MONTHS.search(text[max(0, start - 12):start]) or _MONTH_AFTER.match(text[end:end + 12]):
        return True
    return bool(re.match(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|ET\b)", text[end:end + 6]))


def _is_plain_year(number_text: str, value: float) -> bool:
    return number_text.isdigit() and len(number_text) == 4 and YEAR_RANGE[0] <= value <= YEAR_RANGE[1]


def _looks_like_year_range(low: float, high: float, text: str, end: int) -> bool:
    return YEAR_RANGE[0] <= low <= YEAR_RANGE[1] and YEAR_RANGE[0] <= high <= YEAR_RANGE[1]


def _sentence_start(doc: Any, char: int) -> int:
    for sentence in doc.sents:
        if sentence.start_char <= char < sentence.end_char:
            return int(sentence.start_char)
    return 0


def as_span(quantity: Quantity) -> Span:
    """The quantity as a plain span."""
    return Span(quantity.start, quantity.end, quantity.text)
