"""Publication-date parsing and choice of the date to trust."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.extract.dates import LOW_CONFIDENCE, choose_published, parse_date
from corroborate.model import DateCandidate


def test_parse_date_reads_common_publication_formats() -> None:
    assert parse_date("2024-09-27T14:05:00Z") == "2024-09-27"
    assert parse_date("Fri, 27 Sep 2024 14:00:00 GMT") == "2024-09-27"
    assert parse_date("January 11, 2026") == "2026-01-11"
    assert parse_date("September 27, 2024") == "2024-09-27"
    assert parse_date(datetime(2024, 9, 27, 10, 30)) == "2024-09-27"
    assert parse_date(date(2024, 9, 27)) == "2024-09-27"


def test_parse_date_refuses_partial_or_implausible_dates() -> None:
    assert parse_date("Sep. 27") is None  # no year: not a publication date by itself
    assert parse_date("2026") is None  # a year is not a day
    assert parse_date("1 views") is None
    assert parse_date("1066-10-14") is None
    assert parse_date("2024-13-45") is None
    assert parse_date(None) is None
    assert parse_date(True) is None


def test_choose_published_prefers_the_most_trusted_candidate_and_explains_disagreement() -> None:
    candidates = [
        DateCandidate("2026-01-11", "text:chrome", 0.2, "date appears only in a related-stories list"),
        DateCandidate("2024-09-27", "input:published", 0.9, "publication date given with the input"),
    ]
    value, confidence, source, note = choose_published(candidates)
    assert (value, confidence, source) == ("2024-09-27", 0.9, "input:published")
    assert note == "publication date given with the input"


def test_choose_published_lowers_confidence_when_trusted_sources_disagree() -> None:
    candidates = [
        DateCandidate("2024-09-27", "input:published", 0.9),
        DateCandidate("2024-09-28", "html:meta", 0.8),
    ]
    value, confidence, source, note = choose_published(candidates)
    assert (value, confidence, source) == ("2024-09-27", 0.7, "input:published")
    assert note == "other sources on the page say 2024-09-28 (html:meta)"


def test_choose_published_keeps_a_low_confidence_date_low() -> None:
    only_chrome = [DateCandidate("2026-01-11", "text:chrome", 0.2, "likely a re-posting date")]
    value, confidence, _, note = choose_published(only_chrome)
    assert value == "2026-01-11"
    assert confidence < LOW_CONFIDENCE
    assert note == "likely a re-posting date"


def test_choose_published_without_evidence_says_so() -> None:
    assert choose_published([]) == (None, 0.0, None, "no publication date found")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_parse_date_never_crashes(text: str) -> None:
    result = parse_date(text)
    assert result is None or len(result) == 10
