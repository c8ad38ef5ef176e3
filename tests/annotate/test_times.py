"""Time expressions and their TIMEX3 values, on sentences from the bundled example.

The example's five pages report the US-Iraq statement of Friday 2024-09-27,
which is the reference date throughout unless a test says otherwise.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.annotate.times import (
    TimeExpression,
    date_evidence,
    find_times,
    infer_reference_date,
    time_candidates,
    weigh_date_evidence,
)

REFERENCE = date(2024, 9, 27)
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "iraq-coalition-2024"


def example(prefix: str) -> str:
    return next(EXAMPLE.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def found_in(text: str, phrase: str, reference: date | None = REFERENCE) -> TimeExpression:
    """The expression whose span is exactly the first occurrence of ``phrase``."""
    start = text.index(phrase)
    expressions = find_times(text, reference)
    for expression in expressions:
        assert text[expression.start : expression.end] == expression.text
        if (expression.start, expression.end) == (start, start + len(phrase)):
            return expression
    raise AssertionError(f"{phrase!r} not found as one expression: {[e.text for e in expressions]}")


def one(text: str, reference: date | None = REFERENCE) -> TimeExpression:
    expressions = find_times(text, reference)
    assert len(expressions) == 1, expressions
    return expressions[0]


# --- the bundled example, with offsets into the real pages --------------------


def test_friday_in_past_tense_news_is_the_reference_day() -> None:
    text = example("001")
    friday = found_in(text, "Friday")
    assert (friday.type, friday.value, friday.anchor) == ("DATE", "2024-09-27", "reference")
    assert friday.start == text.index("U.S. officials said Friday") + len("U.S. officials said ")
    assert text[friday.start : friday.end] == "Friday"


def test_deadlines_and_lasting_bounds_from_page_001() -> None:
    text = example("001")
    deadline = found_in(text, "September 2025")
    assert (deadline.value, deadline.bound) == ("2025-09", "by")
    lasting = found_in(text, "September 2026")
    assert (lasting.value, lasting.bound) == ("2026-09", "at_least_until")


def test_yearless_dates_and_relative_months_from_page_001() -> None:
    text = example("001")
    assert found_in(text, "Sept. 15").value == "2024-09-15"
    assert found_in(text, "Oct. 7").value == "2023-10-07"
    assert found_in(text, "Dec. 29, 2023").value == "2023-12-29"
    assert found_in(text, "last August").value == "2024-08"
    earlier = found_in(text, "earlier this month")
    assert (earlier.value, earlier.mod) == ("2024-09", None)
    decade = found_in(text, "a decade")
    assert (decade.type, decade.value) == ("DURATION", "P10Y")
    years = found_in(text, "10 years")
    assert (years.type, years.value) == ("DURATION", "P10Y")
    months = found_in(text, "the last several months")
    assert (months.type, months.value) == ("DURATION", "PXM")
    assert found_in(text, "January").value == "2024-01"


def test_page_002_end_of_month_range_and_season() -> None:
    text = example("002")
    end = found_in(text, "the end of September 2025")
    assert (end.value, end.mod, end.bound) == ("2025-09", "END", "by")
    start = text.index("from September 2025 to September 2026") + len("from ")
    pair = [e for e in find_times(text, REFERENCE) if start <= e.start < start + 40]
    assert [(e.text, e.value, e.bound) for e in pair] == [
        ("September 2025", "2025-09", "from"),
        ("September 2026", "2026-09", "to"),
    ]
    winter = found_in(text, "the winter of 2023")
    assert (winter.type, winter.value) == ("DATE", "2023-WI")
    assert found_in(text, "September 17").value == "2024-09-17"
    assert found_in(text, "Aug. 31").value == "2024-08-31"


def test_two_years_later_is_anchored_on_the_date_before_it() -> None:
    text = example("002")
    later = found_in(text, "two years later")
    assert (later.type, later.value, later.anchor) == ("DATE", "2019", "2017")


def test_results_news_refers_back_to_the_period_reported() -> None:
    text = "Profit rose in the third quarter from the 2023 quarter. The latest period included a gain."
    assert [(e.text, e.value) for e in find_times(text, REFERENCE)] == [
        ("the third quarter", "2024-Q3"),
        ("the 2023 quarter", "2023-Q3"),
        ("The latest period", "2024-Q3"),
    ]
    assert found_in("Sales rose in next year's first quarter.", "next year's first quarter").value == "2025-Q1"


def test_comparisons_keep_the_grain_of_the_period_reported() -> None:
    text = "Profit rose in the third quarter from a year earlier. Later that year it fell."
    assert found_in(text, "the third quarter").value == "2024-Q3"
    earlier = found_in(text, "a year earlier")
    assert (earlier.value, earlier.anchor) == ("2023-Q3", "2024-Q3")
    assert found_in(text, "Later that year").value == "2023"


def test_page_000_years_and_the_end_of_2025() -> None:
    text = example("000")
    end = found_in(text, "the end of 2025")
    assert (end.value, end.mod, end.bound) == ("2025", "END", "by")
    assert found_in(text, "2003").value == "2003"
    assert found_in(text, "September 11, 2001").value == "2001-09-11"
    through = found_in(text, "2026")
    assert (through.value, through.bound) == ("2026", "at_least_until")
    assert "2,500" not in [e.text for e in find_times(text, REFERENCE)]


def test_page_004_next_year_span_is_a_duration() -> None:
    text = example("004")
    year = found_in(text, "the next year")
    assert (year.type, year.value) == ("DURATION", "P1Y")
    assert found_in(text, "April").value == "2024-04"


# --- each phrase of the specification ------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "phrase", "kind", "value", "mod"),
    [
        ("Officials said Friday.", "Friday", "DATE", "2024-09-27", None),
        ("They will meet next Friday.", "next Friday", "DATE", "2024-10-04", None),
        ("The two sides agreed last August.", "last August", "DATE", "2024-08", None),
        ("He said earlier this month that it was over.", "earlier this month", "DATE", "2024-09", None),
        ("She spoke on Sept. 15 in an interview.", "Sept. 15", "DATE", "2024-09-15", None),
        ("Sep. 27 / The Washington Times", "Sep. 27", "DATE", "2024-09-27", None),
        ("He said in a September 17 interview.", "September 17", "DATE", "2024-09-17", None),
        ("Talks began in the winter of 2023.", "the winter of 2023", "DATE", "2023-WI", None),
        ("The US invaded Iraq in 2003.", "2003", "DATE", "2003", None),
        ("It was a decade of growth in the 1990s.", "the 1990s", "DATE", "199X", None),
        ("After a decade of success.", "a decade", "DURATION", "P10Y", None),
        ("For 10 years, forces have battled ISIS.", "10 years", "DURATION", "P10Y", None),
        ("The U.S. has expanded its forces in the last several months.", "the last several months", "DURATION", "PXM", None),
        ("It will wind down over the next year.", "the next year", "DURATION", "P1Y", None),
        ("After the Oct. 7 attack.", "Oct. 7", "DATE", "2023-10-07", None),
        ("A detonation on Dec. 29, 2023.", "Dec. 29, 2023", "DATE", "2023-12-29", None),
        ("The filing is dated 2024-09-27.", "2024-09-27", "DATE", "2024-09-27", None),
        ("It happened on 09/27/2024.", "09/27/2024", "DATE", "2024-09-27", None),
        ("It happened on 27/09/2024.", "27/09/2024", "DATE", "2024-09-27", None),
        ("Troops are there today.", "today", "DATE", "2024-09-27", None),
        ("We are not in a position now.", "now", "DATE", "PRESENT_REF", None),
        ("About 2,500 troops are currently stationed there.", "currently", "DATE", "PRESENT_REF", None),
        ("This year has been hard.", "This year", "DATE", "2024", None),
        ("He arrived yesterday.", "yesterday", "DATE", "2024-09-26", None),
        ("They met Tuesday.", "Tuesday", "DATE", "2024-09-24", None),
        ("It ended at 2:30 p.m.", "2:30 p.m.", "TIME", "2024-09-27T14:30", None),
        ("Profit rose in the third quarter.", "the third quarter", "DATE", "2024-Q3", None),
        ("They met this week.", "this week", "DATE", "2024-W39", None),
        ("The plant opens in mid-2025.", "mid-2025", "DATE", "2025", "MID"),
        ("Sales fell in early 2024.", "early 2024", "DATE", "2024", "START"),
        ("Prices rose late last year.", "late last year", "DATE", "2023", "END"),
        ("A daily email.", "daily", "SET", "P1D", None),
        ("They meet every week.", "every week", "SET", "P1W", None),
        ("Two years ago it fell.", "Two years ago", "DATE", "2022", None),
        ("The talks lasted about two weeks.", "about two weeks", "DURATION", "P2W", "APPROX"),
        ("Last week the army moved.", "Last week", "DATE", "2024-W38", None),
        ("It began in September 2014.", "September 2014", "DATE", "2014-09", None),
        ("Friday, Sept. 27, was the day.", "Friday, Sept. 27", "DATE", "2024-09-27", None),
        ("He spent 24 hours there.", "24 hours", "DURATION", "PT24H", None),
        ("It happened last night.", "last night", "TIME", "2024-09-26TNI", None),
        ("It will open in the spring of 2025.", "the spring of 2025", "DATE", "2025-SP", None),
        ("Profit will rise by year-end.", "year-end", "DATE", "2024", "END"),
        ("Prices fell by the end of the year.", "the end of the year", "DATE", "2024", "END"),
        ("Growth was fast in the nineties.", "the nineties", "DATE", "199X", None),
        ("For the year ended Sept. 30, it earned $4 million.", "the year", "DURATION", "P1Y", None),
        ("They will leave on Thursday, officials said.", "Thursday", "DATE", "2024-10-03", None),
        ("The team planned to leave on Thursday.", "Thursday", "DATE", "2024-10-03", None),
        ("It had been scheduled to expire Friday.", "Friday", "DATE", "2024-09-27", None),
        ("The dividend is payable Jan. 2 to holders.", "Jan. 2", "DATE", "2025-01-02", None),
        ("The offer was extended to Oct. 20.", "Oct. 20", "DATE", "2024-10-20", None),
        ("The siege lasted 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M", None),
        ("It ended a minute and a half later.", "a minute and a half", "DURATION", "PT1M30S", None),
    ],
)
def test_phrase(sentence: str, phrase: str, kind: str, value: str, mod: str | None) -> None:
    expression = found_in(sentence, phrase)
    assert (expression.type, expression.value, expression.mod) == (kind, value, mod)


def test_until_at_least_and_by_the_end_of() -> None:
    text = "Troops will support operations in Syria until at least September 2026, and leave Iraq by the end of September 2025."
    lasting = found_in(text, "September 2026")
    assert (lasting.value, lasting.bound) == ("2026-09", "at_least_until")
    deadline = found_in(text, "the end of September 2025")
    assert (deadline.value, deadline.mod, deadline.bound) == ("2025-09", "END", "by")


def test_coordinated_times_share_their_tense() -> None:
    text = "The storm is expected to make landfall late Thursday or early Friday, forecasters said."
    expressions = find_times(text, date(2024, 9, 24))
    assert [(e.text, e.value, e.mod) for e in expressions] == [
        ("late Thursday", "2024-09-26", "END"),
        ("early Friday", "2024-09-27", "START"),
    ]


def test_ranges_of_guessed_months_stay_in_order() -> None:
    text = "The report covers the period between January and June."
    assert [(e.text, e.value, e.bound) for e in find_times(text, date(2024, 9, 24))] == [
        ("January", "2024-01", "from"),
        ("June", "2024-06", "to"),
    ]
    text = "Flu season runs from November to February."
    assert [e.value for e in find_times(text, date(2024, 9, 24))] == ["2024-11", "2025-02"]


def test_open_ended_and_verb_forms() -> None:
    assert found_in("The festival runs through Sunday.", "Sunday", date(2024, 9, 24)).value == "2024-09-29"
    ceasefire = found_in("The ceasefire will last 60 days.", "60 days")
    assert (ceasefire.type, ceasefire.value) == ("DURATION", "P60D")


def test_the_day_before_and_this_past_weekend() -> None:
    text = "He resigned Tuesday. The day before, protesters had gathered; this past weekend they marched."
    assert [(e.text, e.value, e.anchor) for e in find_times(text, date(2024, 9, 24))] == [
        ("Tuesday", "2024-09-24", "reference"),
        ("The day before", "2024-09-23", "2024-09-24"),
        ("this past weekend", "2024-W38-WE", "reference"),
    ]


def test_since_and_before_bounds() -> None:
    assert found_in("The coalition has fought since 2014.", "2014").bound == "since"
    assert found_in("It must be done before 2026.", "2026").bound == "before"
    assert found_in("It was founded in 2014.", "2014").bound is None
    assert found_in("Not before 2027, officials said.", "2027").bound == "after"
    assert found_in("Talks lasted until late 2023.", "late 2023").bound == "until"


def test_year_inferred_dates_carry_lower_confidence() -> None:
    inferred = found_in("She said Sept. 15 that it was over.", "Sept. 15")
    explicit = found_in("She said on Sept. 15, 2024 that it was over.", "Sept. 15, 2024")
    assert inferred.confidence < explicit.confidence == 1.0
    scaled = find_times("Officials said Friday.", REFERENCE, reference_confidence=0.5)[0]
    assert scaled.confidence == pytest.approx(0.45)


def test_without_a_reference_values_stay_underspecified() -> None:
    assert one("Officials said Friday.", None).value == "XXXX-WXX-5"
    assert one("She said Sept. 15 that it was over.", None).value == "XXXX-09-15"
    assert one("He arrived yesterday.", None).value == "PAST_REF"
    assert one("It began in 2003.", None).value == "2003"


# --- false positives -----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "We may see more troops.",
        "May we go now?".replace("now", "there"),
        "Protesters will March on the capital.",
        "The Sun reported the story.",
        "About 2,500 troops remain.",
        "The bill came to $1999.",
        "We have moved on from wars to stability.",
        "He is a 10-year-old boy.",
        "Iraq imports about three-quarters of its food.",
        "It would be a second betrayal.",
        "The Communist Party daily Granma printed it.",
        "Flight 1908 landed safely.",
        "More than 2000 people marched.",
        'Baker, speaking on ABC News\' "This Week," said so.',
        "This is VOA Today.",
        "The Sunday Times reported it.",
        "The Mail on Sunday said so.",
        "It recalled the Six-Day War.",
    ],
)
def test_not_a_time_expression(sentence: str) -> None:
    assert find_times(sentence, REFERENCE) == []


def test_plain_numbers_are_years_only_in_year_contexts() -> None:
    text = "In 2014, 2014's campaign began; by 2026 it ends. Its 1999 troops were counted."
    values = [(e.text, e.value) for e in find_times(text, REFERENCE)]
    assert values == [("2014", "2014"), ("2014", "2014"), ("2026", "2026")]


# --- reference date inference --------------------------------------------------


def test_weekday_and_month_day_pin_the_year() -> None:
    text = "Sep. 27 — U.S. officials said Friday that the coalition mission will end by September 2025. Talks on the transition began in 2023."
    reference, confidence, evidence = infer_reference_date(text)
    assert reference == date(2024, 9, 27)
    assert confidence >= 0.5
    assert "Friday" in evidence and "Sep. 27" in evidence


def test_seed_001_like_text_gives_a_2024_date_after_the_dated_remarks() -> None:
    text = (
        "WASHINGTON — U.S. troops will remain in Iraq, U.S. officials said Friday. "
        "Talks on the coalition began in 2023. "
        "The prime minister said Sept. 15 in an interview that the coalition would leave by September 2025."
    )
    reference, confidence, evidence = infer_reference_date(text)
    assert reference is not None and date(2024, 9, 15) < reference <= date(2024, 9, 30)
    assert reference.isoweekday() == 5
    assert 0 < confidence < 1
    assert "Sept. 15" in evidence and "2024" in evidence


def test_bundled_page_001_infers_a_2024_reference() -> None:
    reference, _, evidence = infer_reference_date(example("001"))
    assert reference is not None and reference.year == 2024
    assert evidence


def test_bundled_page_002_infers_the_statement_day() -> None:
    reference, confidence, evidence = infer_reference_date(example("002"))
    assert reference == date(2024, 9, 27)
    assert 0 < confidence < 1 and "September 24" in evidence


def test_years_on_one_side_only_do_not_pin_a_year() -> None:
    reference, confidence, evidence = infer_reference_date("Officials said Friday. The bombing on Aug. 7 recalled 1995.")
    assert (reference, confidence) == (None, 0.0)
    assert "Aug. 7" in evidence


def test_hint_breaks_ties_and_missing_evidence_is_reported() -> None:
    reference, _, _ = infer_reference_date("Officials said Friday. The statement is dated Sep. 27.", hint=date(2019, 9, 20))
    assert reference == date(2019, 9, 27)
    assert infer_reference_date("Nothing happened.") == (None, 0.0, "no dates in the text")
    kept = infer_reference_date("It began in 2003.", hint=REFERENCE)
    assert kept[0] == REFERENCE and kept[1] < 0.5


def test_evidence_read_once_is_weighed_against_each_hint_like_a_fresh_inference() -> None:
    text = example("001")
    evidence = date_evidence(text)
    # "said Sept. 15 in an interview" and "the Oct. 7 attack": month-days without a year.
    assert [words for _, _, words in evidence.month_days] == ["Sept. 15", "Oct. 7"]
    for hint in (None, date(2024, 9, 20), date(2019, 9, 20), date(2030, 1, 1)):
        assert weigh_date_evidence(evidence, hint) == infer_reference_date(text, hint)


def test_candidates_found_once_resolve_against_any_reference() -> None:
    text = example("002")
    candidates = time_candidates(text)
    for reference in (REFERENCE, date(2019, 1, 1), None):
        assert find_times(text, reference, candidates=candidates) == find_times(text, reference)


def test_candidates_of_another_text_are_not_used() -> None:
    text = "Officials said Friday that troops leave by September 2025."
    other = time_candidates("Nothing is dated here.")
    (friday, deadline) = find_times(text, REFERENCE, candidates=other)
    assert (friday.text, friday.value, deadline.text, deadline.value) == ("Friday", "2024-09-27", "September 2025", "2025-09")


# --- robustness ----------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "Friday", "Sept.", "15", "2024", "May", "last", "next", "the", "end", "of", "by", "until", "at", "least",
        "years", "a", "decade", "ago", "later", "2:30", "p.m.", "mid-", "early", "winter", "quarter", "third",
        "-", ",", ".", " ", "\n", "daily", "every", "week", "now", "two", "1990s", "$", "'s", "—", "Q3", "12/31/2023",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    text=st.one_of(st.text(max_size=200), st.lists(_WORDS, max_size=40).map(" ".join)),
    reference=st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))),
)
def test_never_crashes_and_spans_are_exact(text: str, reference: date | None) -> None:
    expressions = find_times(text, reference)
    previous_end = 0
    for expression in expressions:
        assert text[expression.start : expression.end] == expression.text
        assert expression.start >= previous_end
        assert expression.type in {"DATE", "TIME", "DURATION", "SET"}
        assert expression.value
        previous_end = expression.end


@settings(max_examples=60, deadline=None)
@given(text=st.lists(_WORDS, max_size=40).map(" ".join), hint=st.one_of(st.none(), st.dates()))
def test_inference_never_crashes(text: str, hint: date | None) -> None:
    reference, confidence, evidence = infer_reference_date(text, hint)
    assert 0.0 <= confidence <= 1.0
    assert isinstance(evidence, str) and evidence


def test_a_deadline_after_a_past_state_has_passed_unless_it_was_moved() -> None:
    # ECB+ 3_11ecbplus, written 2010-01-12: the escapee "was at large until Dec. 7", 2009.
    written = date(2010, 1, 12)
    assert found_in("He was at large until Dec. 7, when he was found shoeless.", "Dec. 7", written).value == "2009-12-07"
    # A deadline that was moved, or one still ahead, stays in the future.
    assert found_in("The vote was postponed until Thursday.", "Thursday", written).value == "2010-01-14"
    assert found_in("Talks will continue until Friday.", "Friday", written).value == "2010-01-15"
