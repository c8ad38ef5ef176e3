"""The pipeline end to end: every input is accounted for, and every brief passes its citation check."""

from __future__ import annotations

import dataclasses
import gzip
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import corroborate.brief
from corroborate.brief.citations import verify_citations
from corroborate.errors import CitationError, NoArticlesError, UsageError
from corroborate.model import Claim, Evidence
from corroborate.pipeline import BriefRun, brief_inputs, extract_inputs

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


# --- brief_inputs: ingest -> extract -> annotate -> brief, citations checked ---

PAGE_004 = EXAMPLE / "004_90e9e459c6bffa9d.txt"


def test_brief_of_the_example_lists_every_source_and_passes_its_citation_check() -> None:
    run = brief_inputs([str(EXAMPLE)])
    assert isinstance(run, BriefRun)
    assert [source.id for source in run.brief.sources] == [
        "000_5402e81212a35571", "001_69f3748dca759eec", "002_e4dbe8024c84f414",
        "003_2478aec32e3f585e", "004_90e9e459c6bffa9d",
    ]
    assert run.brief.inputs == tuple(run.reports)
    assert [report.status for report in run.reports] == ["processed"] * 5
    assert not run.failed
    assert verify_citations(run.brief) == []


def test_brief_passes_reference_date_and_budgets_through(monkeypatch: pytest.MonkeyPatch) -> None:
    real_make_brief = corroborate.brief.make_brief
    seen: dict = {}

    def recording_make_brief(annotated, **options):
        seen.update(options, references={item.reference.value for item in annotated})
        return real_make_brief(annotated, **options)

    monkeypatch.setattr(corroborate.brief, "make_brief", recording_make_brief)
    run = brief_inputs([str(PAGE_004), str(EXAMPLE / "missing.txt")], reference_date=date(2024, 9, 27),
                       summary_words=40, max_dates=3, per_date=2)
    assert seen == {
        "summary_words": 40, "max_dates": 3, "per_date": 2, "inputs": run.reports,
        "references": {date(2024, 9, 27)},
    }
    assert run.failed
    assert [(report.status, report.reason) for report in run.reports] == [
        ("processed", ""), ("skipped", "no such file or directory"),
    ]
    assert run.brief.sources[0].reference_date == "2024-09-27"


def test_no_usable_article_is_one_line_naming_the_first_reason(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    missing = tmp_path / "missing.html"
    with pytest.raises(NoArticlesError) as raised:
        brief_inputs([str(tmp_path / "empty.txt"), str(missing)])
    assert isinstance(raised.value, UsageError)
    assert str(raised.value) == (
        f"no article to brief: every input was skipped; {tmp_path / 'empty.txt'}: empty file (0 bytes) "
        "(and 1 more input(s) skipped)"
    )
    assert [report.reason for report in raised.value.reports] == ["empty file (0 bytes)", "no such file or directory"]


def test_a_brief_citing_a_passage_not_in_its_source_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real_make_brief = corroborate.brief.make_brief

    def inventing_make_brief(annotated, **options):
        brief = real_make_brief(annotated, **options)
        source = brief.sources[0]
        invented = Evidence(source.id, 0, 10, "US troops ")
        claim = Claim("c1", invented.text, "single-source", (source.id,), 1, (invented,))
        return dataclasses.replace(brief, claims=(claim,))

    monkeypatch.setattr(corroborate.brief, "make_brief", inventing_make_brief)
    with pytest.raises(CitationError, match=r"^the brief failed its citation check \(1 problem\(s\)\): "
                       r"claims\[0\]\.evidence\[0\] \(004_90e9e459c6bffa9d 0-10\): text differs"):
        brief_inputs([str(PAGE_004)])
