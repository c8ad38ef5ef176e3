"""Publication dates: parse date strings and choose the one to trust.

Extractors collect :class:`~corroborate.model.DateCandidate` evidence from
wherever a page shows a date (container metadata, HTML meta tags, a byline,
a related-stories list). This module picks the most trustworthy candidate and
explains the choice, so a re-posting date shown only in site chrome never
silently becomes the date of the events.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as dateutil_parser

from corroborate.model import DateCandidate

#: Below this confidence a publication date is reported as untrustworthy, and
#: later stages (time normalization) should infer a reference date instead.
LOW_CONFIDENCE = 0.5

#: Dates before the web era or far in the future are parse accidents, not
#: publication dates.
EARLIEST_YEAR = 1990
LATEST_YEAR = 2100

_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
#: A year alone ("2026") parses, but it is not a day; we refuse it.
_HAS_DAY = re.compile(r"\d{1,2}(?!\d)")


def parse_date(value: object) -> str | None:
    """Return ``YYYY-MM-DD`` for a date-like value, or ``None`` if it is not a full date."""
    if isinstance(value, datetime):
        return _plausible(value.date())
    if isinstance(value, date):
        return _plausible(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return _plausible(datetime.utcfromtimestamp(float(value)).date())
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 100:
        return None
    iso = _ISO_PREFIX.match(text)
    if iso:
        try:
            return _plausible(date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))))
        except ValueError:
            return None
    digits_only = re.sub(r"\D", "", text)
    if len(digits_only) == 4 and not re.search(r"[A-Za-z]", text):
        return None
    if not _HAS_DAY.search(re.sub(r"\d{4}", "", text)):
        return None
    try:
        parsed = dateutil_parser.parse(text, fuzzy=False, default=datetime(1, 1, 1))
    except (ValueError, ArithmeticError, TypeError):
        # ArithmeticError: OverflowError, and decimal.InvalidOperation, which dateutil
        # raises on a long number of minutes ("11111111111111111111111111111m", found by fuzzing).
        return None
    if parsed.year == 1:
        return None
    return _plausible(parsed.date())


def _plausible(day: date) -> str | None:
    if EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        return day.isoformat()
    return None


def choose_published(
    candidates: list[DateCandidate],
) -> tuple[str | None, float, str | None, str | None]:
    """Pick the best-supported date: ``(value, confidence, source, note)``.

    The highest-confidence candidate wins; when other candidates agree with it
    the confidence rises a little, when trustworthy candidates disagree it is
    lowered and the note says so.
    """
    if not candidates:
        return None, 0.0, None, "no publication date found"
    ranked = sorted(candidates, key=lambda candidate: candidate.confidence, reverse=True)
    best = ranked[0]
    agreeing = [c for c in ranked[1:] if c.value == best.value]
    disagreeing = [c for c in ranked[1:] if c.value != best.value and c.confidence >= LOW_CONFIDENCE]
    confidence = best.confidence
    notes = [best.note] if best.note else []
    if agreeing:
        confidence = min(1.0, confidence + 0.05 * len(agreeing))
    if disagreeing:
        confidence = max(0.0, confidence - 0.2)
        others = ", ".join(sorted({f"{c.value} ({c.source})" for c in disagreeing}))
        notes.append(f"other sources on the page say {others}")
    return best.value, round(confidence, 2), best.source, "; ".join(notes) or None
