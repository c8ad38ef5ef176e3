"""JSON Lines (one article per line) and JSON files (one article or an array).

Each record is an object with the article as ``html`` or ``text`` and its
metadata under any of the usual names (``pubDate``, ``site_name``, ...); the
metadata is passed on as ``hints`` under our canonical keys. A bad line is
reported as ``path:LINE`` with the reason and the rest of the file is still
read; blank lines are ignored.
"""

from __future__ import annotations

import json
from typing import Any

from corroborate.errors import EmptyInputError, MalformedInputError
from corroborate.ingest.decode import decode_text
from corroborate.ingest.report import IngestedInput, container_result, human_size, one_line, plural, reader
from corroborate.model import DocumentFormat, InputReport, RawDocument

#: Canonical hint key -> field names accepted for it, in order of preference.
HINT_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "guid", "uuid", "article_id"),
    "url": ("url", "link", "canonical_url", "uri"),
    "title": ("title", "headline"),
    "published": (
        "published", "date", "pubDate", "published_at", "datePublished",
        "publish_date", "pub_date", "publication_date",
    ),
    "outlet": ("outlet", "source", "site", "site_name", "publisher", "source_name"),
    "authors": ("authors", "author", "byline", "creator"),
    "language": ("language", "lang", "inLanguage"),
}

#: Fields holding the article itself: markup first, because the HTML keeps the
#: headline, byline and date the extractor can use.
CONTENT_FIELDS: tuple[tuple[DocumentFormat, tuple[str, ...]], ...] = (
    ("html", ("html", "raw_html", "content_html")),
    ("text", ("text", "content", "body", "article", "maintext")),
)

JSON_TYPE_NAMES = {dict: "object", list: "array", str: "string", int: "number",
                   float: "number", bool: "boolean", type(None): "null"}


@reader
def read_json(input: str, data: bytes, max_bytes: int) -> IngestedInput:
    """Articles from a JSON Lines file, or a JSON file holding one article or an array."""
    text, encoding = decode_text(data)
    if not text.strip():
        raise EmptyInputError("file holds only whitespace")
    if isinstance(_parse_whole(_first_line(text)), dict):
        return _read_lines(input, text, encoding, max_bytes)
    whole = _parse_whole(text)
    if isinstance(whole, list):
        return _read_array(input, whole, encoding)
    if whole is not None:
        document, problem = _record_document(input, whole, encoding, "jsonl")
        if problem:
            raise MalformedInputError(problem)
        return IngestedInput(InputReport(input, "processed", "1 record", 1), [document], [])
    return _read_lines(input, text, encoding, max_bytes)


def _first_line(text: str) -> str:
    return next(line for line in text.split("\n") if line.strip())


def _parse_whole(text: str) -> Any:
    """The file as one JSON value, or None when it is not one (JSON Lines)."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _read_array(input: str, records: list[Any], encoding: str) -> IngestedInput:
    documents: list[RawDocument] = []
    problems: list[InputReport] = []
    for number, record in enumerate(records, start=1):
        document, problem = _record_document(f"{input}#{number}", record, encoding, "jsonl")
        if document:
            documents.append(document)
        else:
            problems.append(InputReport(f"{input}#{number}", "skipped", problem))
    if not records:
        raise EmptyInputError("JSON array holds no records")
    summary = f"{len(documents)} of {len(records)} records" if problems else f"{len(documents)} {plural('record', len(documents))}"
    return container_result(input, documents, problems, summary, unit="record")


def _read_lines(input: str, text: str, encoding: str, max_bytes: int) -> IngestedInput:
    documents: list[RawDocument] = []
    problems: list[InputReport] = []
    records = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        records += 1
        record_input = f"{input}:{number}"
        problem = _line_too_large(line, max_bytes)
        document = None
        if not problem:
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                problem = f"invalid JSON ({error.msg} at column {error.colno})"
            except (ValueError, RecursionError) as error:
                problem = f"invalid JSON ({one_line(str(error)) or type(error).__name__})"
            else:
                document, problem = _record_document(record_input, record, encoding, "jsonl")
        if document:
            documents.append(document)
        else:
            problems.append(InputReport(record_input, "skipped", problem))
    if not documents and not problems:
        raise EmptyInputError("file holds only whitespace")
    if not documents and problems and all(p.reason.startswith("invalid JSON") for p in problems):
        if records == 1:
            raise MalformedInputError(problems[0].reason)
    summary = f"{len(documents)} of {records} records read" if problems else f"{len(documents)} {plural('record', len(documents))}"
    return container_result(input, documents, problems, summary, unit="line")


def _line_too_large(line: str, max_bytes: int) -> str:
    if len(line) * 4 <= max_bytes:  # cheap bound: at most 4 UTF-8 bytes per character
        return ""
    size = len(line.encode("utf-8", errors="replace"))
    if size <= max_bytes:
        return ""
    return f"record is {human_size(size)}, over the {human_size(max_bytes)} limit (--max-bytes)"


def _record_document(
    input: str, record: Any, encoding: str, container: str
) -> tuple[RawDocument | None, str]:
    """The record as a document, or None and the reason it is not one."""
    if not isinstance(record, dict):
        return None, f"record is a JSON {JSON_TYPE_NAMES.get(type(record), 'value')}, not an object"
    for format, fields in CONTENT_FIELDS:
        for name in fields:
            value = record.get(name)
            if isinstance(value, str) and value.strip():
                return RawDocument(input, format, value, encoding, record_hints(record), container), ""
    present = [name for _, fields in CONTENT_FIELDS for name in fields if name in record]
    if present:
        return None, f"record's {present[0]!r} field holds no text"
    return None, "record has no 'text' or 'html' field"


def record_hints(record: dict[str, Any]) -> dict[str, Any]:
    """The record's metadata under canonical hint keys (values that are not usable dropped)."""
    hints: dict[str, Any] = {}
    for key, names in HINT_FIELDS.items():
        for name in names:
            value = _hint_value(key, record.get(name))
            if value:
                hints[key] = value
                break
    return hints


def _hint_value(key: str, value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value) if key in {"id", "published"} else None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        # {"name": "Reuters"} for a source or author, as news APIs give them.
        return _hint_value(key, value.get("name"))
    if isinstance(value, list) and key == "authors":
        names = [_hint_value(key, item) for item in value]
        return [name for name in names if isinstance(name, str)] or None
    return None
