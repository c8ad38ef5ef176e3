"""Containers over the size limit, read a part at a time: JSON Lines and WARC files of any size.

A crawl's WARC files are commonly a gigabyte, and a news API's JSON Lines
export can be larger; reading one whole would hold it all in memory, so
``--max-bytes`` used to refuse them. Their records are independent, though,
so such a file is cut at record boundaries into parts of at most
``max_bytes`` of (decompressed) data, and each part is read by the ordinary
reader, numbering its records from where the part starts in the file, so a
record is named ``file:LINE`` or ``file#N`` exactly as when the file is read
whole. Only one part is in memory at a time (the store's ingest consumes
inputs lazily).

Each part gets its own report line, naming the file and the records it
covers (``part 2, lines 8112-16205: ...``). A single record over the limit is
skipped with the reason, without being read into memory. Duplicate ids are
caught within a part (ids are not remembered across parts: that would grow
with the file). A gzipped file is decompressed as a stream; when it breaks
off, the records read before the break are kept and the last part says so.
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from corroborate.errors import InputError, OversizeInputError
from corroborate.ingest.compressed import GZIP_WBITS, gunzip
from corroborate.ingest.files import FoundFile
from corroborate.ingest.jsonl import IdRegister, read_json
from corroborate.ingest.limits import within_time_limit
from corroborate.ingest.report import IngestedInput, human_size, one_line, skipped
from corroborate.ingest.sniff import sniff_format
from corroborate.ingest.warc import read_warc
from corroborate.model import InputReport

#: Bytes read to tell a file's format (decompressed, for gzip).
HEAD_BYTES = 65_536

#: Bytes read at a time when passing over a record too large to keep.
SKIP_CHUNK_BYTES = 1 << 20

#: Longest WARC record header block accepted (real ones are under 2 kB):
#: past it the data is not a WARC record, and the rest of the file is not cut.
MAX_WARC_HEADER_BYTES = 65_536

GZIP_MAGIC = b"\x1f\x8b"

#: What a gzip stream raises where it is cut off or damaged: the records read before are kept.
BROKEN_STREAM = (EOFError, zlib.error, gzip.BadGzipFile)

#: Stands in for a record too large to keep, so the reader numbers the next
#: ones as in the whole file; a metadata record, which it passes over silently.
PLACEHOLDER_RECORD = (
    b"WARC/1.0\r\nWARC-Type: metadata\r\n"
    b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\nContent-Length: 0\r\n\r\n\r\n\r\n"
)


def parts_format(found: FoundFile, max_bytes: int) -> str | None:
    """``json`` or ``warc`` when the file must be read in parts: JSON Lines or WARC over the limit; else None.

    The common case costs a ``stat`` and two bytes: a file within the limit
    that is not gzip is read whole. Only a gzipped container small on disk
    is decompressed to see whether it expands past the limit.
    """
    try:
        size = os.path.getsize(found.path)
        with open(found.path, "rb") as handle:
            magic = handle.read(len(GZIP_MAGIC))
            if size <= max_bytes and magic != GZIP_MAGIC:
                return None
            head = magic + handle.read(HEAD_BYTES - len(magic))
    except OSError:
        return None  # the ordinary reader reports what is wrong with the file
    format = _container_format(head)
    if format is not None and (size > max_bytes or _expands_past(found.path, max_bytes)):
        return format
    return None


def _container_format(head: bytes) -> str | None:
    """``json`` (JSON Lines) or ``warc`` when the file's first bytes, gzipped or not, start one of those."""
    if head.startswith(GZIP_MAGIC):
        try:
            # A decompressor object, not gzip.open: the head of a cut-off file must still be readable.
            head = zlib.decompressobj(GZIP_WBITS).decompress(head, HEAD_BYTES)
        except zlib.error:
            return None
    format = sniff_format(head)
    if format == "warc" or (format == "json" and head.lstrip().startswith(b"{")):
        return format
    return None


def _expands_past(path: str, max_bytes: int) -> bool:
    """True when a gzip file (at most ``max_bytes`` on disk) decompresses to more than ``max_bytes``."""
    try:
        with open(path, "rb") as handle:
            gunzip(handle.read(max_bytes + 1), max_bytes)
    except OversizeInputError:
        return True
    except (InputError, OSError):
        return False
    return False


def read_in_parts(
    found: FoundFile, format: str, max_bytes: int, time_limit: float | None
) -> Iterator[IngestedInput]:
    """One :class:`IngestedInput` per part of the file, each read within the time limit."""
    records = _json_lines if format == "json" else _warc_records
    reader = read_json if format == "json" else read_warc
    unit = "lines" if format == "json" else "records"
    # An id already used in an earlier part is a duplicate too, as in a whole-file read.
    options = {"ids": IdRegister()} if format == "json" else {}
    try:
        with _open_decompressed(found.path) as stream:
            parts = _pack(records(stream, found.input, max_bytes), stream, max_bytes)
            for number, part in enumerate(parts, start=1):
                with within_time_limit(time_limit, f"reading part {number}"):
                    if part.data:
                        result = reader(found.input, part.data, max_bytes, first=part.first, **options)
                    else:
                        result = IngestedInput(InputReport(found.input, "skipped", "no record in this part"))
                yield _labelled(result, part, number, unit)
    except InputError as error:
        yield skipped(found.input, str(error))
    except OSError as error:
        yield skipped(found.input, f"cannot read file ({one_line(error.strerror or str(error))})")


@dataclass
class _Part:
    """A run of whole records: their bytes, the number of the first and last, and those passed over."""

    first: int
    last: int = 0
    data: bytes = b""
    oversize: list[InputReport] = field(default_factory=list)
    broken: str = ""


