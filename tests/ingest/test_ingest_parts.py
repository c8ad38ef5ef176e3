"""JSON Lines and WARC files over the size limit are read a part at a time, with nothing lost or renumbered."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from ingest_builders import PAGE_HTML, PNG_BYTES, html_response
from warcio.warcwriter import WARCWriter

import corroborate.ingest.parts as parts
from corroborate.cli import main
from corroborate.ingest import ingest
from corroborate.store import open_store

#: A limit small enough that the files below need several parts.
LIMIT = 2_000


def _records(count: int) -> list[str]:
    return [
        json.dumps({"id": f"r{number}", "text": f"Record {number}: the harbour council voted to raise ferry fares."})
        for number in range(1, count + 1)
    ]


def _documents(results) -> list[tuple[str, str]]:
    return [(document.input, document.content) for result in results for document in result.documents]


def test_a_json_lines_file_over_the_limit_is_read_in_parts_numbered_as_one_file(tmp_path: Path) -> None:
    lines = _records(60)
    lines[9] = '{"id": "r10", "text": "cut off'  # a broken line in the second part
    lines[40] = json.dumps({"id": "r41", "text": "word " * 1_000})  # one record over the limit by itself
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    results = list(ingest([str(path)], max_bytes=LIMIT))
    whole = list(ingest([str(path)], max_bytes=1_000_000))

    assert len(results) > 2 and len(whole) == 1
    assert _documents(results) == [item for item in _documents(whole) if item[0] != f"{path}:41"]
    reports = [result.report for result in results]
    assert reports[0].input == f"{path} (part 1: lines 1-{reports[0].input.split('-')[-1][:-1]})"
    assert [report.input.split(": lines ")[1][:-1] for report in reports] == _line_ranges(results, 60)
    problems = {problem.input: problem.reason for result in results for problem in result.record_problems}
    assert problems == {
        f"{path}:10": "invalid JSON (Unterminated string starting at column 23)",
        f"{path}:41": "record is 5 kB, over the 2 kB limit (--max-bytes)",
    }
    assert sum(report.documents for report in reports) == 58


def test_an_id_repeated_in_a_later_part_is_reported_as_in_a_whole_file_read(tmp_path: Path) -> None:
    lines = _records(60)
    lines[49] = json.dumps({"id": "r3", "text": "A later record reusing the id of line 3 about the ferry fares."})
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    in_parts = list(ingest([str(path)], max_bytes=LIMIT))
    whole = list(ingest([str(path)], max_bytes=1_000_000))

    assert len(in_parts) > 2, "line 3 and line 50 must fall in different parts"
    assert _documents(in_parts) == _documents(whole)
    expected = {f"{path}:50": "duplicate id 'r3' (line 3 has the same id); not read"}
    for results in (in_parts, whole):
        assert {problem.input: problem.reason for result in results for problem in result.record_problems} == expected


def _line_ranges(results, total: int) -> list[str]:
    """The line ranges the parts should cover: consecutive, from 1 to the last line, none skipped."""
    ranges, first = [], 1
    for result in results:
        numbers = [int(item.input.rsplit(":", 1)[1]) for item in [*result.documents, *result.record_problems]]
        last = max(numbers)
        ranges.append(f"{first}-{last}")
        first = last + 1
    assert first == total + 1
    return ranges


def test_no_part_is_larger_than_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(_records(200)) + "\n", encoding="utf-8")
    sizes: list[int] = []
    read_json = parts.read_json

    def measured(input: str, data: bytes, max_bytes: int, **options):
        sizes.append(len(data))
        return read_json(input, data, max_bytes, **options)

    monkeypatch.setattr(parts, "read_json", measured)
    results = list(ingest([str(path)], max_bytes=LIMIT))
    assert sum(result.report.documents for result in results) == 200
    assert len(sizes) == len(results) and max(sizes) <= LIMIT and sum(sizes) == path.stat().st_size


def test_a_gzipped_export_cut_off_keeps_the_records_before_the_break(tmp_path: Path) -> None:
    data = gzip.compress(("\n".join(_records(400)) + "\n").encode())
    path = tmp_path / "export.jsonl.gz"
    path.write_bytes(data[: len(data) * 2 // 3])

    results = list(ingest([str(path)], max_bytes=LIMIT))

    last = results[-1].report
    assert last.status == "partial" and "truncated gzip file (read the first " in last.reason
    assert all(result.report.status == "processed" for result in results[:-1])
    ids = [document.hints["id"] for result in results for document in result.documents]
    assert ids == [f"r{number}" for number in range(1, len(ids) + 1)] and 150 < len(ids) < 400


def test_a_gzipped_file_small_on_disk_but_large_inside_is_read_in_parts(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(_records(100)) + "\n").encode()))
    assert path.stat().st_size < LIMIT

    results = list(ingest([str(path)], max_bytes=LIMIT))

    assert len(results) > 1 and sum(result.report.documents for result in results) == 100


def test_a_json_array_over_the_limit_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text("[" + ",\n".join(_records(60)) + "]", encoding="utf-8")
    [result] = ingest([str(path)], max_bytes=LIMIT)
    assert (result.report.status, result.report.reason) == ("skipped", "file is 5.1 kB, over the 2 kB limit (--max-bytes)")


def _crawl(pages: int, *, gzip_records: bool = False, big_page: bool = False) -> bytes:
    """A WARC of ``pages`` HTML responses, a PNG after the first, and (optionally) one huge HTML response."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_records)
    for number in range(1, pages + 1):
        body = PAGE_HTML.replace("Coalition to wind down", f"Page {number}").encode()
        writer.write_record(html_response(writer, f"https://news.example/{number}", body))
        if number == 1:
            writer.write_record(html_response(writer, "https://news.example/logo.png", PNG_BYTES * 200, "image/png"))
        if big_page and number == pages // 2:
            huge = PAGE_HTML.replace("</article>", "<p>More.</p>" * 400 + "</article>").encode()
            writer.write_record(html_response(writer, "https://news.example/huge", huge))
    return buffer.getvalue()


