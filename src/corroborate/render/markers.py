"""Citation markers shared by the brief renderers: numbers, source labels, reading order.

Every renderer numbers cited passages in the order a reader meets them, one
number per distinct passage (the same passage cited twice keeps its number),
and names sources the same way, so the Markdown, HTML and terminal views of one
brief agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from corroborate.model import Brief, Evidence, Source, TimelineEntry


class CitationNumbers:
    """Numbers for cited passages, assigned on first use, starting at 1."""

    def __init__(self) -> None:
        self._numbers: dict[tuple[str, int, int, str], int] = {}
        self.cited: list[Evidence] = []

    def number(self, evidence: Evidence) -> int:
        """The passage's number (a new one the first time it is cited)."""
        key = (evidence.source, evidence.start, evidence.end, evidence.text)
        if key not in self._numbers:
            self.cited.append(evidence)
            self._numbers[key] = len(self.cited)
        return self._numbers[key]

    def numbers(self, evidence: Iterable[Evidence]) -> list[int]:
        """The numbers of several passages, in order, without repeats."""
        return list(dict.fromkeys(self.number(item) for item in evidence))


def source_labels(sources: Sequence[Source]) -> dict[str, str]:
    """How each source id is named to a reader: its outlet, or its id when it has none or shares it."""
    outlets = Counter(source.outlet for source in sources if source.outlet)
    labels: dict[str, str] = {}
    for source in sources:
        if source.outlet and outlets[source.outlet] == 1:
            labels[source.id] = source.outlet
        elif source.outlet:
            labels[source.id] = f"{source.outlet} ({source.id})"
        else:
            labels[source.id] = source.id
    return labels


def label_of(labels: dict[str, str], source_id: str) -> str:
    """A source's label; an id the brief does not list is shown as it is."""
    return labels.get(source_id, source_id)


def independent_count(brief: Brief) -> int:
    """How many independent sources the brief's sources count as."""
    return len({source.independent_source or source.id for source in brief.sources})


def chronological(entries: Sequence[TimelineEntry]) -> list[TimelineEntry]:
    """Timeline entries by date (ISO strings of any precision sort correctly as text), ties kept in order."""
    return sorted(entries, key=lambda entry: entry.date)


def bound_words(bound: str) -> str:
    """A timeline bound as words: ``at_least_until`` reads "at least until"."""
    return bound.replace("_", " ")


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines included) made one space."""
    return " ".join(text.split())


def shortened(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when longer than ``limit``."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut + "…"
