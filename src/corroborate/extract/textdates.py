"""Publication-date evidence found in the text of a pre-scraped page.

Part of plain-text extraction (:mod:`.text`). A scraped page shows dates in
many places: a byline or date line at the top (usually the publication date),
a dateline in the first paragraph, image captions (when the photo was taken),
and site chrome such as related-story lists (often the date the page was
re-posted, years after the events). Each full date becomes a
:class:`~corroborate.model.DateCandidate` whose confidence and note say which
of these it was, so :func:`.dates.choose_published` never mistakes a chrome
date for the date of the events.

A consistency check then compares each candidate with the years the body
itself mentions: a date after years the article still speaks of in the future
tense, or long after its latest past event, is lowered and the note says why.
Dates without a year ("Sep. 27") are never candidates.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from corroborate.extract.dates import LOW_CONFIDENCE, parse_date
from corroborate.model import DateCandidate

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
#: A full date: "January 11, 2026", "11 Jan. 2026", "2026-01-11".
FULL_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_YEAR}-\d\d-\d\d)(?!\d)",
    re.IGNORECASE,  # "MAY 3, 2013 AT 1:10PM": some sites print date lines in capitals
)
#: Any date-like mention, with or without a year, or a time of day.
DATE_MENTION = re.compile(
    rf"\b(?:{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?|{_YEAR}-\d\d-\d\d"
    rf"|\d{{1,2}}[:.]\s?\d\d\s*(?:[ap]\.?\s?m\.?)?|\d{{1,2}}\s?/\s?\d{{1,2}}\s?/\s?(?:{_YEAR}|\d\d))(?![\w])",
    re.IGNORECASE,
)
#: Words that go with a date on a date line ("Published on Monday, 10:32 GMT").
DATE_LINE_WORDS = re.compile(
    r"\b(?:published|updated|posted|last|modified|on|at|am|pm|a\.\s?m\.|p\.\s?m\.|gmt|utc|est|edt|cet|cest|bst"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b|\d+\s+(?:hours?|minutes?|days?)\s+ago",
    re.IGNORECASE,
)
#: A date line is a date plus at most this many other words ("Published"),
#: and at most ``DATE_LINE_MAX_WORDS`` tokens besides its dates (two dates
#: with times, "on April 30, 2008 at 4:31 AM, updated ...", are one date line).
DATE_LINE_MAX_OTHER_WORDS = 3
DATE_LINE_MAX_WORDS = 12
_SEPT = re.compile(r"\bSept\b", re.IGNORECASE)
_YEAR_MENTION = re.compile(rf"\b{_YEAR}\b")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’')]*\s+(?=[\"“‘'(]?[A-Z0-9])|\n+")
#: Words that put what follows them in the future ("will end by 2025").
#: "would" is left out: news uses it for reported past ("said they would").
_FUTURE = re.compile(
    r"\b(?:will|shall|won[’']t|expected to|set to|plans? to|going to|scheduled to|intends? to)\b|[’']ll\b",
    re.IGNORECASE,
)
_UPDATED = re.compile(r"\b(?:updated|modified|edited)\b", re.IGNORECASE)

#: Confidence of a date by where it sits. A date line next to the byline is
#: how most sites print the publication date, but it is unlabelled text (0.7,
#: below a container's own ``published`` field at 0.9). An "Updated" date may
#: be later than publication. A date in a related-stories list or other chrome
#: dates that other story or a re-posting, not this article (0.2, well below
#: ``LOW_CONFIDENCE``). A caption date is when the photo was taken.
HEAD_DATE_CONFIDENCE = 0.7
DATELINE_CONFIDENCE = 0.7
UPDATED_DATE_CONFIDENCE = 0.55
TAIL_DATE_CONFIDENCE = 0.5
CHROME_DATE_CONFIDENCE = 0.2
CAPTION_DATE_CONFIDENCE = 0.15
#: A date after a year the article still speaks of in the future tense, or
#: this many years after its latest past event, is suspect; its confidence is
#: multiplied by ``INCONSISTENT_DATE_FACTOR``. Two years: news articles mention
#: last year's events routinely, events two years old only as background.
STALE_GAP_YEARS = 2
INCONSISTENT_DATE_FACTOR = 0.5
#: The first paragraph's opening characters where a dateline can sit.
DATELINE_SPAN = 80


@dataclass(frozen=True)
class DatedText:
    """A piece of page text and where the extractor put it."""

    text: str
    place: str  # "head", "top" (of a supplied text), "dateline", "tail", "chrome", "caption"
    context: str = ""  # the removal reason, for chrome


def is_date_line(text: str) -> bool:
    """True when ``text`` is a date with at most a few words around it ("Published: 3 March 2025")."""
    if not DATE_MENTION.search(text):
        return False
    undated = DATE_MENTION.sub(" ", text)
    rest = DATE_LINE_WORDS.sub(" ", undated)
    return len(re.findall(r"[^\W\d_]{2,}", rest)) <= DATE_LINE_MAX_OTHER_WORDS and len(undated.split()) <= DATE_LINE_MAX_WORDS


def full_dates(text: str) -> list[tuple[str, str]]:
    """Every full date in ``text`` as ``(as written, YYYY-MM-DD)``."""
    found = []
    for match in FULL_DATE.finditer(text):
        value = parse_date(_SEPT.sub("Sep", match.group(0)))
        if value:
            found.append((match.group(0), value))
    return found


def date_candidates(pieces: Iterable[DatedText], body: str) -> tuple[DateCandidate, ...]:
    """Publication-date candidates from the page's dated pieces, checked against the body."""
    counts: Counter[tuple[str, str, float, str]] = Counter()
    for piece in pieces:
        for _, value in full_dates(piece.text):
            source, confidence, note = _evidence(piece)
            counts[(value, source, confidence, note)] += 1
    past_years, future_years = body_years(body)
    candidates = []
    for (value, source, confidence, note), count in counts.most_common():
        if count > 1 and piece_is_chrome(source):
            note = f"{note} (shown {count} times)"
        confidence, note = _checked_against_body(value, confidence, note, past_years, future_years)
        candidates.append(DateCandidate(value, source, confidence, note))
    return tuple(candidates)


