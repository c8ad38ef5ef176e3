"""JSON Lines (one article per line) and JSON files (one article or an array).

Each record is an object with the article as ``html`` or ``text`` and its
metadata under any of the usual names (``pubDate``, ``site_name``, ...); the
metadata is passed on as ``hints`` under our canonical keys. A bad line is
reported as ``path:LINE`` with the reason and the rest of the file is still
read; blank lines are ignored.

Ids name articles: ``extract`` writes them out and the store keys articles
without a URL by them, so a second record with an id already used in the
same file would come out renamed (``a1-2``) or be stored as a revision of
the first. Which of the two is right cannot be told, so the first is read
and each later one is reported (``duplicate id``) and not read. A file read
in parts (:mod:`.parts`) shares one :class:`IdRegister` across its parts, so
this holds for the whole file.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from corroborate.errors import EmptyInputError, MalformedInputError
from corroborate.ingest.decode import decode_text, encoding_note
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

#: How many leading lines to try: if one is a JSON object by itself, the file
#: is JSON Lines (even when its first line is the broken one).
JSON_LINES_PROBE = 5

JSON_TYPE_NAMES = {dict: "object", list: "array", str: "string", int: "number",
                   float: "number", bool: "boolean", type(None): "null"}


@reader
def read_json(
    input: str, data: bytes, max_bytes: int, first: int = 1, ids: IdRegister | None = None
) -> IngestedInput:
    """Articles from a JSON Lines file, or a JSON file holding one article or an array.

    ``first`` is the line number of the data's first line, and ``ids`` the
    ids met in the earlier parts, for one part of a bigger JSON Lines file
    (:mod:`.parts`).
    """
    text, encoding = decode_text(data)
    if not text.strip():
        raise EmptyInputError("file holds only whitespace")
    if _is_json_lines(text):
        return _read_lines(input, text, encoding, max_bytes, first, ids or IdRegister())
    try:
        whole = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise MalformedInputError(f"invalid JSON ({_position(error, where)})") from None
    if isinstance(whole, list):
        return _read_array(input, whole, encoding)
    document, problem = _record_document(input, whole, encoding, "jsonl")
    if document is None:
        raise MalformedInputError(problem)
    return IngestedInput(InputReport(input, "processed", "1 record", 1), [document], [])


def _is_json_lines(text: str) -> bool:
    """True when one of the first lines is a whole JSON object by itself."""
    lines = (line for line in text.split("\n") if line.strip())
    return any(isinstance(_parse(line), dict) for line in itertools.islice(lines, JSON_LINES_PROBE))


def _parse(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _read_array(input: str, records: list[Any], encoding: str) -> IngestedInput:
    if not records:
        raise EmptyInputError("JSON array holds no records")
    documents: list[RawDocument] = []
    problems: list[InputReport] = []
    ids = IdRegister()
    for number, record in enumerate(records, start=1):
        document, problem = _record_document(f"{input}#{number}", record, encoding, "jsonl")
        document, problem = ids.check(document, problem, f"record #{number}")
        if document is None:
            problems.append(InputReport(f"{input}#{number}", "skipped", problem))
        else:
            documents.append(document)
    return container_result(input, documents, problems, _count(documents, len(records)), unit="record")


def _read_lines(
    input: str, text: str, encoding: str, max_bytes: int, first: int, ids: IdRegister
) -> IngestedInput:
    documents: list[RawDocument] = []
    problems: list[InputReport] = []
    records = 0
    for number, line in enumerate(text.split("\n"), start=first):
        if not line.strip():
            continue
        records += 1
        record_input = f"{input}:{number}"
        document, problem = _line_document(record_input, line, encoding, max_bytes)
        document, problem = ids.check(document, problem, f"line {number}")
        if document is None:
            problems.append(InputReport(record_input, "skipped", problem))
        else:
            documents.append(document)
    summary = "; ".join(filter(None, [_count(documents, records), encoding_note(encoding)]))
    return container_result(input, documents, problems, summary, unit="line")


def _line_document(input: str, line: str, encoding: str, max_bytes: int) -> tuple[RawDocument | None, str]:
    too_large = _line_too_large(line, max_bytes)
    if too_large:
        return None, too_large
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return None, f"invalid JSON ({_position(error, f'column {error.colno}')})"
    except (ValueError, RecursionError) as error:
        return None, f"invalid JSON ({one_line(str(error)) or type(error).__name__})"
    return _record_document(input, record, encoding, "jsonl")


class IdRegister:
    """The ids seen so far in one file (all its parts), and where each was first seen."""

    def __init__(self) -> None:
        self.first_seen: dict[str, str] = {}

    def check(
        self, document: RawDocument | None, problem: str, where: str
    ) -> tuple[RawDocument | None, str]:
        """The document, or None and the reason when its id was used earlier in the file."""
        identifier = document.hints.get("id") if document is not None else None
        if not isinstance(identifier, str):
            return document, problem
        if identifier in self.first_seen:
            return None, f"duplicate id {identifier!r} ({self.first_seen[identifier]} has the same id); not read"
        self.first_seen[identifier] = where
        return document, problem


def _position(error: json.JSONDecodeError, where: str) -> str:
    """The parser's message with where it happened; some messages end in "at" already."""
    if error.msg.endswith(" at"):  # "Unterminated string starting at"
        return f"{error.msg} {where}"
    return f"{error.msg} at {where}"


def _count(documents: list[RawDocument], records: int) -> str:
    if len(documents) < records:
        return f"{len(documents)} of {records} records read"
    return f"{records} {plural('record', records)}"


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