#: One record read from the stream: its bytes to keep, or why it was passed over.
_Record = tuple[bytes, InputReport | None]


def _pack(records: Iterator[_Record], stream: BinaryIO, max_bytes: int) -> Iterator[_Part]:
    """Consecutive records gathered into parts of at most ``max_bytes`` (records are never split)."""
    part, buffer, number = _Part(first=1), bytearray(), 0
    try:
        for record, passed_over in records:
            number += 1
            if passed_over is not None:
                part.oversize.append(passed_over)
            if buffer and len(buffer) + len(record) > max_bytes:
                part.data, part.last = bytes(buffer), number - 1
                yield part
                part, buffer = _Part(first=number), bytearray()
            buffer += record
    except BROKEN_STREAM as error:
        part.broken = _broken(stream, error)
    part.data, part.last = bytes(buffer), number
    if part.data or part.oversize or part.broken:
        yield part


def _json_lines(stream: BinaryIO, input: str, max_bytes: int) -> Iterator[_Record]:
    """Each line; one over the limit is reported and stands as an empty line, keeping the numbering."""
    number = 0
    while line := stream.readline(max_bytes + 1):
        number += 1
        if len(line) <= max_bytes:
            yield line, None
            continue
        size = len(line) + _skip_rest_of_line(stream)
        yield b"\n", InputReport(f"{input}:{number}", "skipped", _too_large("record", size, max_bytes))


def _warc_records(stream: BinaryIO, input: str, max_bytes: int) -> Iterator[_Record]:
    """Each WARC record; one over the limit stands as an empty metadata record, keeping the numbering."""
    number = 0
    while True:
        record, oversize = _next_warc_record(stream, max_bytes)
        if record is None and oversize is None:
            return
        number += 1
        if oversize is None:
            yield record or b"", None
        else:
            yield PLACEHOLDER_RECORD, InputReport(f"{input}#{number}", "skipped", oversize) if oversize else None


def _next_warc_record(stream: BinaryIO, max_bytes: int) -> tuple[bytes | None, str | None]:
    """The next record's bytes, or ``(None, reason)`` for one too large to keep (``""``: pass over silently).

    ``(None, None)`` at the end of the data. A record cut short is returned
    as it is, so the WARC reader reports where the archive breaks.
    """
    line = stream.readline(MAX_WARC_HEADER_BYTES)
    while line and not line.strip():
        line = stream.readline(MAX_WARC_HEADER_BYTES)
    if not line:
        return None, None
    header = bytearray(line)
    length: int | None = None
    while line.strip():
        line = stream.readline(MAX_WARC_HEADER_BYTES)
        header += line
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            length = int(value.strip())
        if len(header) > MAX_WARC_HEADER_BYTES or not line:
            return bytes(header), None  # not a whole record header: the reader says what is wrong
    if length is None:
        return bytes(header), None
    if len(header) + length > max_bytes:
        return None, _oversize_reason(bytes(header), stream, length, max_bytes)
    content = stream.read(length)
    trailer = b"\r\n\r\n" if len(content) == length else b""  # a cut-off record stays cut off
    return bytes(header) + content + trailer, None


def _oversize_reason(header: bytes, stream: BinaryIO, length: int, max_bytes: int) -> str:
    """Pass over a record too large to keep; the reason to report it, or "" when it is no HTML page anyway."""
    head = stream.read(min(length, HEAD_BYTES))
    _skip(stream, length - len(head))
    is_response = b"warc-type: response" in header.lower()
    http_header = head.split(b"\r\n\r\n", 1)[0].lower()
    if is_response and (b"content-type: text/html" in http_header or b"content-type: application/xhtml" in http_header):
        return _too_large("page", length, max_bytes)
    return ""


def _labelled(result: IngestedInput, part: _Part, number: int, unit: str) -> IngestedInput:
    """The part's report, saying which records it covers, with the records passed over added."""
    report = result.report
    problems = part.oversize + list(result.record_problems)
    reasons = [report.reason, part.broken]
    if part.oversize:
        reasons.append(f"{len(part.oversize)} over the {unit[:-1]} size limit")
    status = report.status
    if status == "processed" and (part.oversize or part.broken):
        status = "partial"
    if status == "skipped" and not part.data:
        reasons[0] = ""
    reason = "; ".join(filter(None, reasons))
    input = f"{report.input} (part {number}: {unit} {part.first}-{part.last})"
    return IngestedInput(InputReport(input, status, reason, report.documents), result.documents, problems)


def _open_decompressed(path: str) -> BinaryIO:
    """The file as a binary stream, decompressed when it is gzip."""
    handle = open(path, "rb")
    if handle.read(2) == GZIP_MAGIC:
        handle.close()
        return gzip.open(path, "rb")  # type: ignore[return-value]
    handle.seek(0)
    return handle


def _skip_rest_of_line(stream: BinaryIO) -> int:
    skipped_bytes = 0
    while True:
        chunk = stream.readline(SKIP_CHUNK_BYTES)
        skipped_bytes += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped_bytes


def _skip(stream: BinaryIO, count: int) -> None:
    while count > 0:
        chunk = stream.read(min(count, SKIP_CHUNK_BYTES))
        if not chunk:
            return
        count -= len(chunk)


def _broken(stream: BinaryIO, error: Exception) -> str:
    """Why the data stops here: a gzip stream cut off, or damaged."""
    read = human_size(stream.tell())
    if isinstance(error, EOFError):
        return f"truncated gzip file (read the first {read})"
    return f"corrupt gzip data after the first {read} ({one_line(str(error))[:120]})"


def _too_large(what: str, size: int, max_bytes: int) -> str:
    return f"{what} is {human_size(size)}, over the {human_size(max_bytes)} limit (--max-bytes)"
