"""What ``ingest`` hands back for one input, and the helpers readers share.

Every reader returns an :class:`IngestedInput`: the report for the input as a
whole, the documents found in it, and one report per bad record inside a
container. :func:`reader` wraps a reader so that it never raises: an
:class:`~corroborate.errors.InputError` becomes a skipped report with its
message, and an unexpected exception from a third-party parser becomes a
skipped report naming the exception, so one odd file never stops a batch.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from corroborate.errors import InputError
from corroborate.model import InputReport, RawDocument

#: How many bad line numbers or record numbers a summary lists before "...".
LISTED_PROBLEMS = 5


@dataclass(frozen=True)
class IngestedInput:
    """One input (a file or an argument that matched nothing) and what it held."""

    report: InputReport
    documents: list[RawDocument] = field(default_factory=list)
    record_problems: list[InputReport] = field(default_factory=list)


#: ``(input, data, max_bytes)``; a container's reader also takes ``first``, the
#: number of its first record when it reads one part of a bigger file (:mod:`.parts`).
Reader = Callable[..., IngestedInput]


def skipped(input: str, reason: str) -> IngestedInput:
    """An input that yielded nothing, with the one-line reason."""
    return IngestedInput(InputReport(input, "skipped", one_line(reason)))


def one_line(text: str) -> str:
    """Collapse whitespace so a reason (or a parser's message) fits on one line."""
    return " ".join(str(text).split())


def reader(function: Reader) -> Reader:
    """Make a reader total: errors become skipped reports instead of exceptions."""

    @functools.wraps(function)
    def safe_reader(input: str, data: bytes, max_bytes: int, **options: Any) -> IngestedInput:
        try:
            return function(input, data, max_bytes, **options)
        except InputError as error:
            return skipped(input, str(error))
        except RecursionError:
            return skipped(input, "input is nested too deeply to parse")
        except Exception as error:  # noqa: BLE001 - third-party parsers raise anything
            return skipped(input, unexpected(error))

    return safe_reader


def unexpected(error: BaseException) -> str:
    """A readable one-line reason for an exception nobody planned for."""
    message = one_line(str(error))[:200]
    name = type(error).__name__
    return f"could not be read ({name}: {message})" if message else f"could not be read ({name})"


def container_result(
    input: str,
    documents: list[RawDocument],
    problems: list[InputReport],
    summary: str,
    *,
    unit: str,
) -> IngestedInput:
    """The report for a container: processed, partial (some records bad) or skipped.

    ``summary`` describes what was found; ``unit`` names a record in the
    problem count ("line", "item", "record").
    """
    if problems:
        count = len(problems)
        failed = f"{count} {plural(unit, count)} failed ({plural(unit, count)} {list_problems(problems)})"
        summary = "; ".join(filter(None, [summary, failed]))
    status = "skipped" if not documents else ("partial" if problems else "processed")
    report = InputReport(input, status, one_line(summary), len(documents))
    return IngestedInput(report, documents, problems)


def list_problems(problems: Sequence[InputReport]) -> str:
    """``3, 7`` (lines) or ``#2, #5`` (records): which records failed, cut short past a few."""
    labels = [_record_label(problem.input) for problem in problems]
    shown = ", ".join(labels[:LISTED_PROBLEMS])
    return shown + ", ..." if len(labels) > LISTED_PROBLEMS else shown


def _record_label(input: str) -> str:
    if "#" in input:
        return "#" + input.rsplit("#", 1)[1]
    return input.rsplit(":", 1)[-1]


def plural(word: str, count: int) -> str:
    """``word`` or ``words`` for ``count`` of them."""
    return word if count == 1 else f"{word}s"


def human_size(size: int) -> str:
    """A byte count the way people say it: ``812 bytes``, ``4.1 kB``, ``31.2 MB``."""
    if size < 1000:
        return f"{size} {plural('byte', size)}"
    for unit, scale in (("kB", 1e3), ("MB", 1e6), ("GB", 1e9)):
        if size < scale * 1000 or unit == "GB":
            value = f"{size / scale:.1f}".removesuffix(".0")
            return f"{value} {unit}"
    raise AssertionError("unreachable")


def over_limit(what: str, size: int, max_bytes: int) -> str:
    """The oversize message: ``file is 31.2 MB, over the 25 MB limit (--max-bytes)``."""
    return f"{what} is {human_size(size)}, over the {human_size(max_bytes)} limit (--max-bytes)"
