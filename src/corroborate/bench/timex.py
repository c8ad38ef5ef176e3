"""The time-expression benchmark: our TIMEX3 normalizer on TimeBank and AQUAINT.

Data: the cleaned TempEval-3 "TBAQ" corpora, TimeML ``.tml`` files in
``DATA_ROOT/timex-tbaq/TimeBank`` and ``DATA_ROOT/timex-tbaq/AQUAINT``. Each file
has a document creation time (the ``TIMEX3`` with
``functionInDocument="CREATION_TIME"``), used as the reference date, and gold
``TIMEX3`` elements in its ``TEXT`` with ``type`` and ``value``.

Scoring follows TempEval-3 (UzZaman et al. 2013) on character spans of the
``TEXT`` element's plain text (tags stripped, entities decoded):

- strict match: same start and end; relaxed match: the spans overlap (each
  gold and system expression matched at most once, greedily in text order);
- precision, recall and F1 for both;
- type and value accuracy over relaxed matches, and their attribute F1:
  precision = correct attribute / system expressions, recall = correct /
  gold expressions (TempEval-3's "value F1" equals relaxed F1 times value
  accuracy). Values are compared as exact strings.

The creation-time expression itself is not scored (it is given, not found).
Speed is expressions found per second over :func:`find_times` calls only.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from corroborate.annotate.times import TimeExpression, find_times
from corroborate.bench.report import BenchReport
from corroborate.errors import BenchmarkDataMissing

#: Folder name of this data set under the benchmark data root.
DATA_DIR = "timex-tbaq"
#: The corpora inside it, reported separately and combined.
CORPORA = ("TimeBank", "AQUAINT")


@dataclass(frozen=True)
class GoldTimex:
    """A gold TIMEX3: its span in the plain text, type and value."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class TimeMLDocument:
    """A TimeML document reduced to what the benchmark needs."""

    name: str
    text: str
    creation: date | None
    gold: tuple[GoldTimex, ...]


@dataclass
class Tally:
    """Counts for TempEval-3 scores, summed over documents."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0

    def add(self, other: Tally) -> None:
        """Add another tally's counts to this one."""
        for name in ("gold", "system", "strict", "relaxed", "type_correct", "value_correct"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self) -> dict[str, float]:
        """Strict/relaxed precision, recall, F1; type and value accuracy and F1."""
        def f1(correct: int) -> tuple[float, float, float]:
            precision = correct / self.system if self.system else 0.0
            recall = correct / self.gold if self.gold else 0.0
            both = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            return precision, recall, both

        strict = f1(self.strict)
        relaxed = f1(self.relaxed)
        return {
            "strict_p": strict[0], "strict_r": strict[1], "strict_f1": strict[2],
            "relaxed_p": relaxed[0], "relaxed_r": relaxed[1], "relaxed_f1": relaxed[2],
            "type_accuracy": self.type_correct / self.relaxed if self.relaxed else 0.0,
            "type_f1": f1(self.type_correct)[2],
            "value_accuracy": self.value_correct / self.relaxed if self.relaxed else 0.0,
            "value_f1": f1(self.value_correct)[2],
        }  # fmt: skip


def parse_timeml(markup: str, name: str = "") -> TimeMLDocument:
    """Plain text of the ``TEXT`` element, its gold TIMEX3 spans, and the creation date."""
    root = ElementTree.fromstring(markup)
    creation: date | None = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            creation = _date_prefix(timex.get("value", ""))
            break
    body = root.find("TEXT")
    pieces: list[str] = []
    gold: list[GoldTimex] = []
    length = 0

    def walk(element: ElementTree.Element) -> None:
        nonlocal length
        start = length
        if element.text:
            pieces.append(element.text)
            length += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
                length += len(child.tail)
        if element.tag == "TIMEX3" and element is not body:
            gold.append(GoldTimex(start, length, element.get("type", ""), element.get("value", "")))

    if body is not None:
        walk(body)
    gold.sort(key=lambda timex: (timex.start, timex.end))
    return TimeMLDocument(name, "".join(pieces), creation, tuple(gold))


