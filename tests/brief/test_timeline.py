"""The timeline (``corroborate.brief.timeline``): dated events merged across sources, and budgets.

Expected values were found by reading the five example pages: which outlet
dates what, and how. They are not the program's output copied back.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta

import pytest
#: The example pages' ids by number (as in tests/conftest.py; test modules cannot import it reliably).
SEED_IDS = {
    "000": "000_5402e81212a35571",
    "001": "001_69f3748dca759eec",
    "002": "002_e4dbe8024c84f414",
    "003": "003_2478aec32e3f585e",
    "004": "004_90e9e459c6bffa9d",
}
from hypothesis import given
from hypothesis import strategies as st

from corroborate.brief.timeline import CalendarDate, build_timeline, calendar_date, event_kind
from corroborate.compare import find_derivations, independent_groups
from corroborate.errors import UsageError
from corroborate.model import AnnotatedArticle, Article, Reference, Span, TimeExpression, TimelineEntry

S000, S001, S002, S003, S004 = (SEED_IDS[n] for n in ("000", "001", "002", "003", "004"))
ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@pytest.fixture(scope="module")
def groups(example_annotated: list[AnnotatedArticle]) -> dict[str, str]:
    articles = [item.article for item in example_annotated]
    return independent_groups(articles, find_derivations(articles))


@pytest.fixture(scope="module")
def timeline(example_annotated: list[AnnotatedArticle], groups: dict[str, str]) -> tuple[TimelineEntry, ...]:
    return build_timeline(example_annotated, groups)


def on(timeline: tuple[TimelineEntry, ...], iso: str) -> list[TimelineEntry]:
    return [entry for entry in timeline if entry.date == iso]


def assert_cited_exactly(timeline: tuple[TimelineEntry, ...], annotated: list[AnnotatedArticle]) -> None:
    """Every evidence item is text[start:end] of its source; the entry's text is its first item's."""
    texts = {item.article.id: item.article.text for item in annotated}
    for entry in timeline:
        assert entry.evidence and entry.text == entry.evidence[0].text
        assert set(entry.sources) == {e.source for e in entry.evidence}
        for evidence in entry.evidence:
            assert texts[evidence.source][evidence.start:evidence.end] == evidence.text
            assert evidence.text == evidence.text.strip() and evidence.text


# --- On the example -------------------------------------------------------


def test_example_groups_count_003_as_004(groups: dict[str, str]) -> None:
    # The premise of the independence tests below: seed 003 summarizes seed 004.
    assert groups[S003] == S004 and groups[S004] == S004 and groups[S001] == S001


def test_every_citation_is_an_exact_slice(timeline, example_annotated) -> None:
    assert timeline
    assert_cited_exactly(timeline, example_annotated)


def test_dates_are_calendar_dates_in_order(timeline) -> None:
    # Durations ("a decade"), PRESENT_REF ("currently") and FUTURE_REF ("the future") date nothing.
    assert all(ISO.match(entry.date) for entry in timeline)
    spans = [calendar_date(entry.date) for entry in timeline]
    for i, earlier in enumerate(spans):
        for later in spans[i + 1:]:
            assert earlier.first <= later.last
    assert {entry.kind for entry in timeline} == {"past", "planned"}


def test_the_announcement_is_dated_friday_2024_09_27_by_four_outlets(timeline, groups) -> None:
    # 000 "The joint announcement on Friday", 001 "U.S. officials said Friday",
    # 002 "announced in a joint statement on Friday", 004 "officials confirmed Friday".
    main = max(on(timeline, "2024-09-27"), key=lambda entry: len(entry.sources))
    assert main.kind == "past"
    assert {S000, S001, S002, S004} <= set(main.sources)
    assert all("Friday" in evidence.text for evidence in main.evidence)
    by_source = {evidence.source: evidence.text for evidence in main.evidence}
    assert by_source[S000].startswith("The joint announcement on Friday did not specify")
    # 001's dateline "WASHINGTON — " is not part of the cited sentence.
    assert by_source[S001].startswith("U.S. troops will remain in Iraq as the two countries agree")
    assert main.importance == max(entry.importance for entry in timeline)


def test_a_quote_given_the_same_friday_stays_its_own_entry(timeline) -> None:
    # Ms. Singh's quote about the Islamic State's strongholds is not the announcement.
    singh = [e for e in on(timeline, "2024-09-27") if "Ms. Singh said Friday" in e.text]
    assert len(singh) == 1 and singh[0].sources == (S004,)


def test_the_blinken_sudani_meeting_has_one_source(timeline) -> None:
    (entry,) = on(timeline, "2024-09-24")
    assert entry.sources == (S002,)
    assert entry.kind == "past"
    assert entry.text == (
        "On September 24, U.S. Secretary of State Antony Blinken and Prime Minister Al-Sudani met "
        "to discuss the coalition’s future presence in Iraq."
    )


def test_the_bloomberg_interview_appears_on_both_dates_given(timeline) -> None:
    # 001 says Sept. 15, 002 says September 17: two entries, each with its own source.
    (fifteenth,) = on(timeline, "2024-09-15")
    (seventeenth,) = on(timeline, "2024-09-17")
    assert fifteenth.sources == (S001,) and seventeenth.sources == (S002,)
    assert "said Sept. 15 in an interview with Bloomberg" in fifteenth.text
    assert "in a September 17 interview with Bloomberg" in seventeenth.text
    assert fifteenth.kind == seventeenth.kind == "past"


def test_the_first_phase_ends_by_september_2025_by_all_independent_sources(timeline, groups) -> None:
    entries = [e for e in on(timeline, "2025-09") if len(e.sources) > 1]
    assert len(entries) == 1
    (phase,) = entries
    assert phase.kind == "planned"
    # Four independent sources, plus 003 (derived from 004) listed but not counted apart.
    assert set(phase.sources) == {S000, S001, S002, S003, S004}
    assert {groups[source] for source in phase.sources} == {S000, S001, S002, S004}
    assert all("September 2025" in evidence.text for evidence in phase.evidence)
    by_source = {e.source: e.text for e in phase.evidence}
    assert "expected to end in September 2025" in by_source[S000]
    assert "will officially conclude by September 2025" in by_source[S003]


def test_the_second_phase_starting_september_2025_is_not_merged_with_the_first_ending(timeline) -> None:
    # 002: "The second phase, from September 2025 to September 2026, ..." starts something.
    starts = [e for e in on(timeline, "2025-09") if e.bound == "from"]
    assert len(starts) == 1 and starts[0].sources == (S002,)
    assert starts[0].text.startswith("“The second phase, from September 2025 to September 2026")


def test_syria_operations_continue_until_september_2026(timeline, groups) -> None:
    syria = [e for e in on(timeline, "2026-09") if "Syria" in e.text and len(e.sources) > 2]
    assert len(syria) == 1
    (entry,) = syria
    assert entry.kind == "planned" and entry.bound == "until"
    assert {S001, S002, S004} <= {groups[source] for source in entry.sources}
    assert all("September 2026" in evidence.text for evidence in entry.evidence)


def test_year_and_month_precisions_stay_apart(timeline) -> None:
    # 000 and 002 also say "by the end of 2025": kept at year precision, not moved to September.
    ends_2025 = on(timeline, "2025")
    assert {source for entry in ends_2025 for source in entry.sources} == {S000, S002}
    assert all(entry.kind == "planned" and entry.bound == "by" for entry in ends_2025)
    assert all("the end of 2025" in entry.text for entry in ends_2025)


@pytest.mark.parametrize("iso", ["2003", "2014", "2017", "2021", "2023-10-07", "2024-08-31"])
def test_background_events_are_past(timeline, iso) -> None:
    assert on(timeline, iso) and all(entry.kind == "past" for entry in on(timeline, iso))


def test_the_2003_invasion_and_the_2021_end_of_combat(timeline) -> None:
    (invasion,) = on(timeline, "2003")
    assert invasion.sources == (S000,) and "The US initially invaded Iraq in 2003" in invasion.text
    # 000 and 001 both say the combat mission ended in 2021: one event, two sources.
    (combat,) = on(timeline, "2021")
    assert combat.sources == (S000, S001)
    assert all("combat" in evidence.text for evidence in combat.evidence)


def test_different_events_of_one_year_stay_apart(timeline) -> None:
    # 2014: Obama redeployed forces (000); the coalition was established (002); the caliphate declared (002).
    entries = on(timeline, "2014")
    redeployed = [e for e in entries if any("redeployed forces" in v.text for v in e.evidence)]
    established = [e for e in entries if any("established in 2014" in v.text for v in e.evidence)]
    assert len(redeployed) == len(established) == 1 and redeployed[0] is not established[0]


def test_earlier_this_month_statements_are_past(timeline) -> None:
    # Abbassi's statements "earlier this month"/"earlier in September" (001, 002) and Iraqi officials' (004).
    entries = on(timeline, "2024-09")
    assert entries and all(entry.kind == "past" for entry in entries)
    abbassi = [e for e in entries if {S001, S002} <= set(e.sources)]
    assert len(abbassi) == 1


# --- Budgets --------------------------------------------------------------


def test_max_dates_keeps_the_most_reported_dates_in_date_order(example_annotated, groups, timeline) -> None:
    budgeted = build_timeline(example_annotated, groups, max_dates=3)
    dates = list(dict.fromkeys(entry.date for entry in budgeted))
    assert len(dates) == 3
    assert {"2024-09-27", "2025-09"} <= set(dates)
    # Every kept entry is one of the full timeline's; no entry of a kept date is dropped.
    assert [e for e in timeline if e.date in dates] == list(budgeted)
    assert_cited_exactly(budgeted, example_annotated)


def test_per_date_keeps_the_best_supported_entry(example_annotated, groups) -> None:
    budgeted = build_timeline(example_annotated, groups, per_date=1)
    dates = [entry.date for entry in budgeted]
    assert len(dates) == len(set(dates))
    by_date = {entry.date: entry for entry in budgeted}
    assert {S000, S001, S002, S004} <= set(by_date["2024-09-27"].sources)
    assert set(by_date["2025-09"].sources) == {S000, S001, S002, S003, S004}
    assert_cited_exactly(budgeted, example_annotated)


def test_one_date_one_sentence(example_annotated, groups) -> None:
    (entry,) = build_timeline(example_annotated, groups, max_dates=1, per_date=1)
    assert entry.date == "2024-09-27" and len(entry.sources) >= 4


def test_a_derived_source_is_listed_but_weighs_less(example_annotated, groups) -> None:
    independent = {item.article.id: item.article.id for item in example_annotated}
    counted = {e.date: e for e in build_timeline(example_annotated, groups, per_date=1)}
    naive = {e.date: e for e in build_timeline(example_annotated, independent, per_date=1)}
    # 003 states September 2026 too; as 004's summary it adds less than a fifth outlet would.
    assert S003 in counted["2026-09"].sources
    assert counted["2026-09"].sources == naive["2026-09"].sources
    assert counted["2026-09"].importance < naive["2026-09"].importance
    # A date 003 does not mention is ranked the same either way.
    assert counted["2024-09-24"].importance == naive["2024-09-24"].importance


@pytest.mark.parametrize("bad", [0, -2, True, 2.5, "3"])
def test_budgets_must_be_positive_whole_numbers(example_annotated, groups, bad) -> None:
    with pytest.raises(UsageError, match="max_dates"):
        build_timeline(example_annotated, groups, max_dates=bad)
    with pytest.raises(UsageError, match="per_date"):
        build_timeline(example_annotated, groups, per_date=bad)


def test_repeated_article_ids_are_refused(example_annotated, groups) -> None:
    with pytest.raises(UsageError, match=S001):
        build_timeline([example_annotated[1], example_annotated[1]], groups)


def test_nothing_dated_gives_an_empty_timeline(example_annotated, groups) -> None:
    assert build_timeline([], {}) == ()
    undated = dataclasses.replace(example_annotated[3], times=())
    assert build_timeline([undated], groups) == ()


def test_a_big_story_merges_its_copies(example_annotated) -> None:
    # 300 articles written over ten weeks, made of the example's real sentences;
    # odd-numbered copies of an outlet's page count as derived from its first copy.
    # (How long this takes is measured by `corroborate bench brief-speed`, not asserted here.)
    batch, groups = [], {}
    for number in range(300):
        item = example_annotated[number % 5]
        article = dataclasses.replace(item.article, id=f"{item.article.id}-{number}")
        reference = dataclasses.replace(item.reference, value=date(2024, 9, 27) + timedelta(days=number % 70))
        batch.append(dataclasses.replace(item, article=article, reference=reference))
        groups[article.id] = f"{item.article.id}-{number % 5}" if number % 2 else article.id
    full = build_timeline(batch, groups)
    budgeted = build_timeline(batch, groups, max_dates=5, per_date=2)
    assert_cited_exactly(full, batch)
    assert len({e.date for e in budgeted}) == 5 and len(budgeted) <= 10
    phase = max((e for e in full if e.date == "2025-09"), key=lambda e: len(e.sources))
    assert len(phase.sources) == 300  # every copy of every outlet states the first phase's end


# --- Dated sentences built by hand: kinds across sources, stamps ------------


def _annotated(identifier: str, text: str, written: date | None, dates: list[tuple[str, str, str | None]],
               *, confidence: float = 1.0) -> AnnotatedArticle:
    """An article with sentences ending at a full stop or line end; dates are (words, value, bound) in text order."""
    sentences = [
        Span(m.start(), m.end(), m.group()) for m in re.finditer(r"[^.\n]+(?:\.|$)", text, re.M) if m.group().strip()
    ]
    times, cursor = [], 0
    for words, value, bound in dates:
        start = text.index(words, cursor)
        cursor = start + len(words)
        times.append(TimeExpression(start, cursor, words, "DATE", value, bound=bound))
    article = Article(id=identifier, input=f"{identifier}.txt", text=text)
    reference = Reference(written, "published" if written else "none", confidence, "test")
    return AnnotatedArticle(article, reference, sentences=tuple(sentences), times=tuple(times))


def test_a_plan_later_reported_as_done_is_past() -> None:
    before = _annotated("a", "The council will vote on the budget on June 5.", date(2023, 6, 1),
                        [("June 5", "2023-06-05", None)])
    after = _annotated("b", "The council voted on the budget on June 5, approving it.", date(2023, 6, 10),
                       [("June 5", "2023-06-05", None)])
    (entry,) = build_timeline([before, after], {"a": "a", "b": "b"})
    assert entry.sources == ("a", "b") and entry.kind == "past"
    (plan,) = build_timeline([before], {"a": "a"})
    assert plan.kind == "planned"


def test_page_stamps_and_web_addresses_are_not_events() -> None:
    text = ("Published: Thursday, May 2, 2013\nMay 2, 2013 | 5: 03pm\ncom / 2013 / may / 02 / local / lohan\n"
            "Lohan checked into the Betty Ford Center on Thursday.")
    item = _annotated("a", text, date(2013, 5, 3), [
        ("Thursday, May 2, 2013", "2013-05-02", None), ("May 2, 2013", "2013-05-02", None),
        ("2013 / may / 02", "2013-05-02", None), ("on Thursday", "2013-05-02", None),
    ])
    (entry,) = build_timeline([item], {"a": "a"})
    assert entry.text == "Lohan checked into the Betty Ford Center on Thursday."


def test_the_same_date_from_two_unrelated_stories_stays_apart() -> None:
    quake = _annotated("a", "A strong earthquake struck northern Chile on Tuesday, killing two people.",
                       date(2014, 4, 2), [("on Tuesday", "2014-04-01", None)])
    market = _annotated("b", "Shares of the retailer fell sharply in New York trading on Tuesday.",
                        date(2014, 4, 2), [("on Tuesday", "2014-04-01", None)])
    entries = build_timeline([quake, market], {"a": "a", "b": "b"})
    assert sorted(entry.sources for entry in entries) == [("a",), ("b",)]


# --- Reading TIMEX3 values and kinds --------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-09-27", CalendarDate("2024-09-27", "day", date(2024, 9, 27), date(2024, 9, 27))),
        ("2024-09-27T14:30", CalendarDate("2024-09-27", "day", date(2024, 9, 27), date(2024, 9, 27))),
        ("2024-09-27TMO", CalendarDate("2024-09-27", "day", date(2024, 9, 27), date(2024, 9, 27))),
        ("2025-09", CalendarDate("2025-09", "month", date(2025, 9, 1), date(2025, 9, 30))),
        ("2024-02", CalendarDate("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29))),
        ("2025", CalendarDate("2025", "year", date(2025, 1, 1), date(2025, 12, 31))),
        ("2023-WI", CalendarDate("2023", "year", date(2023, 1, 1), date(2023, 12, 31))),
        ("2024-Q3", CalendarDate("2024", "year", date(2024, 1, 1), date(2024, 12, 31))),
        # ISO week 39 of 2024 is Monday 23 to Sunday 29 September; week 53 of 2020 spans two years.
        ("2024-W39", CalendarDate("2024-09", "month", date(2024, 9, 1), date(2024, 9, 30))),
        ("2020-W53", CalendarDate("2020", "year", date(2020, 1, 1), date(2020, 12, 31))),
    ],
)
def test_calendar_dates_keep_the_precision_given(value, expected) -> None:
    assert calendar_date(value) == expected


@pytest.mark.parametrize(
    "value", ["PRESENT_REF", "FUTURE_REF", "PAST_REF", "P10Y", "PXM", "XXXX-09-15", "201X", "20", "2024-02-30",
              "2024-13", "2024-W60", "0000", "", "TNI", "2024-09-27 and more"],
)
def test_values_without_a_calendar_date_are_refused(value) -> None:
    assert calendar_date(value) is None


@given(st.text(max_size=30))
def test_no_value_crashes_the_reader(value) -> None:
    when = calendar_date(value)
    if when is not None:
        assert when.first <= when.last and ISO.match(when.iso)
        assert calendar_date(when.iso) == when


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_day_and_its_month_and_year_read_back(day) -> None:
    assert calendar_date(day.isoformat()).first == day
    month = calendar_date(day.isoformat()[:7])
    year = calendar_date(day.isoformat()[:4])
    assert month.first <= day <= month.last and year.first <= day <= year.last


REFERENCE = date(2024, 9, 27)


@pytest.mark.parametrize(
    ("value", "timex", "bound", "sentence", "expected"),
    [
        ("2017", "2017", None, "Iraq declared victory over ISIS in 2017.", "past"),
        ("2025-09", "September 2025", "by", "The mission will end by September 2025.", "planned"),
        ("2024-09", "earlier this month", None, "Officials said earlier this month that troops would leave.", "past"),
        ("2024-09-27", "Friday", None, "U.S. troops will remain in Iraq, officials said Friday.", "past"),
        ("2024", "the end of this year", "by", "The talks will conclude by the end of this year.", "planned"),
        ("2024-10", "later this month", None, "A report is due later this month.", "planned"),
        ("2024-09-27", "today", None, "The vote will be held today.", "planned"),
    ],
)
def test_event_kind_against_a_trusted_reference(value, timex, bound, sentence, expected) -> None:
    start = sentence.find(timex)
    kind = event_kind(calendar_date(value), REFERENCE, bound=bound, timex_text=timex, sentence=sentence,
                      timex_start=start)
    assert kind == expected


def test_event_kind_distrusts_an_uncertain_reference() -> None:
    # A reference wrongly inferred two years early makes "her June 2012 car accident" look ahead.
    sentence = "The plea deal stems from her June 2012 car accident case."
    when = calendar_date("2012-06")
    assert event_kind(when, date(2011, 6, 8), bound=None, timex_text="June 2012", sentence=sentence,
                      reference_confidence=0.4) == "past"
    assert event_kind(when, date(2011, 6, 8), bound=None, timex_text="June 2012", sentence=sentence,
                      reference_confidence=0.9) == "planned"
    announced = "The trial will open in June 2012."
    assert event_kind(when, date(2011, 6, 8), bound=None, timex_text="June 2012", sentence=announced,
                      reference_confidence=0.4) == "planned"


def test_event_kind_without_a_reference_reads_the_wording() -> None:
    when = calendar_date("2024-06-05")
    said = "The council voted on June 5."
    planned = "The council will vote on June 5."
    assert event_kind(when, None, bound=None, timex_text="June 5", sentence=said,
                      timex_start=said.find("June")) == "past"
    assert event_kind(when, None, bound=None, timex_text="June 5", sentence=planned,
                      timex_start=planned.find("June")) == "planned"
