"""No bytes crash a reader: they become documents or skipped reports, never exceptions."""

from __future__ import annotations

import gzip

import pytest
from ingest_builders import build_warc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corroborate.errors import InputError
from corroborate.ingest import READERS, ingest, read_bytes
from corroborate.ingest.compressed import gunzip
from corroborate.ingest.decode import decode_text
from corroborate.ingest.report import IngestedInput
from corroborate.ingest.sniff import sniff_format

QUICK = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

#: Arbitrary bytes, plus bytes that start the way each format does so the
#: readers get past their first checks.
PREFIXES = [
    b"",
    b"\x1f\x8b\x08\x00",
    b"WARC/1.0\r\n",
    b'<?xml version="1.0"?><rss version="2.0"><channel><item><description>',
    b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">',
    b'{"text": "',
    b'[{"html": "',
    b"<!DOCTYPE html><html><body>",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
]
ANY_INPUT = st.builds(lambda prefix, tail: prefix + tail, st.sampled_from(PREFIXES), st.binary(max_size=600))


def assert_well_formed(result: IngestedInput, input: str) -> None:
    assert isinstance(result, IngestedInput)
    report = result.report
    assert report.input == input
    assert report.status in {"processed", "partial", "skipped"}
    assert report.documents == len(result.documents)
    assert "\n" not in report.reason
    # The safety net for unplanned exceptions must not be what kept us alive.
    assert "could not be read (" not in report.reason
    if report.status == "skipped":
        assert report.reason
        assert result.documents == []
    for document in result.documents:
        assert document.format in {"html", "text"}
        assert isinstance(document.content, str) and document.content.strip()
        assert document.input.startswith(input)
    for problem in result.record_problems:
        assert problem.status == "skipped" and problem.reason and "\n" not in problem.reason


@pytest.mark.parametrize("format", sorted(READERS))
@QUICK
@given(data=ANY_INPUT)
def test_every_reader_survives_arbitrary_bytes(format, data):
    assert_well_formed(READERS[format]("input", data, 10_000), "input")


@QUICK
@given(data=ANY_INPUT)
def test_read_bytes_survives_arbitrary_bytes(data):
    assert_well_formed(read_bytes("input", data, 10_000), "input")


@QUICK
@given(data=ANY_INPUT)
def test_ingest_survives_a_file_of_arbitrary_bytes(tmp_path, data):
    path = tmp_path / "input.bin"
    path.write_bytes(data)
    [result] = ingest([str(path)], max_bytes=10_000)
    assert_well_formed(result, str(path))


@QUICK
@given(data=st.binary(max_size=600))
def test_decode_and_sniff_only_raise_input_errors(data):
    assert sniff_format(data) in READERS
    try:
        text, encoding = decode_text(data)
    except InputError:
        return
    assert isinstance(text, str) and encoding


@QUICK
@given(cut=st.integers(min_value=0, max_value=4000), flip=st.integers(min_value=0, max_value=4000))
def test_damaged_warcs_and_gzips_never_raise(cut, flip):
    for original in (build_warc(), build_warc(gzip=True), gzip.compress(build_warc())):
        damaged = bytearray(original[: max(cut, 1)])
        damaged[flip % len(damaged)] ^= 0x55
        for data in (original[:cut], bytes(damaged)):
            assert_well_formed(read_bytes("crawl.warc", data, 100_000), "crawl.warc")


@QUICK
@given(data=st.binary(max_size=300))
def test_gunzip_only_raises_input_errors(data):
    try:
        result = gunzip(b"\x1f\x8b\x08\x00" + data, 10_000)
    except InputError:
        return
    assert len(result.data) <= 10_000


@QUICK
@given(data=ANY_INPUT, lines=st.lists(st.binary(max_size=120), max_size=12))
def test_a_file_read_in_parts_survives_arbitrary_bytes(tmp_path, data, lines):
    # Over a 100-byte limit, JSON Lines and WARC files are cut into parts (corroborate.ingest.parts).
    path = tmp_path / "input.bin"
    path.write_bytes(data + b"\n".join(lines))
    for result in ingest([str(path)], max_bytes=100):
        assert_well_formed(result, result.report.input)
        assert result.report.input.startswith(str(path))


@QUICK
@given(cut=st.integers(min_value=0, max_value=4000), flip=st.integers(min_value=0, max_value=4000))
def test_damaged_warcs_read_in_parts_never_raise(tmp_path, cut, flip):
    for original in (build_warc(), build_warc(gzip=True)):
        damaged = bytearray(original[: max(cut, 1)])
        damaged[flip % len(damaged)] ^= 0x55
        for number, data in enumerate((original[:cut], bytes(damaged))):
            path = tmp_path / f"crawl-{number}.warc"
            path.write_bytes(data)
            for result in ingest([str(path)], max_bytes=600):
                assert_well_formed(result, result.report.input)
