"""Quantities with what they count, hedges and ranges, on sentences from the example."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.annotate.quantities import find_quantities, parse_number


def only(text: str):
    quantities = find_quantities(text)
    assert len(quantities) == 1, quantities
    quantity = quantities[0]
    assert text[quantity.start : quantity.end] == quantity.text
    return quantity


def test_parse_number_reads_digits_words_and_scales() -> None:
    assert parse_number("2,500") == 2500
    assert parse_number("8 million") == 8_000_000
    assert parse_number("1.5 billion") == 1_500_000_000
    assert parse_number("seven") == 7
    assert parse_number("twenty-five") == 25
    assert parse_number("troops") is None


def test_approximate_count_with_its_noun() -> None:
    quantity = only("The U.S. has about 2,500 troops in Iraq advising and assisting Iraqi security forces.")
    assert (quantity.text, quantity.value, quantity.unit, quantity.approx) == ("about 2,500 troops", 2500, "troops", True)


def test_range_keeps_both_bounds() -> None:
    quantity = only(
        "ISIS's combined strength in Iraq and Syria had dwindled to between 1,500 and 3,000 fighters due to losses."
    )
    assert (quantity.text, quantity.value, quantity.low, quantity.high, quantity.unit) == (
        "between 1,500 and 3,000 fighters", None, 1500, 3000, "fighters",
    )


def test_peak_is_a_modifier_and_the_year_is_not_a_quantity() -> None:
    quantity = only("with a peak of 170,000 troops deployed by 2007.")
    assert (quantity.text, quantity.value, quantity.mod, quantity.unit) == ("a peak of 170,000 troops", 170_000, "peak", "troops")


def test_area_and_scaled_population() -> None:
    text = "the group once held sway over nearly 8 million people living in 40,000 square miles of territory in Iraq and Syria."
    people, area = find_quantities(text)
    assert (people.text, people.value, people.unit, people.approx) == ("nearly 8 million people", 8_000_000, "people", True)
    assert (area.text, area.value, area.unit, area.counted) == ("40,000 square miles", 40_000, "square miles", "square miles of territory")


def test_counted_phrase_spans_coordinated_nouns() -> None:
    quantity = only("Iran-linked groups launched some 175 rocket and drone strikes on U.S. forces in Iraq and Syria.")
    assert (quantity.value, quantity.unit, quantity.counted, quantity.approx) == (175, "strikes", "rocket and drone strikes", True)


def test_elided_noun_is_inherited_and_flagged() -> None:
    text = (
        "The statement does not specify what will happen to the approximately 2,500 U.S. troops "
        "currently stationed in Iraq or the additional 900 stationed in Syria."
    )
    troops, syria = find_quantities(text)
    assert (troops.counted, troops.unit_inferred) == ("U.S. troops", False)
    assert (syria.text, syria.value, syria.unit, syria.unit_inferred) == ("900", 900, "troops", True)


def test_number_words_dates_and_durations() -> None:
    text = "On Sept. 15 a raid killed 15 ISIS fighters, with seven U.S. soldiers injured, two years after the 2014 offensive."
    assert [(q.value, q.counted) for q in find_quantities(text)] == [(15, "ISIS fighters"), (7, "U.S. soldiers")]


def test_bounds_money_and_percent() -> None:
    flights, budget, share = find_quantities(
        "More than 800 flights were delayed; the plan costs $1.5 billion, 10% of the defense budget."
    )
    assert (flights.text, flights.low, flights.high, flights.mod) == ("More than 800 flights", 800, None, "more_than")
    assert (budget.value, budget.unit) == (1_500_000_000, "USD")
    assert (share.value, share.unit, share.counted) == (10, "percent", "the defense budget")


def test_fraction_of_a_place() -> None:
    quantity = only("capturing massive swaths of both countries, including about one-third of Iraq.")
    assert (quantity.text, quantity.value, quantity.unit, quantity.counted, quantity.approx) == (
        "one-third", 0.3333, "fraction", "Iraq", True,
    )


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789, -$%abtouofwnhrseiy.\n")), max_size=80))
def test_quantities_never_crash_and_spans_are_exact(text: str) -> None:
    for quantity in find_quantities(text):
        assert text[quantity.start : quantity.end] == quantity.text