def piece_is_chrome(source: str) -> bool:
    """True for candidates found in removed site chrome."""
    return source == "text:chrome"


def _evidence(piece: DatedText) -> tuple[str, float, str]:
    if piece.place in ("head", "top"):
        if _UPDATED.search(piece.text):
            return "text:updated", UPDATED_DATE_CONFIDENCE, "last-updated date at the top of the article; publication may be earlier"
        if piece.place == "top":
            return "text:top", HEAD_DATE_CONFIDENCE, "date line at the top of the supplied article text"
        return "text:byline", HEAD_DATE_CONFIDENCE, "date line next to the byline at the top of the article"
    if piece.place == "dateline":
        return "text:dateline", DATELINE_CONFIDENCE, "dateline at the start of the first paragraph"
    if piece.place == "caption":
        return "text:caption", CAPTION_DATE_CONFIDENCE, "date in an image caption: when the photo was taken, the article is no earlier"
    if piece.place == "tail":
        return "text:tail", TAIL_DATE_CONFIDENCE, "date line after the article body, outside any list"
    where = piece.context or "site chrome"
    return (
        "text:chrome",
        CHROME_DATE_CONFIDENCE,
        f"date appears only in {where}, not with the article; likely a re-posting date or another story's",
    )


def body_years(body: str) -> tuple[set[int], set[int]]:
    """Years the body mentions in past-or-present sentences, and in future-tense ones."""
    past: set[int] = set()
    future: set[int] = set()
    for sentence in _SENTENCE_BREAK.split(body):
        marker = _FUTURE.search(sentence)
        boundary = marker.start() if marker else len(sentence)
        for match in _YEAR_MENTION.finditer(sentence):
            (future if match.start() > boundary else past).add(int(match.group(0)))
    return past, future


def _checked_against_body(
    value: str, confidence: float, note: str, past_years: set[int], future_years: set[int]
) -> tuple[float, str]:
    year = int(value[:4])
    earlier_past = [y for y in past_years if y <= year]
    reasons = []
    if future_years and max(future_years) < year:
        reasons.append(
            f"the article speaks of {max(future_years)} as still to come, but this date is in {year}"
        )
    elif earlier_past and not any(y >= year for y in future_years | past_years):
        latest = max(earlier_past)
        if year - latest >= STALE_GAP_YEARS:
            reasons.append(f"the latest event the article reports is from {latest}, {year - latest} years before this date")
    if not reasons:
        return confidence, note
    lowered = round(min(confidence * INCONSISTENT_DATE_FACTOR, LOW_CONFIDENCE - 0.01), 2)
    return lowered, f"{note}; {'; '.join(reasons)}"
