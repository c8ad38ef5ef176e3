"""ingest -> extract end to end: nothing crashes, every input is accounted for."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corroborate.pipeline import extract_inputs

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "iraq-coalition-2024"

#: Byte strings that look like the formats we read, so the fuzzing reaches the
#: extractors and not only the binary-file check.
_PREFIXES = [
    b"",
    b"<!DOCTYPE html><html><body><article><p>",
    b'{"id": "x", "text": "',
    b'<?xml version="1.0"?><rss version="2.0"><channel><item><description>',
    b"WARC/1.0\r\nWARC-Type: response\r\n",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_PREFIXES), st.binary(max_size=600), st.booleans())
def test_any_bytes_are_processed_or_skipped_with_a_reason(prefix: bytes, body: bytes, compress: bool) -> None:
    data = prefix + body
    if compress:
        data = gzip.compress(data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.bin"
        path.write_bytes(data)
        run = extract_inputs([str(path)])
    assert run.reports, "every input gets a report"
    file_report = run.reports[0]
    assert file_report.input == str(path)
    for report in run.reports:
        if report.failed:
            assert report.reason and "\n" not in report.reason
    assert all(article.input.startswith(str(path)) for article in run.articles)


def test_example_folder_plus_bad_inputs_accounts_for_each(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    run = extract_inputs([str(EXAMPLE), str(tmp_path), str(tmp_path / "missing.html")])
    assert len(run.articles) == 5
    reasons = {Path(r.input).name: r.reason for r in run.reports if r.failed}
    assert reasons == {
        "empty.txt": "empty file (0 bytes)",
        "image.png": "binary file (PNG image)",
        "missing.html": "no such file or directory",
    }
