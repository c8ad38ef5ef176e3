"""The ``ingest`` stage: user inputs in, :class:`RawDocument` records out.

Inputs are files, folders (searched recursively) and glob patterns
(:mod:`.files`); a file reported under another name than its path (an upload,
named after the uploaded file) and documents read elsewhere (pages fetched
from their addresses, :mod:`.fetch`) can be given too (:data:`Input`). Each
file's format is judged from its content (:mod:`.sniff`), not its name,
and read by the reader registered for that format in :data:`READERS`;
adding a format is one function and one line there. Every input is
accounted for: it yields one :class:`IngestedInput` whose report says it was
processed, partly used, or skipped and why, in one line. Nothing here raises
for bad input.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Union

from corroborate.errors import InputError, MalformedInputError
from corroborate.ingest.compressed import gunzip
from corroborate.ingest.feed import read_feed
from corroborate.ingest.files import FoundFile, find_files, read_file
from corroborate.ingest.jsonl import read_json
from corroborate.ingest.limits import DEFAULT_TIME_LIMIT, within_time_limit
from corroborate.ingest.page import read_html, read_page, read_text
from corroborate.ingest.parts import parts_format, read_in_parts
from corroborate.ingest.report import IngestedInput, Reader, human_size, reader, skipped, unexpected
from corroborate.ingest.sniff import sniff_format
from corroborate.ingest.warc import read_warc
from corroborate.model import InputReport

__all__ = [
    "DEFAULT_MAX_BYTES", "DEFAULT_TIME_LIMIT", "READERS", "FoundFile", "IngestedInput", "Input", "ingest",
    "read_bytes", "sniff_format",
]

#: Per-input size limit, also applied to decompressed gzip data and to each
#: record. News pages are rarely over 2 MB even with inline scripts; 25 MB
#: leaves room for JSON Lines exports and small WARCs while keeping a stray
#: video or disk image from being read into memory.
DEFAULT_MAX_BYTES = 25_000_000

#: Formats whose records read before a gzip stream broke off are whole and
#: safe to use; a cut-off page or feed is not.
RECOVERABLE_WHEN_TRUNCATED = {"warc", "json"}

#: What a cut-off input of each other format is called in the report.
TRUNCATED_NAMES = {"html": "HTML page", "text": "text page", "feed": "feed"}


@reader
def read_gzip(input: str, data: bytes, max_bytes: int) -> IngestedInput:
    """Decompress (within the size limit) and read the content by its own format."""
    inner = gunzip(data, max_bytes)
    if not inner.data:
        if inner.truncated:
            raise MalformedInputError("truncated gzip file (nothing could be recovered)")
        raise MalformedInputError("gzip file holds no data")
    format = sniff_format(inner.data)
    if format == "gzip":
        raise MalformedInputError("gzip file inside a gzip file is not supported")
    recovered = human_size(len(inner.data))
    if inner.truncated and format not in RECOVERABLE_WHEN_TRUNCATED:
        raise MalformedInputError(
            f"truncated gzip file (the data ends after {recovered}; "
            f"a cut-off {TRUNCATED_NAMES.get(format, format)} is not used)"
        )
    result = READERS[format](input, inner.data, max_bytes)
    if not inner.truncated:
        return result
    report = result.report
    reason = "; ".join(filter(None, [f"truncated gzip file (read the first {recovered})", report.reason]))
    status = "partial" if report.documents else "skipped"
    return IngestedInput(
        InputReport(input, status, reason, report.documents), result.documents, result.record_problems
    )


#: Format name -> reader. Every reader takes ``(input, bytes, max_bytes)`` and
#: never raises (see :func:`.report.reader`).
READERS: dict[str, Reader] = {
    "gzip": read_gzip,
    "warc": read_warc,
    "feed": read_feed,
    "json": read_json,
    "html": read_html,
    "text": read_text,
}

#: Formats read as one page, which a charset declared outside the bytes applies to.
PAGE_FORMATS = ("html", "text")


#: One thing to ingest: a path, folder or glob as a user types it; a
#: :class:`FoundFile`, a file opened at its ``path`` and reported under its
#: ``input`` name (an upload is named ``upload:NAME``, never by its temporary
#: path); or an :class:`IngestedInput` read elsewhere (a fetched page).
Input = Union[str, FoundFile, IngestedInput]


def ingest(
    inputs: Iterable[Input],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    in_parts: bool = True,
) -> Iterator[IngestedInput]:
    """One IngestedInput per file found, lazily; each unusable argument yields one skipped report.

    A missing path, a glob or folder matching nothing, a hidden or unreadable
    file, a file over ``max_bytes`` or taking over ``time_limit`` seconds to read (see
    :mod:`.limits`): each gets a report with a one-line reason, and the batch
    goes on. With ``in_parts``, a JSON Lines or WARC file over ``max_bytes``
    is read in parts instead, one report each (:mod:`.parts`); without, it is
    refused like any other file over the limit.
    """
    if isinstance(inputs, str):
        inputs = [inputs]
    for found in _located(inputs):
        if isinstance(found, IngestedInput):
            yield found
        elif isinstance(found, InputReport):
            yield IngestedInput(found)
        elif in_parts:
            yield from ingest_found(found, max_bytes, time_limit)
        else:
            yield ingest_file(found, max_bytes, time_limit)


def _located(inputs: Iterable[Input]) -> Iterator[FoundFile | InputReport | IngestedInput]:
    """Paths, folders and globs expanded to files, the other inputs as they are, in order.

    A run of paths is expanded by one :func:`.files.find_files`, so a file
    reached twice in it (through a folder and a glob) is read once.
    """
    for is_path, run in itertools.groupby(inputs, key=lambda item: isinstance(item, str)):
        if is_path:
            yield from find_files(item for item in run if isinstance(item, str))
        else:
            yield from (item for item in run if not isinstance(item, str))


def ingest_found(
    found: FoundFile, max_bytes: int, time_limit: float | None = DEFAULT_TIME_LIMIT
) -> Iterator[IngestedInput]:
    """Read one file: whole, or a part at a time when it is a JSON Lines or WARC file over the size limit."""
    format = parts_format(found, max_bytes)
    if format is None:
        yield ingest_file(found, max_bytes, time_limit)
    else:
        yield from read_in_parts(found, format, max_bytes, time_limit)


def ingest_file(found: FoundFile, max_bytes: int, time_limit: float | None = DEFAULT_TIME_LIMIT) -> IngestedInput:
    """Read one file found by :func:`.files.find_files`, within the size and time limits."""
    try:
        with within_time_limit(time_limit, "reading the input"):
            data = read_file(found, max_bytes)
            return read_bytes(found.input, data, max_bytes)
    except InputError as error:
        return skipped(found.input, str(error))
    except Exception as error:  # noqa: BLE001 - one odd file must not stop the batch
        return skipped(found.input, unexpected(error))


@reader
def read_bytes(input: str, data: bytes, max_bytes: int, declared: str | None = None) -> IngestedInput:
    """Read ``data`` (the content of ``input``) with the reader its content calls for.

    ``declared`` is a charset from outside the bytes (an HTTP Content-Type),
    used when a single page is not UTF-8.
    """
    if not data:
        return skipped(input, "empty file (0 bytes)")
    format = sniff_format(data)
    if declared is not None and format in PAGE_FORMATS:
        return read_page(input, data, format, declared)
    return READERS[format](input, data, max_bytes)
