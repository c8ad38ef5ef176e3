"""Builders for real ingest inputs: WARC archives written with warcio, feeds, pages."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "iraq-coalition-2024"

PAGE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Coalition to wind down</title></head>
<body><article><h1>Coalition to wind down</h1>
<p>The United States and Iraq said the coalition mission will end by September 2025.</p>
</article></body></html>
"""

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def html_response(writer: WARCWriter, url: str, body: bytes, content_type: str = "text/html; charset=utf-8",
                  status: str = "200 OK"):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)


def request_record(writer: WARCWriter, url: str):
    headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
    return writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=headers)


def build_warc(*, gzip: bool = False, extra_status: str | None = None) -> bytes:
    """A WARC: warcinfo (#1), HTML response (#2), request (#3), PNG response (#4), HTML response (#5).

    ``extra_status`` appends an HTML response (#6) with that HTTP status.
    """
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    writer.write_record(html_response(writer, "https://news.example/a", PAGE_HTML.encode()))
    writer.write_record(request_record(writer, "https://news.example/a"))
    writer.write_record(html_response(writer, "https://news.example/logo.png", PNG_BYTES, "image/png"))
    second = PAGE_HTML.replace("Coalition to wind down", "Second page").encode()
    writer.write_record(html_response(writer, "https://news.example/b", second))
    if extra_status:
        writer.write_record(html_response(writer, "https://news.example/gone", b"<html>gone</html>",
                                          status=extra_status))
    return buffer.getvalue()