def _date_prefix(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        try:
            return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
        except ValueError:
            return None


def score_document(gold: tuple[GoldTimex, ...] | list[GoldTimex], system: list[TimeExpression]) -> Tally:
    """TempEval-3 counts for one document: strict/relaxed matches, type and value agreement."""
    tally = Tally(gold=len(gold), system=len(system))
    gold_spans = {(timex.start, timex.end) for timex in gold}
    tally.strict = sum(1 for found in system if (found.start, found.end) in gold_spans)
    used: set[int] = set()
    for found in sorted(system, key=lambda item: item.start):
        best: int | None = None
        for index, timex in enumerate(gold):
            if index in used or not (found.start < timex.end and timex.start < found.end):
                continue
            # Prefer the exact span, then the first overlapping one.
            if (timex.start, timex.end) == (found.start, found.end):
                best = index
                break
            if best is None:
                best = index
        if best is None:
            continue
        used.add(best)
        tally.relaxed += 1
        tally.type_correct += gold[best].type == found.type
        tally.value_correct += gold[best].value == found.value
    return tally


def load_documents(folder: Path, limit: int | None = None) -> list[TimeMLDocument]:
    """The ``.tml`` documents of one corpus folder, sorted by name (first ``limit`` only)."""
    paths = sorted(folder.glob("*.tml"))
    if limit is not None:
        paths = paths[:limit]
    return [parse_timeml(path.read_text(encoding="utf-8"), path.name) for path in paths]


def run_timex_benchmark(data_root: Path, limit: int | None = None) -> BenchReport:
    """Score :func:`find_times` on TimeBank and AQUAINT (first ``limit`` files of each)."""
    base = Path(data_root) / DATA_DIR
    folders = [base / corpus for corpus in CORPORA]
    if not all(folder.is_dir() for folder in folders):
        raise BenchmarkDataMissing(
            f"time-expression data not found: expected {base}/TimeBank and {base}/AQUAINT with .tml files"
        )
    rows: list[dict[str, Any]] = []
    total = Tally()
    total_seconds = 0.0
    total_documents = 0
    for corpus, folder in zip(CORPORA, folders):
        documents = load_documents(folder, limit)
        tally = Tally()
        seconds = 0.0
        for document in documents:
            started = time.perf_counter()
            found = find_times(document.text, document.creation)
            seconds += time.perf_counter() - started
            tally.add(score_document(document.gold, found))
        rows.append(_row(corpus, len(documents), tally, seconds))
        total.add(tally)
        total_seconds += seconds
        total_documents += len(documents)
    rows.append(_row("both", total_documents, total, total_seconds))
    notes = [
        "TempEval-3 scoring on character spans of the TEXT element: strict = same span, relaxed = overlap; "
        "value F1 = correct values over all system / all gold expressions (relaxed F1 x value accuracy).",
        "Reference date = each document's creation time (DCT); the DCT itself is not scored.",
        "This is a development set: the rules were written while looking at its errors (tense weights for "
        "yearless dates, vague words left out, year-vs-count rules, results-news periods; see the "
        "corroborate.annotate.times docstring); scores on unseen news are expected to be lower.",
        "expressions/s = expressions found per second of find_times time (parsing and scoring excluded).",
        "For comparison, TempEval-3's best rule-based system (HeidelTime) scored value F1 77.6 on its test set.",
    ]
    if limit is not None:
        notes.append(f"Limited to the first {limit} files of each corpus.")
    return BenchReport(name="timex", rows=rows, notes=notes)


def _row(corpus: str, documents: int, tally: Tally, seconds: float) -> dict[str, Any]:
    scores = tally.scores()
    return {
        "corpus": corpus,
        "documents": documents,
        "gold": tally.gold,
        "found": tally.system,
        "value F1": f"{scores['value_f1']:.3f}",
        "strict P/R/F1": f"{scores['strict_p']:.3f} / {scores['strict_r']:.3f} / {scores['strict_f1']:.3f}",
        "relaxed P/R/F1": f"{scores['relaxed_p']:.3f} / {scores['relaxed_r']:.3f} / {scores['relaxed_f1']:.3f}",
        "type accuracy": f"{scores['type_accuracy']:.3f}",
        "value accuracy": f"{scores['value_accuracy']:.3f}",
        "expressions/s": f"{tally.system / seconds:,.0f}" if seconds > 0 else "n/a",
    }
