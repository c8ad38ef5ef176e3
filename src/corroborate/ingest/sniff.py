"""Which reader an input needs, judged from its bytes, never from its name.

A gzip file is recognised by its magic bytes, a WARC archive by its version
line, a feed by its root element, JSON by its opening brackets, and an HTML
page by its doctype or landmark tags, or else by a high share of markup.
Anything else is a plain-text page; whether it is really text (and not an
image) is settled when it is decoded.

Sniffing only looks at the head of the input, decoded loosely: every marker
we look for is ASCII, so Latin-1 decoding is enough unless a UTF-16/32
byte-order mark says otherwise. We sniff ourselves rather than use libmagic
(python-magic, filetype): those need a system library or stop at "XML" and
"text", while we must tell a feed from a page and JSON Lines from prose.
"""

from __future__ import annotations

import codecs
import re

#: How much of the input the sniffers look at.
SNIFF_BYTES = 65_536

GZIP_MAGIC = b"\x1f\x8b"

WARC_VERSION = re.compile(rb"\A\s{0,64}WARC/\d\.\d+\r?\n")

#: An XML prolog (declaration, comments, processing instructions, doctype)
#: followed by a feed's root element: RSS 2.0/0.9x, Atom, or RSS 1.0 (RDF).
FEED_ROOT = re.compile(
    r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*)*"
    r"<(?:rss|feed|(?:[A-Za-z]+:)?RDF)\b",
    re.IGNORECASE | re.DOTALL,
)

#: The start of a JSON value holding records: an object with a key, or an
#: array of objects (or an empty one). Text that merely begins with "[Updated]"
#: is not JSON.
JSON_START = re.compile(r'\A\s*(?:\{\s*(?:"|\}|\Z)|\[\s*(?:\{|\]|\Z))')

#: Lines that begin like a JSON object, for JSON Lines whose first line is broken.
JSON_LINE = re.compile(r'^\s*\{\s*"', re.MULTILINE)

#: Markup only a whole HTML page (or a fragment meant as one) starts with.
HTML_LANDMARK = re.compile(r"<!DOCTYPE\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)

#: How far into the page a landmark tag must appear (after that it may just be
#: an article quoting markup).
LANDMARK_WINDOW = 2048

TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,500})?/?>")

#: A fragment without landmarks counts as HTML when it has at least this many
#: tags and they make up at least this share of its characters; a text article
#: that mentions "<b>" once stays text.
MIN_FRAGMENT_TAGS = 5
MIN_TAG_SHARE = 0.05

#: Of the first lines, how many must start like a JSON object for a file whose
#: first line is broken to still be read as JSON Lines.
JSON_LINES_SAMPLE = 5
MIN_JSON_LINES = 2


def sniff_format(data: bytes) -> str:
    """The reader name for ``data``: gzip, warc, feed, json, html or text."""
    head = data[:SNIFF_BYTES]
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if WARC_VERSION.match(head):
        return "warc"
    text = _loose_text(head)
    if FEED_ROOT.match(text):
        return "feed"
    if _looks_like_json(text):
        return "json"
    if looks_like_html(text):
        return "html"
    return "text"


def looks_like_html(text: str) -> bool:
    """True for an HTML page or a markup-heavy fragment."""
    if HTML_LANDMARK.search(text[:LANDMARK_WINDOW]):
        return True
    tags = TAG.findall(text)
    if len(tags) < MIN_FRAGMENT_TAGS:
        return False
    return sum(len(tag) for tag in tags) / max(len(text), 1) >= MIN_TAG_SHARE


def _looks_like_json(text: str) -> bool:
    if JSON_START.match(text):
        return True
    lines = [line for line in text.lstrip().splitlines()[: JSON_LINES_SAMPLE * 2] if line.strip()]
    sample = lines[:JSON_LINES_SAMPLE]
    return bool(sample) and sample[0].lstrip().startswith("{") and (
        sum(1 for line in sample if JSON_LINE.match(line)) >= MIN_JSON_LINES
    )


def _loose_text(head: bytes) -> str:
    for mark, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(mark):
            return head[len(mark) :].decode(encoding, errors="replace")
    return head.removeprefix(codecs.BOM_UTF8).decode("latin-1")
