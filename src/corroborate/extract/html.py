"""STUB: HTML extraction through trafilatura (being written)."""

from __future__ import annotations

import trafilatura

from corroborate.extract.boilerplate import BatchContext
from corroborate.model import Article, RawDocument


def extract_html(document: RawDocument, context: BatchContext) -> Article:
    """Clean article from an HTML page."""
    text = trafilatura.extract(document.content) or ""
    return Article(id="", input=document.input, text=text, format="html")
