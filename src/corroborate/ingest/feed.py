"""RSS and Atom feeds: one document per item, through feedparser.

An item's full content (``content:encoded``, Atom ``content``) is used when
present, else its summary. feedparser is lenient: it sets ``bozo`` on feeds
that are not well-formed XML but often still recovers the items, so a feed
is only refused when no items come out of it. The bytes are handed over as a
stream: given a string, feedparser would try to open it as a URL or a path.

We decode the bytes ourselves (:func:`.decode.decode_text`, as for every other
format) and hand feedparser UTF-8 declared as UTF-8. feedparser's own encoding
detection raises on a damaged XML declaration instead of reporting it: a
declared encoding that is not UTF-8 text (UnicodeDecodeError), holds a NUL
byte (ValueError), or names a codec that is not a character set ("idna":
UnicodeError), all found by fuzzing (docs/fuzzing.md). For the same reason
whitespace inside a namespace URI is percent-encoded first (as RFC 3987 maps
an IRI to a URI): Python's SAX reader splits namespaced names on any
whitespace, so a no-break space in ``xmlns="..."`` made it raise ValueError.
"""

from __future__ import annotations

import io
import re
from typing import Any
from urllib.parse import quote

import feedparser

from corroborate.errors import EmptyInputError, MalformedInputError
from corroborate.ingest.decode import decode_text
from corroborate.ingest.report import IngestedInput, container_result, one_line, plural, reader
from corroborate.model import DocumentFormat, InputReport, RawDocument

#: Content types feedparser reports for markup.
HTML_TYPES = ("text/html", "application/xhtml+xml")

ANY_TAG = re.compile(r"</?[A-Za-z][^<>]*>")

#: How the XML parser prefixes its messages: ``<unknown>:LINE:COLUMN: message``.
SAX_POSITION = re.compile(r"^<unknown>:\d+:\d+: ")

#: An XML declaration at the very start, as feedparser finds (and replaces) it.
XML_DECLARATION = re.compile(r"^<\?xml[^>]*?>")

#: What feedparser is given instead: the text is UTF-8 by the time it sees it.
UTF8_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'

#: A start tag, and a namespace declaration inside one (``xmlns="..."``, ``xmlns:dc='...'``).
START_TAG = re.compile(r"<[^<>!?/][^<>]*>")
NAMESPACE_DECLARATION = re.compile(r"""(\bxmlns(?::[^\s=<>]+)?\s*=\s*)(["'])(.*?)\2""", re.DOTALL)


@reader
def read_feed(input: str, data: bytes, max_bytes: int) -> IngestedInput:
    """One document per feed item, with the item's link, title and dates as hints."""
    text, encoding = decode_text(data)
    parsed = feedparser.parse(io.BytesIO(as_utf8_xml(text)), sanitize_html=True, resolve_relative_uris=True)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") and not parsed.get("version"):
            raise MalformedInputError(f"feed cannot be parsed ({_xml_problem(parsed) or 'not a feed'})")
        raise EmptyInputError("feed has no items")
    feed = parsed.get("feed") or {}
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


def as_utf8_xml(text: str) -> bytes:
    """The feed as UTF-8 bytes starting with a line that declares UTF-8 (replacing any declaration).

    feedparser replaces the declaration the same way once it has decoded a
    feed, so the XML parser sees the same document; only the decoding is ours.
    The line break matters: feedparser reads the encoding from the last
    ``encoding="..."`` on the first line, which must be ours.
    """
    body = XML_DECLARATION.sub("", text, count=1)
    if "xmlns" in body:
        body = START_TAG.sub(_namespaces_without_spaces, body)
    return (UTF8_DECLARATION + "\n" + body).encode("utf-8")


def _namespaces_without_spaces(tag: re.Match[str]) -> str:
    if "xmlns" not in tag.group():
        return tag.group()
    return NAMESPACE_DECLARATION.sub(
        lambda found: found[1] + found[2] + "".join(quote(c) if c.isspace() else c for c in found[3]) + found[2],
        tag.group(),
    )


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
