"""RSS and Atom feeds: one document per item, through feedparser.

An item's full content (``content:encoded``, Atom ``content``) is used when
present, else its summary. feedparser is lenient: it sets ``bozo`` on feeds
that are not well-formed XML but often still recovers the items, so a feed
is only refused when no items come out of it. The bytes are handed over as a
stream: given a string, feedparser would try to open it as a URL or a path.
"""

from __future__ import annotations

import io
import re
from typing import Any

import feedparser

from corroborate.errors import EmptyInputError, MalformedInputError
from corroborate.ingest.report import IngestedInput, container_result, one_line, plural, reader
from corroborate.model import DocumentFormat, InputReport, RawDocument

#: Content types feedparser reports for markup.
HTML_TYPES = ("text/html", "application/xhtml+xml")

ANY_TAG = re.compile(r"</?[A-Za-z][^<>]*>")

#: How the XML parser prefixes its messages: ``<unknown>:LINE:COLUMN: message``.
SAX_POSITION = re.compile(r"^<unknown>:\d+:\d+: ")


@reader
def read_feed(input: str, data: bytes, max_bytes: int) -> IngestedInput:
    """One document per feed item, with the item's link, title and dates as hints."""
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") and not parsed.get("version"):
            raise MalformedInputError(f"feed cannot be parsed ({_xml_problem(parsed) or 'not a feed'})")
        raise EmptyInputError("feed has no items")
    feed = parsed.get("feed") or {}
    encoding = str(parsed.get("encoding") or "utf-8")
    documents: list[RawDocument] = []
    problems: list[InputReport] = []
    for number, entry in enumerate(entries, start=1):
        item_input = f"{input}#{number}"
        found = _item_content(entry)
        if found is None:
            problems.append(InputReport(item_input, "skipped", "feed item has no content or summary"))
            continue
        format, content = found
        documents.append(RawDocument(item_input, format, content, encoding, _item_hints(entry, feed), "feed"))
    count = f"{len(documents)} of {len(entries)}" if problems else f"{len(documents)}"
    summary = f"{count} {plural('item', len(entries))}"
    if parsed.get("bozo") and documents and _xml_problem(parsed):
        summary += f" (feed is not well-formed: {_xml_problem(parsed)})"
    return container_result(input, documents, problems, summary, unit="item")


def _xml_problem(parsed: Any) -> str:
    """The XML parser's complaint, without its position.

    feedparser rewrites the document before parsing it (it replaces the XML
    declaration, for one), so the line and column the parser gives do not
    point into the user's file and would only mislead.
    """
    problem = one_line(str(parsed.get("bozo_exception") or ""))[:160]
    return SAX_POSITION.sub("", problem)


def _item_content(entry: Any) -> tuple[DocumentFormat, str] | None:
    candidates = [part for part in entry.get("content") or [] if _text_of(part)]
    # Prefer the richest body: items may carry a plain and an HTML version.
    candidates.sort(key=lambda part: (_is_html(part), len(_text_of(part))), reverse=True)
    if candidates:
        part = candidates[0]
    elif _text_of(entry.get("summary_detail") or {}) or (entry.get("summary") or "").strip():
        part = entry.get("summary_detail") or {"value": entry.get("summary"), "type": "text/html"}
    else:
        return None
    content = _text_of(part)
    # Feeds label plain-text summaries as HTML too; without a tag it is text.
    return ("html" if _is_html(part) and ANY_TAG.search(content) else "text"), content


def _text_of(part: Any) -> str:
    value = part.get("value") if hasattr(part, "get") else None
    return value if isinstance(value, str) and value.strip() else ""


def _is_html(part: Any) -> bool:
    return str(part.get("type") or "").lower().startswith(HTML_TYPES)


def _item_hints(entry: Any, feed: Any) -> dict[str, Any]:
    authors = [
        str(author.get("name")).strip()
        for author in entry.get("authors") or []
        if hasattr(author, "get") and str(author.get("name") or "").strip()
    ]
    if not authors and str(entry.get("author") or "").strip():
        authors = [str(entry.get("author")).strip()]
    candidates = {
        "id": entry.get("id"),
        "url": entry.get("link"),
        "title": entry.get("title"),
        # Plain dict lookups: feedparser answers "updated" with the published
        # date when an item has none, which would pass one date off as two.
        "feed_published": dict.get(entry, "published"),
        "feed_updated": dict.get(entry, "updated"),
        "authors": authors,
        "outlet": feed.get("title"),
        "language": feed.get("language"),
    }
    return {
        key: value.strip() if isinstance(value, str) else value
        for key, value in candidates.items()
        if value and (not isinstance(value, str) or value.strip())
    }
