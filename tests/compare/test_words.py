"""Telling statements from page furniture: lines as scraped pages and ECB+'s records carry them."""

from __future__ import annotations

import re

import pytest

from corroborate.compare.words import is_stamp_or_address

#: Stamps and addresses, as they appear in ECB+'s records (tokenized) and in scraped pages.
FURNITURE = [
    "November 30, 2009 at 02: 22 pm",
    "Fri., May. 3, 2013 11: 45 AM PDT",
    "Posted on Thu Jun 13, 2013 08: 45 AM PDT",
    "Reuters Sep 18, 2013, 02.",
    "Updated 5 / 5 / 2010 1: 41 PM",
    "com / news / lindsay - lohan - rehab _",
    "http: / / www. hollywoodreporter. com / news / ellen - degeneres - host - oscars - 598760",
    "co. uk / news / provisional - trial - date - set - for - millom - double - murder - accused - 1. 1062072?",
    "| 5033 | 4 | 6 | 15 | 26 |",
]
#: Statements, some short, some with a date, a link, a headline's capitals or no letter case.
STATEMENTS = [
    "She checked in today.",
    "“She’s in rehab right now.”",
    "All links are back up as of 07: 35GMT.",
    "I urge all Delhiites to use them whenever needed pic.twitter.com/MYwRz9euaq",
    "Fred LaRue, Watergate Figure, Dies at 75",
    "Two have been accounted for.",
    "약 1년 전부터 친한 여동생 정도의 관계로 알고 지냈다.",
    "The troops will leave by September 2025, officials said.",
]
#: Offsets of the written-out dates, as the annotate stage would give them.
_DATE = re.compile(r"(?:Nov|May|Jun|Sep)[a-z]*\.? \d{1,2}, \d{4}|September \d{4}|today|right now")


def _times(line: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _DATE.finditer(line)]


@pytest.mark.parametrize("line", FURNITURE)
def test_stamps_and_addresses_are_furniture(line: str) -> None:
    assert is_stamp_or_address(line, 0, len(line), _times(line))


@pytest.mark.parametrize("line", STATEMENTS)
def test_statements_are_not_furniture(line: str) -> None:
    assert not is_stamp_or_address(line, 0, len(line), _times(line))


def test_only_the_given_span_is_judged() -> None:
    text = "Posted May 2, 2013. Lohan checked into rehab on May 2, 2013, her lawyer said."
    stamp_end = text.index(". ") + 1
    assert is_stamp_or_address(text, 0, stamp_end, _times(text))
    assert not is_stamp_or_address(text, stamp_end + 1, len(text), _times(text))
