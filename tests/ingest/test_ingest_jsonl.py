"""JSON Lines and JSON: one article per record, metadata under canonical hint keys."""

from __future__ import annotations

import json

from corroborate.ingest import ingest, read_bytes
from corroborate.ingest.jsonl import read_json, record_hints
from corroborate.model import InputReport

GOOD = {
    "id": "a1",
    "url": "https://news.example/a1",
    "title": "Coalition to wind down",
    "pubDate": "2024-09-27",
    "site_name": "Example News",
    "author": "Jane Reporter",
    "language": "en",
    "text": "The coalition mission will end by September 2025.",
}


def test_jsonl_with_a_broken_line_reports_its_number_and_keeps_the_rest(tmp_path):
    lines = [
        json.dumps(GOOD),
        json.dumps({"html": "<p>Second article</p>", "url": "https://news.example/2"}),
        '{"text": "broken", ',
        "",
        json.dumps({"text": "Fourth article", "published_at": "2024-09-28"}),
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    [result] = ingest([str(path)])

    assert result.report == InputReport(str(path), "partial", "3 of 4 records read; 1 line failed (line 3)", 3)
    assert result.record_problems == [
        InputReport(f"{path}:3", "skipped", "invalid JSON (Expecting property name enclosed in double quotes at column 20)")
    ]
    assert [d.input for d in result.documents] == [f"{path}:1", f"{path}:2", f"{path}:5"]
    assert [d.format for d in result.documents] == ["text", "html", "text"]
    assert {d.container for d in result.documents} == {"jsonl"}
    assert result.documents[0].hints == {
        "id": "a1",
        "url": "https://news.example/a1",
        "title": "Coalition to wind down",
        "published": "2024-09-27",
        "outlet": "Example News",
        "authors": "Jane Reporter",
        "language": "en",
    }
    assert result.documents[2].hints == {"published": "2024-09-28"}


def test_records_that_are_not_articles_are_reported_with_the_reason():
    data = "\n".join([json.dumps(GOOD), "[1, 2]", json.dumps({"title": "no body"}), json.dumps({"text": "  "})])

    result = read_json("x.jsonl", data.encode(), 10_000_000)

    assert result.report.status == "partial"
    assert result.report.reason == "1 of 4 records read; 3 lines failed (lines 2, 3, 4)"
    assert [(p.input, p.reason) for p in result.record_problems] == [
        ("x.jsonl:2", "record is a JSON array, not an object"),
        ("x.jsonl:3", "record has no 'text' or 'html' field"),
        ("x.jsonl:4", "record's 'text' field holds no text"),
    ]


def test_json_array_of_articles_numbers_records_with_hash():
    data = json.dumps([GOOD, {"html": "<p>b</p>", "datePublished": "2024-09-29", "source": {"name": "Wire"}}])

    result = read_bytes("export.json", data.encode(), 10_000_000)

    assert result.report == InputReport("export.json", "processed", "2 records", 2)
    assert [d.input for d in result.documents] == ["export.json#1", "export.json#2"]
    assert result.documents[1].hints == {"published": "2024-09-29", "outlet": "Wire"}


def test_json_file_with_one_article():
    result = read_bytes("one.json", json.dumps(GOOD, indent=2).encode(), 10_000_000)

    assert result.report == InputReport("one.json", "processed", "1 record", 1)
    assert result.documents[0].input == "one.json"
    assert result.documents[0].content == GOOD["text"]


def test_html_is_preferred_when_a_record_has_both():
    record = {"text": "plain", "html": "<p>marked up</p>"}

    result = read_json("both.jsonl", json.dumps(record).encode(), 10_000_000)

    assert [(d.format, d.content) for d in result.documents] == [("html", "<p>marked up</p>")]


def test_hint_aliases_and_author_lists():
    assert record_hints({"date": "2024-01-02", "source": "Wire", "authors": ["A", {"name": "B"}, 3]}) == {
        "published": "2024-01-02",
        "outlet": "Wire",
        "authors": ["A", "B"],
    }
    assert record_hints({"datePublished": 1727400000, "id": 7, "title": {"x": 1}}) == {
        "id": "7",
        "published": "1727400000",
    }


def test_jsonl_where_every_line_fails_is_skipped_with_each_line_reported():
    data = b'{"text": "x"\n{"title": "no body"}\n{"text": "y"\n'

    result = read_bytes("bad.jsonl", data, 10_000_000)

    assert result.report == InputReport("bad.jsonl", "skipped", "0 of 3 records read; 3 lines failed (lines 1, 2, 3)")
    assert [(p.input, p.reason) for p in result.record_problems] == [
        ("bad.jsonl:1", "invalid JSON (Expecting ',' delimiter at column 13)"),
        ("bad.jsonl:2", "record has no 'text' or 'html' field"),
        ("bad.jsonl:3", "invalid JSON (Expecting ',' delimiter at column 13)"),
    ]


def test_empty_json_array_is_skipped():
    result = read_bytes("empty.json", b"[]", 10_000_000)

    assert result.report == InputReport("empty.json", "skipped", "JSON array holds no records")


def test_broken_pretty_printed_json_is_one_problem_with_its_position():
    data = b'{\n  "title": "A",\n  "text": "Body"\n  "url": "x"\n}\n'

    result = read_bytes("one.json", data, 10_000_000)

    assert result.report == InputReport(
        "one.json", "skipped", "invalid JSON (Expecting ',' delimiter at line 4 column 3)"
    )
    assert result.record_problems == []


def test_jsonl_whose_first_line_is_broken_is_still_read_line_by_line():
    data = b'{"text": oops}\n{"text": "second"}\n{"text": "third"}\n'

    result = read_bytes("x.jsonl", data, 10_000_000)

    assert result.report == InputReport("x.jsonl", "partial", "2 of 3 records read; 1 line failed (line 1)", 2)
    assert result.record_problems == [InputReport("x.jsonl:1", "skipped", "invalid JSON (Expecting value at column 10)")]


def test_a_record_over_the_size_limit_is_a_record_problem():
    data = (json.dumps({"text": "short"}) + "\n" + json.dumps({"text": "x" * 300}) + "\n").encode()

    result = read_json("big.jsonl", data, 200)

    assert [d.input for d in result.documents] == ["big.jsonl:1"]
    assert result.record_problems == [
        InputReport("big.jsonl:2", "skipped", "record is 312 bytes, over the 200 bytes limit (--max-bytes)")
    ]
