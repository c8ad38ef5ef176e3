"""Single pages: one HTML page or one pre-scraped plain-text page per file."""

from __future__ import annotations

from corroborate.errors import EmptyInputError
from corroborate.ingest.decode import decode_text, encoding_note
from corroborate.ingest.report import IngestedInput, reader
from corroborate.model import DocumentFormat, InputReport, RawDocument


def read_page(input: str, data: bytes, format: DocumentFormat, declared: str | None = None) -> IngestedInput:
    """Decode ``data`` as one page of the given format; ``declared`` is a charset from outside the bytes (HTTP)."""
    text, encoding = decode_text(data, declared)
    if not text.strip():
        raise EmptyInputError("file holds only whitespace")
    document = RawDocument(input, format, text, encoding, {}, "file")
    return IngestedInput(InputReport(input, "processed", encoding_note(encoding), 1), [document], [])


@reader
def read_html(input: str, data: bytes, max_bytes: int) -> IngestedInput:
    """One HTML page."""
    return read_page(input, data, "html")


@reader
def read_text(input: str, data: bytes, max_bytes: int) -> IngestedInput:
    """One pre-scraped plain-text page."""
    return read_page(input, data, "text")