@pytest.mark.parametrize("gzip_records", [False, True], ids=["plain", "gzipped per record"])
def test_a_warc_over_the_limit_is_read_in_parts_numbered_as_one_archive(tmp_path: Path, gzip_records: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip_records else "crawl.warc")
    path.write_bytes(_crawl(20, gzip_records=gzip_records, big_page=True))

    results = list(ingest([str(path)], max_bytes=LIMIT))
    whole = list(ingest([str(path)], max_bytes=1_000_000))

    assert len(results) > 2
    huge = next(d.input for d in whole[0].documents if d.hints["url"] == "https://news.example/huge")
    assert _documents(results) == [item for item in _documents(whole) if item[0] != huge]
    problems = [(problem.input, problem.reason) for result in results for problem in result.record_problems]
    assert problems == [(huge, "page is 5.1 kB, over the 2 kB limit (--max-bytes)")]
    assert [document.input for document in whole[0].documents][:2] == [f"{path}#1", f"{path}#3"]


def test_a_cut_off_warc_keeps_the_records_before_the_break(tmp_path: Path) -> None:
    data = _crawl(20)
    path = tmp_path / "crawl.warc"
    path.write_bytes(data[: len(data) - 200])

    results = list(ingest([str(path)], max_bytes=LIMIT))

    last = results[-1].report
    assert last.status in {"partial", "skipped"} and "WARC is truncated inside record #21" in last.reason
    urls = [document.hints["url"] for result in results for document in result.documents]
    assert urls == [f"https://news.example/{number}" for number in range(1, 20)]


def test_ingest_stores_every_record_of_a_file_read_in_parts(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(_records(120)) + "\n", encoding="utf-8")
    database = tmp_path / "store.db"
    out, err = io.StringIO(), io.StringIO()

    status = main(["ingest", str(path), "--db", str(database), "--max-bytes", str(LIMIT), "--no-progress"], out, err)

    assert status == 0, err.getvalue()
    lines = err.getvalue().splitlines()
    assert lines[0].startswith(f"processed {path} (part 1: lines 1-") and len(lines) > 3
    with open_store(database) as store:
        assert sorted(int(a.article.id[1:]) for a in store.articles()) == list(range(1, 121))
