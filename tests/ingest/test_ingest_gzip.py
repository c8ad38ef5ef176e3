"""gzip by magic bytes: size limit on the decompressed data, truncation reported."""

from __future__ import annotations

import gzip

import pytest

from corroborate.errors import MalformedInputError, OversizeInputError
from corroborate.ingest import read_bytes
from corroborate.ingest.compressed import gunzip
from corroborate.model import InputReport

PAGE = b"<!DOCTYPE html><html><body><p>The coalition will end.</p></body></html>"


def test_multi_member_gzip_is_read_whole():
    result = gunzip(gzip.compress(b"first ") + gzip.compress(b"second"), 1000)
    assert (result.data, result.truncated) == (b"first second", False)


def test_decompression_stops_at_the_limit():
    bomb = gzip.compress(b"\0" * 5_000_000)  # about 5 kB on disk
    with pytest.raises(OversizeInputError) as raised:
        gunzip(bomb, 1_000_000)
    assert str(raised.value) == "decompressed gzip data is over the 1 MB limit (--max-bytes)"


def test_truncated_stream_returns_what_was_recovered():
    data = gzip.compress(PAGE * 50)
    result = gunzip(data[: len(data) // 2], 100_000)
    assert result.truncated is True
    assert (PAGE * 50).startswith(result.data)


def test_corrupt_gzip_is_malformed():
    data = bytearray(gzip.compress(PAGE))
    data[12] ^= 0xFF
    with pytest.raises(MalformedInputError, match=r"^corrupt gzip data \("):
        gunzip(bytes(data), 100_000)


def test_truncated_gzip_page_is_skipped_not_half_used():
    data = gzip.compress(PAGE * 50)

    result = read_bytes("page.html.gz", data[: len(data) // 2], 100_000)

    assert result.documents == []
    assert result.report.status == "skipped"
    assert result.report.reason.startswith("truncated gzip file (the data ends after ")
    assert result.report.reason.endswith("; a cut-off HTML page is not used)")


def test_oversize_after_decompression_is_reported_by_read_bytes():
    result = read_bytes("big.gz", gzip.compress(b"a" * 3000), 2000)
    assert result.report == InputReport(
        "big.gz", "skipped", "decompressed gzip data is over the 2 kB limit (--max-bytes)"
    )


def test_truncated_gzipped_jsonl_keeps_complete_lines():
    lines = b"".join(b'{"text": "article %d"}\n' % number for number in range(400))
    data = gzip.compress(lines)

    result = read_bytes("feed.jsonl.gz", data[: len(data) - 20], 1_000_000)

    assert result.report.status == "partial"
    assert result.report.reason.startswith("truncated gzip file (read the first ")
    assert len(result.documents) >= 300
    assert all(d.content.startswith("article ") for d in result.documents)
