"""Stages run end to end: the library calls behind each CLI command.

``extract_inputs`` runs ``ingest -> extract`` over user inputs and returns the
articles together with one report per input, so the caller can show what was
processed and what was skipped, and why. Nothing here prints or exits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from corroborate.extract import extract_documents
from corroborate.ingest import DEFAULT_MAX_BYTES, IngestedInput, ingest
from corroborate.model import Article, InputReport


@dataclass
class ExtractionRun:
    """Articles from a run plus one report per input (and per bad record)."""

    articles: list[Article] = field(default_factory=list)
    reports: list[InputReport] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when any input or record was skipped or only partly used."""
        return any(report.failed for report in self.reports)


def extract_inputs(inputs: Sequence[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> ExtractionRun:
    """Read and extract every input; every input ends up processed or reported."""
    ingested = list(ingest(inputs, max_bytes=max_bytes))
    documents = [document for item in ingested for document in item.documents]
    articles, extraction_problems = extract_documents(documents)
    return ExtractionRun(articles, merge_reports(ingested, extraction_problems))


def merge_reports(
    ingested: Iterable[IngestedInput], extraction_problems: Sequence[InputReport]
) -> list[InputReport]:
    """Per-input reports after extraction: a file whose only page had no article is skipped."""
    problems_by_input = {problem.input: problem for problem in extraction_problems}
    reports: list[InputReport] = []
    for item in ingested:
        failed_documents = [d for d in item.documents if d.input in problems_by_input]
        kept = len(item.documents) - len(failed_documents)
        report = item.report
        if failed_documents and kept == 0 and len(item.documents) == 1 and not item.record_problems:
            reason = problems_by_input[failed_documents[0].input].reason
            reports.append(InputReport(report.input, "skipped", reason, 0))
            continue
        if failed_documents:
            reason = "; ".join(filter(None, [report.reason, f"{len(failed_documents)} without article text"]))
            report = InputReport(report.input, "partial", reason, kept)
            reports.append(report)
            reports.extend(
                problems_by_input[document.input]
                for document in failed_documents
                if document.input != report.input
            )
        else:
            reports.append(report)
        reports.extend(item.record_problems)
    return reports
