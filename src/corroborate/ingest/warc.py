"""WARC archives (plain or gzipped): one HTML document per successful response.

warcio parses the records. ``request``, ``metadata`` and ``warcinfo`` records
are not articles and are passed over silently; responses that are not HTML
pages, or whose status is not 2xx, are counted in the report. warcio stops
quietly when an archive is cut short, so we check each record's length
against its ``Content-Length`` and that nothing but padding follows the last
record: a truncated archive keeps the records read before the break and says
where it broke.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArchiveLoadFailed

from corroborate.errors import BinaryInputError, EmptyInputError, InputError, MalformedInputError
from corroborate.ingest.decode import decode_text
from corroborate.ingest.report import (
    IngestedInput,
    container_result,
    human_size,
    one_line,
    plural,
    reader,
    unexpected,
)
from corroborate.model import InputReport, RawDocument

#: Record types that never hold an article; skipped without a word.
NON_ARTICLE_RECORDS = {"request", "metadata", "warcinfo"}

HTML_TYPES = ("text/html", "application/xhtml+xml")

CHUNK_BYTES = 65_536

CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.\-]+)", re.IGNORECASE)


@dataclass
class _Scan:
    """What a pass over the archive found, and where it broke (if it did)."""

    documents: list[RawDocument] = field(default_factory=list)
    problems: list[InputReport] = field(default_factory=list)
    ignored: Counter[tuple[str, str]] = field(default_factory=Counter)
    completed: int = 0  # records read whole
    broken: str = ""


@reader
def read_warc(input: str, data: bytes, max_bytes: int, first: int = 1) -> IngestedInput:
    """HTML pages from the archive's responses, with target URI and crawl date as hints.

    ``first`` is the number of the data's first record, for one part of a
    bigger archive (:mod:`.parts`).
    """
    scan = _scan_records(input, data, max_bytes, first)
    if not scan.completed and not scan.broken:
        raise MalformedInputError("WARC cannot be parsed (no complete record)")
    if not scan.documents and not scan.problems and not scan.broken:
        raise EmptyInputError(f"WARC holds no HTML pages ({_ignored_text(scan.ignored) or 'no responses'})")
    summary = _summary(len(scan.documents), scan.ignored)
    if scan.broken:
        summary = f"{scan.broken}; read before the break: {summary}" if scan.completed else scan.broken
    result = container_result(input, scan.documents, scan.problems, summary, unit="record")
    if scan.broken and result.report.status == "processed":
        report = InputReport(input, "partial", result.report.reason, result.report.documents)
        result = IngestedInput(report, result.documents, result.record_problems)
    return result


def _scan_records(input: str, data: bytes, max_bytes: int, first: int = 1) -> _Scan:
    scan = _Scan()
    records = ArchiveIterator(io.BytesIO(data))
    end_of_last = 0
    try:
        for number, record in enumerate(records, start=first):
            if record.rec_headers.get_header("Content-Length") is None:
                # Every WARC record has one; without it the header block was cut short.
                scan.broken = f"WARC is truncated or damaged in record #{number} (its header has no Content-Length)"
                return scan
            try:
                outcome = _read_record(f"{input}#{number}", record, max_bytes, scan.ignored)
            except Exception as error:  # noqa: BLE001 - e.g. a content encoding warcio cannot undo
                outcome = f"record {unexpected(error)}"
            # Drain what the reader left so the record's length can be checked.
            while record.raw_stream.read(CHUNK_BYTES):
                pass
            if getattr(record.raw_stream, "limit", 0):
                scan.broken = f"WARC is truncated inside record #{number}"
                return scan
            if isinstance(outcome, RawDocument):
                scan.documents.append(outcome)
            elif outcome:
                scan.problems.append(InputReport(f"{input}#{number}", "skipped", outcome))
            end_of_last = records.get_record_offset() + records.get_record_length()
            scan.completed = number
    except Exception as error:  # noqa: BLE001 - warcio raises many kinds on damaged data
        # warcio's own errors say what is wrong; others are its internals tripping on damage.
        detail = one_line(str(error))[:160] if isinstance(error, ArchiveLoadFailed) else "damaged or incomplete record"
        if not scan.completed:
            raise MalformedInputError(f"WARC cannot be parsed ({detail})") from None
        scan.broken = f"WARC breaks after record #{scan.completed} ({detail})"
        return scan
    if data[end_of_last:].strip():
        scan.broken = f"WARC is truncated after record #{scan.completed} (an incomplete record follows)"
    return scan


def _read_record(
    input: str, record: Any, max_bytes: int, ignored: Counter[tuple[str, str]]
) -> RawDocument | str | None:
    """A document, a problem to report, or None for a record that is passed over."""
    kind = record.rec_type
    if kind in NON_ARTICLE_RECORDS:
        return None
    if kind != "response" or record.http_headers is None:
        ignored[(f"{kind or 'untyped'} record", "")] += 1
        return None
    content_type = str(record.http_headers.get_header("Content-Type") or "")
    if not content_type.lower().lstrip().startswith(HTML_TYPES):
        ignored[("non-HTML response", "")] += 1
        return None
    status = str(record.http_headers.get_statuscode() or "")
    if not status.startswith("2"):
        ignored[("HTML response", f" with status {status or 'missing'}")] += 1
        return None
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return f"page is over the {human_size(max_bytes)} limit (--max-bytes)"
    charset = CHARSET.search(content_type)
    try:
        text, encoding = decode_text(payload, charset.group(1) if charset else None)
    except (BinaryInputError, EmptyInputError) as error:
        return f"HTML response unusable: {error}"
    except InputError as error:
        return str(error)
    if not text.strip():
        return "HTML response is empty"
    hints = {
        "url": record.rec_headers.get_header("WARC-Target-URI"),
        "crawl_date": record.rec_headers.get_header("WARC-Date"),
    }
    hints = {key: value.strip() for key, value in hints.items() if value and value.strip()}
    return RawDocument(input, "html", text, encoding, hints, "warc")


def _summary(pages: int, ignored: Counter[tuple[str, str]]) -> str:
    text = f"{pages} HTML {plural('page', pages)}"
    extra = _ignored_text(ignored)
    return f"{text}; {extra}" if extra else text


def _ignored_text(ignored: Counter[tuple[str, str]]) -> str:
    parts = [f"{count} {plural(noun, count)}{detail}" for (noun, detail), count in sorted(ignored.items())]
    return f"{', '.join(parts)} ignored" if parts else ""
