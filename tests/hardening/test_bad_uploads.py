"""The bad-input catalogue (docs/errors.md) through the web app's upload endpoint.

All the bad files go up in one request with a good page: each gets its own
result with the reason, the good page is stored, and the request succeeds.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from bad_input_builders import (
    PNG_BYTES,
    broken_jsonl,
    duplicate_ids_jsonl,
    empty_feed,
    gzip_bomb,
    menu_page,
    mixed_encoding_page,
    tiny_articles_jsonl,
    truncated_warc,
)

from corroborate.store import open_store

TOKEN = {"Authorization": "Bearer s3cret"}
#: The per-file limit of the ``upload_client`` fixture (tests/hardening/conftest.py).
LIMIT = 200_000


def _result(name: str, status: str, reason: str, documents: int = 0, records: list | None = None) -> dict:
    return {"name": name, "status": status, "reason": reason, "documents": documents, "records": records or []}


def test_each_bad_upload_gets_its_reason_and_the_rest_is_stored(upload_client, good_page: Path) -> None:
    files = [
        ("empty.html", b""),
        ("photo.html", PNG_BYTES),
        ("broken.jsonl", broken_jsonl()),
        ("crawl.warc", truncated_warc()),
        ("front.html", menu_page()),
        ("mixed.html", mixed_encoding_page()),
        ("big.html", b"<p>" + b"x" * LIMIT + b"</p>"),
        ("bomb.html.gz", gzip_bomb(LIMIT * 2)),
        ("export.jsonl.gz", gzip.compress(tiny_articles_jsonl(LIMIT // 20, empty_every=10**9))),
        ("feed.xml", empty_feed()),
        ("dup.jsonl", duplicate_ids_jsonl()),
        ("good.txt", good_page.read_bytes()),
    ]
    response = upload_client.post(
        "/api/upload", files=[("files", file) for file in files], headers=TOKEN
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["files"] == [
        _result("empty.html", "skipped", "empty file (0 bytes)"),
        _result("photo.html", "skipped", "binary file (PNG image)"),
        _result("broken.jsonl", "partial", "2 of 3 records read; 1 line failed (line 2)", 2, [
            {"record": "broken.jsonl:2", "status": "skipped",
             "reason": "invalid JSON (Unterminated string starting at column 26)"},
        ]),
        _result("crawl.warc", "partial", "WARC is truncated inside record #2; read before the break: 1 HTML page", 1),
        _result("front.html", "skipped", "no article text found on the page (only menu or link text)"),
        _result("mixed.html", "processed", "mixed encodings: mostly UTF-8, stray bytes read as cp1252", 1),
        _result("big.html", "skipped", f"larger than the upload limit of {LIMIT} bytes"),
        # The server's limit, not the command line's --max-bytes.
        _result("bomb.html.gz", "skipped", "decompressed gzip data is over the 200 kB upload limit"),
        # The command line reads such a JSON Lines file in parts; an upload may not unpack past its limit.
        _result("export.jsonl.gz", "skipped", "decompressed gzip data is over the 200 kB upload limit"),
        _result("feed.xml", "skipped", "feed has no items"),
        _result("dup.jsonl", "partial", "1 of 3 records read; 2 lines failed (lines 2, 3)", 1, [
            {"record": "dup.jsonl:2", "status": "skipped",
             "reason": "duplicate id 'fare-1' (line 1 has the same id); not read"},
            {"record": "dup.jsonl:3", "status": "skipped",
             "reason": "duplicate id 'fare-1' (line 1 has the same id); not read"},
        ]),
        _result("good.txt", "processed", "", 1),
    ]
    # broken.jsonl's fare-1 and dup.jsonl's fare-1 are one article by id: the second is the same text.
    assert (result["new_articles"], result["new_revisions"], result["duplicates"]) == (5, 0, 1)
    store_path = upload_client.app.state.site.settings.database
    with open_store(store_path) as store:
        stored = {article.article.id for article in store.articles()}
    # Ids of articles without one of their own come from the input name, ``upload:NAME`` (never the temporary path).
    assert stored == {"fare-1", "fare-3", "upload:crawl-1", "upload:mixed", "upload:good"}
