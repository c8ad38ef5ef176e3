"""WARC archives: HTML responses become documents; the rest is counted or passed over."""

from __future__ import annotations

import io

from ingest_builders import PNG_BYTES, build_warc, html_response, request_record
from warcio.warcwriter import WARCWriter

from corroborate.ingest import ingest, read_bytes
from corroborate.ingest.warc import read_warc
from corroborate.model import InputReport


def test_warc_html_responses_become_documents_with_uri_and_date():
    result = read_warc("crawl.warc", build_warc(), 10_000_000)

    assert result.report == InputReport("crawl.warc", "processed", "2 HTML pages; 1 non-HTML response ignored", 2)
    assert [d.input for d in result.documents] == ["crawl.warc#2", "crawl.warc#5"]
    first = result.documents[0]
    assert (first.format, first.container, first.encoding) == ("html", "warc", "utf-8")
    assert "<h1>Coalition to wind down</h1>" in first.content
    assert first.hints["url"] == "https://news.example/a"
    assert first.hints["crawl_date"].startswith("20")
    assert set(first.hints) == {"url", "crawl_date"}
    assert result.record_problems == []


def test_gzipped_warc_is_read_through_ingest(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(build_warc(gzip=True))

    [result] = ingest([str(path)])

    assert result.report == InputReport(str(path), "processed", "2 HTML pages; 1 non-HTML response ignored", 2)
    assert [d.hints["url"] for d in result.documents] == ["https://news.example/a", "https://news.example/b"]


def test_non_2xx_html_responses_are_counted():
    result = read_warc("crawl.warc", build_warc(extra_status="404 Not Found"), 10_000_000)

    assert result.report.reason == "2 HTML pages; 1 HTML response with status 404, 1 non-HTML response ignored"
    assert result.report.status == "processed"


def test_truncated_warc_keeps_records_before_the_break():
    data = build_warc()
    cut = data[: len(data) - 100]  # inside the last response's payload

    result = read_bytes("crawl.warc", cut, 10_000_000)

    assert result.report == InputReport(
        "crawl.warc",
        "partial",
        "WARC is truncated inside record #5; read before the break: 1 HTML page; 1 non-HTML response ignored",
        1,
    )
    assert [d.input for d in result.documents] == ["crawl.warc#2"]


def test_warc_cut_inside_a_record_header_is_reported():
    data = build_warc()
    last_record = data.rindex(b"WARC/1.")
    cut = data[: last_record + 40]

    result = read_warc("crawl.warc", cut, 10_000_000)

    assert result.report == InputReport(
        "crawl.warc",
        "partial",
        "WARC breaks after record #4 (damaged or incomplete record); "
        "read before the break: 1 HTML page; 1 non-HTML response ignored",
        1,
    )
    assert [d.input for d in result.documents] == ["crawl.warc#2"]


def test_truncated_gzipped_warc_keeps_whole_records():
    data = build_warc(gzip=True)
    cut = data[: len(data) - 60]

    result = read_bytes("crawl.warc.gz", cut, 10_000_000)

    assert result.report.status == "partial"
    assert result.report.reason.startswith("truncated gzip file (read the first ")
    assert "WARC is truncated inside record #5" in result.report.reason
    assert [d.input for d in result.documents] == ["crawl.warc.gz#2"]


def test_warc_without_html_is_skipped_with_the_count():
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    writer.write_record(request_record(writer, "https://news.example/logo.png"))
    writer.write_record(html_response(writer, "https://news.example/logo.png", PNG_BYTES, "image/png"))

    result = read_warc("images.warc", buffer.getvalue(), 10_000_000)

    assert result.report == InputReport("images.warc", "skipped", "WARC holds no HTML pages (1 non-HTML response ignored)")
    assert result.documents == []


def test_damaged_warc_is_skipped_with_a_reason():
    result = read_bytes("bad.warc", b"WARC/1.0\r\nWARC-Type: response\r\n\r\nnot a record", 10_000_000)

    assert result.report.status == "skipped"
    assert result.report.reason.startswith("WARC cannot be parsed")
    assert "\n" not in result.report.reason


def test_a_page_over_the_size_limit_is_a_record_problem():
    result = read_warc("crawl.warc", build_warc(), 100)

    assert result.documents == []
    assert [(p.input, p.reason) for p in result.record_problems] == [
        ("crawl.warc#2", "page is over the 100 bytes limit (--max-bytes)"),
        ("crawl.warc#5", "page is over the 100 bytes limit (--max-bytes)"),
    ]
    assert result.report.status == "skipped"
