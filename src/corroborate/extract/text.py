"""STUB: pre-scraped text extraction (being written)."""

from __future__ import annotations

from corroborate.extract.boilerplate import BatchContext
from corroborate.model import Article, RawDocument


def extract_text(document: RawDocument, context: BatchContext) -> Article:
    """Clean article from a pre-scraped text page."""
    return Article(id="", input=document.input, text=document.content.strip())
