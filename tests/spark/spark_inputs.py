"""Batch inputs built from the bundled example: its pages, a JSON Lines file and a WARC, plus bad inputs."""

from __future__ import annotations

import html
import io
import json
import shutil
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corroborate.pipeline import extract_inputs

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "iraq-coalition-2024"

#: The JSON Lines line that is not JSON (1-based, as reports number lines).
BAD_LINE = 3
#: Two reports of an unrelated event, so the batch holds a second story.
OTHER_STORY = (
    {"id": "quake-wire", "outlet": "Wire", "published": "2024-10-08", "title": "Strong earthquake shakes northern Chile",
     "text": "A magnitude 6.4 earthquake struck off the coast of northern Chile on Tuesday, the national seismology "
             "centre said, shaking buildings in Antofagasta and Iquique.\n\nThe navy said the tremor did not meet "
             "the conditions for a tsunami along the coast. Power was cut in parts of Antofagasta for about an hour, "
             "the regional energy company reported, and no casualties were reported."},
    {"id": "quake-daily", "outlet": "Daily", "published": "2024-10-08",
     "title": "Quake rattles Antofagasta, no tsunami threat",
     "text": "Residents of Antofagasta ran into the streets on Tuesday when a 6.4-magnitude earthquake hit off "
             "northern Chile, according to the seismology centre of the University of Chile.\n\nChile's navy ruled "
             "out a tsunami. The energy company said power was restored in Antofagasta within the hour; "
             "Iquique reported minor damage to older buildings."},
)

#: When the WARC's pages were crawled (fixed, so nothing depends on the day the tests run).
CRAWL_DATE = "2025-03-02T10:00:00Z"

#: How many example articles are copied into the JSON Lines file and into the WARC (few: annotating is slow).
COPIES = 2

#: An id given twice in the JSON Lines file: the second record is skipped and reported, as the reader does.
DUPLICATE_ID = "dup"


def write_batch_inputs(folder: Path) -> list[str]:
    """Write the inputs into ``folder``; return the arguments to run the batch on (one of them missing)."""
    articles = extract_inputs([str(EXAMPLE)]).articles
    pages = folder / "pages"
    pages.mkdir()
    for page in sorted(EXAMPLE.iterdir()):
        shutil.copy(page, pages / page.name)

    lines = []
    for number, article in enumerate(articles[:COPIES]):
        record = {"id": DUPLICATE_ID, "title": article.title, "url": article.url, "text": article.text}
        if number == 0:
            record["published"] = "2024-09-27"
        lines.append(json.dumps(record))
    lines.insert(BAD_LINE - 1, '{"id": "broken", "text": "cut off')
    lines.extend(json.dumps(record) for record in OTHER_STORY)
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    (folder / "crawl.warc.gz").write_bytes(_warc(articles))
    (folder / "empty.html").write_bytes(b"")
    return [str(pages), str(folder / "articles.jsonl"), str(folder / "crawl.warc.gz"),
            str(folder / "empty.html"), str(folder / "missing.jsonl")]


def _warc(articles: list) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for number, article in enumerate(articles[:COPIES]):
        paragraphs = "".join(f"<p>{html.escape(block)}</p>" for block in article.text.split("\n\n"))
        title = html.escape(article.title or f"Article {number}")
        page = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                f"{paragraphs}</article></body></html>").encode("utf-8")
        uri = f"https://news{number}.example.com/2024/09/story-{number}.html"
        request = writer.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
        writer.write_record(request)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=io.BytesIO(page), http_headers=headers, warc_headers_dict={"WARC-Date": CRAWL_DATE}
        ))
    missing = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "https://news0.example.com/gone", "response", payload=io.BytesIO(b"<html>gone</html>"), http_headers=missing
    ))
    return buffer.getvalue()
