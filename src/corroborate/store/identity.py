"""Who an article is and which version of it we hold: the keys the store deduplicates on.

An article is known by its canonical URL; without one, by the id its input
gave it (a JSON record's ``id``, a feed item's ``guid``); without either, by
its text alone. A version of an article is known by the sha256 of its clean
text, and the document it came from by the sha256 of the raw document
(content, format, container and the metadata it carried). The raw hash lets
a re-run recognize a document it has stored without extracting it again, so
a page whose clean text depends on the pages batched with it (the plain-text
boilerplate remover counts lines repeated across a batch) is still stored
once. URL normalization is courlan's (tracking parameters dropped, query
sorted, host lower-cased); we add only what courlan leaves: the fragment,
``http`` versus ``https``, a ``www.`` host prefix and a trailing slash, none
of which names a different article on a news site.
"""

from __future__ import annotations

import hashlib
import json
from urllib.parse import urlsplit, urlunsplit

from courlan import normalize_url

from corroborate.model import RawDocument

#: Key prefixes, one per identity rule, so keys of different kinds never collide.
URL_KEY, INPUT_ID_KEY, TEXT_KEY = "url:", "id:", "sha256:"


def canonical_url(url: str | None) -> str | None:
    """The article's address with tracking, fragment, scheme and ``www.`` differences removed; None if not a web URL."""
    if not url or not url.strip():
        return None
    try:
        parts = urlsplit(normalize_url(url.strip()))
        port = parts.port
    except ValueError:  # an unparsable host or port
        return None
    host = (parts.hostname or "").removeprefix("www.")
    if parts.scheme not in {"http", "https"} or "." not in host:
        return None
    port_suffix = f":{port}" if port not in {None, 80, 443} else ""
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https", host + port_suffix, path, parts.query, ""))


def content_hash(text: str) -> str:
    """The sha256 (hex) of an article's clean text: one value per version."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def raw_hash(document: RawDocument) -> str:
    """The sha256 (hex) of a raw document as read, independent of the path it was read from."""
    fields = [document.format, document.container, document.content, document.hints]
    encoded = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def article_key(url: str | None, input_id: str | None, text_hash: str) -> str:
    """The store's identity of an article: canonical URL, else the input's own id, else the text hash."""
    if url:
        return URL_KEY + url
    if input_id:
        return INPUT_ID_KEY + input_id
    return TEXT_KEY + text_hash
