"""The citation check: every passage a brief cites is an exact slice of its source.

A brief is only worth reading if a reader can check it, so every cited
:class:`~corroborate.model.Evidence` must name a source of the brief and hold
exactly ``source.text[start:end]``, and every statement the brief makes
(summary sentence, claim, conflict position, timeline entry, quote) must cite
at least one passage. :func:`verify_citations` lists what is wrong;
:func:`check_citations` raises :class:`~corroborate.errors.CitationError`
when anything is, because a failing check is a bug in the brief stage, never
something to show a reader as a finding.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from corroborate.errors import CitationError
from corroborate.model import Brief, Evidence, Source

#: How many problems the error message names before "and N more" (keeps it to one readable line).
PROBLEMS_IN_MESSAGE = 3


@dataclass(frozen=True)
class CitationProblem:
    """One thing wrong with a brief's citations.

    ``where`` is the path of the item in the brief's JSON document
    (``claims[2].evidence[0]``); ``source``, ``start`` and ``end`` are the
    citation's, or None when the problem is a statement citing nothing.
    """

    where: str
    problem: str
    source: str | None = None
    start: int | None = None
    end: int | None = None

    def describe(self) -> str:
        """The problem in one line: where, which passage, what is wrong."""
        if self.source is None:
            return f"{self.where}: {self.problem}"
        return f"{self.where} ({self.source} {self.start}-{self.end}): {self.problem}"


def verify_citations(brief: Brief) -> list[CitationProblem]:
    """Every problem with the brief's citations, in document order (empty when all is well)."""
    sources = {source.id: source for source in brief.sources}
    problems: list[CitationProblem] = []
    for where, evidence in cited_statements(brief):
        if not evidence:
            problems.append(CitationProblem(where, "cites no passage"))
        for index, item in enumerate(evidence):
            problem = evidence_problem(item, sources)
            if problem:
                problems.append(CitationProblem(f"{where}.evidence[{index}]", problem, item.source, item.start, item.end))
    for index, quote in enumerate(brief.quotes):
        for number, variant in enumerate(quote.variants):
            item = variant.evidence
            problem = evidence_problem(item, sources)
            if problem:
                where = f"quotes[{index}].variants[{number}].evidence"
                problems.append(CitationProblem(where, problem, item.source, item.start, item.end))
    return problems


def cited_statements(brief: Brief) -> Iterator[tuple[str, Sequence[Evidence]]]:
    """Each statement of the brief that must be cited, with its path and its evidence."""
    for index, sentence in enumerate(brief.summary):
        yield f"summary[{index}]", sentence.evidence
    for index, claim in enumerate(brief.claims):
        yield f"claims[{index}]", claim.evidence
    for index, conflict in enumerate(brief.conflicts):
        for number, position in enumerate(conflict.positions):
            yield f"conflicts[{index}].positions[{number}]", position.evidence
    for index, entry in enumerate(brief.timeline):
        yield f"timeline[{index}]", entry.evidence
    for index, quote in enumerate(brief.quotes):
        yield f"quotes[{index}]", quote.evidence


def evidence_problem(evidence: Evidence, sources: Mapping[str, Source]) -> str | None:
    """What is wrong with one citation, or None when it is an exact, non-empty slice of its source."""
    source = sources.get(evidence.source)
    if source is None:
        return "names no source of the brief"
    if not (isinstance(evidence.start, int) and isinstance(evidence.end, int)):
        return "offsets are not whole numbers"
    if not 0 <= evidence.start < evidence.end <= len(source.text):
        return f"offsets outside the source's text (0-{len(source.text)}) or empty"
    if source.text[evidence.start : evidence.end] != evidence.text:
        return "text differs from the source's text at these offsets"
    return None


def check_citations(brief: Brief) -> Brief:
    """The brief unchanged when every citation holds; else :class:`CitationError` naming the first problems."""
    problems = verify_citations(brief)
    if problems:
        raise CitationError(citation_error_message(problems))
    return brief


def citation_error_message(problems: Sequence[CitationProblem]) -> str:
    """One line naming the first problems and how many more there are."""
    named = "; ".join(problem.describe() for problem in problems[:PROBLEMS_IN_MESSAGE])
    more = len(problems) - PROBLEMS_IN_MESSAGE
    tail = f"; and {more} more" if more > 0 else ""
    message = f"the brief failed its citation check ({len(problems)} problem(s)): {named}{tail}"
    return " ".join(message.splitlines())


__all__ = ["CitationProblem", "check_citations", "verify_citations"]
