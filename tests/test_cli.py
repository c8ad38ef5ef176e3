"""The ``corroborate`` command end to end, on the bundled example and on bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import corroborate.cli
from corroborate.cli import EXIT_INPUT_PROBLEMS, EXIT_OK, EXIT_USAGE, main
from corroborate.errors import CitationError
from corroborate.ingest import DEFAULT_MAX_BYTES, DEFAULT_TIME_LIMIT
from corroborate.model import Brief, Claim, Evidence, InputReport, Source, TimelineEntry
from corroborate.pipeline import BriefRun

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "iraq-coalition-2024"
SEED_IDS = [
    "000_5402e81212a35571",
    "001_69f3748dca759eec",
    "002_e4dbe8024c84f414",
    "003_2478aec32e3f585e",
    "004_90e9e459c6bffa9d",
]


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def read_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_extract_writes_one_record_per_example_page(tmp_path: Path) -> None:
    output = tmp_path / "out" / "articles.jsonl"
    status, stdout, stderr = run_cli("extract", str(EXAMPLE), "-o", str(output))
    assert status == EXIT_OK
    assert stdout == ""
    records = read_records(output)
    assert sorted(record["id"] for record in records) == SEED_IDS
    assert all(record["text"].strip() and record["format"] == "text" for record in records)
    assert stderr.count("processed ") == 5
    assert "5 article(s) written to " in stderr


def test_extract_without_output_writes_json_lines_to_stdout() -> None:
    status, stdout, _ = run_cli("extract", str(EXAMPLE / "004_90e9e459c6bffa9d.txt"))
    assert status == EXIT_OK
    (record,) = [json.loads(line) for line in stdout.splitlines()]
    assert record["id"] == "004_90e9e459c6bffa9d"
    assert record["text"].startswith("The U.S. military’s decade-long mission to fight the Islamic State group")


def test_missing_input_is_reported_and_the_rest_still_processed(tmp_path: Path) -> None:
    output = tmp_path / "articles.jsonl"
    missing = tmp_path / "nowhere.html"
    status, _, stderr = run_cli("extract", str(missing), str(EXAMPLE), "-o", str(output))
    assert status == EXIT_INPUT_PROBLEMS
    assert len(read_records(output)) == 5
    skipped = [line for line in stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 1
    assert str(missing) in skipped[0]
    assert "Traceback" not in stderr


def test_broken_json_line_is_reported_with_its_line_number(tmp_path: Path) -> None:
    feed = tmp_path / "articles.jsonl"
    good = {"id": "a1", "title": "Coalition to end", "text": "The coalition mission in Iraq will end by September 2025, officials said."}
    feed.write_text(json.dumps(good) + "\n" + '{"id": "a2", "text": "broken\n' + json.dumps({**good, "id": "a3"}) + "\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    status, _, stderr = run_cli("extract", str(feed), "-o", str(output))
    assert status == EXIT_INPUT_PROBLEMS
    assert [record["id"] for record in read_records(output)] == ["a1", "a3"]
    assert f"{feed}:2" in stderr


def test_oversize_inputs_are_skipped_with_the_limit_named(tmp_path: Path) -> None:
    output = tmp_path / "articles.jsonl"
    status, _, stderr = run_cli("extract", str(EXAMPLE), "--max-bytes", "1000", "-o", str(output))
    assert status == EXIT_INPUT_PROBLEMS
    assert output.read_text(encoding="utf-8") == ""
    skipped = [line for line in stderr.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 5
    assert all("over the 1 kB limit (--max-bytes)" in line for line in skipped)


def test_bad_option_value_is_a_usage_error_without_traceback() -> None:
    status, _, stderr = run_cli("extract", str(EXAMPLE), "--max-bytes", "lots")
    assert status == EXIT_USAGE
    assert "expected a whole number, got 'lots'" in stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [("soon", "expected a number of seconds, got 'soon'"), ("-1", "expected a number of seconds of 0 or more, got -1"),
     ("nan", "expected a number of seconds of 0 or more, got nan")],
)
def test_a_bad_time_limit_is_a_usage_error(value: str, message: str) -> None:
    status, _, stderr = run_cli("extract", str(EXAMPLE), "--time-limit", value)
    assert status == EXIT_USAGE
    assert f"argument --time-limit: {message}" in stderr
    assert "Traceback" not in stderr


def test_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    status, _, stderr = run_cli("extract", str(EXAMPLE), "-o", str(blocker / "articles.jsonl"))
    assert status == EXIT_USAGE
    assert stderr.startswith(f"error: cannot write {blocker / 'articles.jsonl'}")


def test_bench_lists_and_skips_absent_data(tmp_path: Path) -> None:
    status, stdout, _ = run_cli("bench", "--list")
    assert status == EXIT_OK
    assert "extraction" in stdout.split()
    status, stdout, stderr = run_cli("bench", "extraction", "--data", str(tmp_path))
    assert status == EXIT_OK
    assert stdout == ""
    assert stderr.startswith("skipped extraction: ")


def test_unknown_benchmark_is_a_usage_error() -> None:
    status, _, stderr = run_cli("bench", "nonsense")
    assert status == EXIT_USAGE
    from corroborate.bench import BENCHMARKS

    assert {"extraction", "attribution", "timex", "annotate-speed"} <= set(BENCHMARKS)
    assert stderr == f"error: unknown benchmark 'nonsense'; known: {', '.join(BENCHMARKS)}\n"


def test_installed_command_reports_user_mistakes_without_traceback(tmp_path: Path) -> None:
    command = Path(sys.executable).with_name("corroborate")
    result = subprocess.run(
        [str(command), "extract", str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == EXIT_INPUT_PROBLEMS
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith(f"skipped   {tmp_path / 'missing.txt'}: ")


def test_records_without_ids_get_the_file_stem_and_their_line(tmp_path: Path) -> None:
    lines = tmp_path / "wire.jsonl"
    body = "The coalition mission in Iraq will end by September 2025, officials said on Friday."
    lines.write_text(json.dumps({"text": body}) + "\n\n" + json.dumps({"text": body + " More."}) + "\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    status, _, _ = run_cli("extract", str(lines), "-o", str(output))
    assert status == EXIT_OK
    assert [(record["id"], record["input"]) for record in read_records(output)] == [
        ("wire-1", f"{lines}:1"),
        ("wire-3", f"{lines}:3"),
    ]


def test_text_supplied_in_json_lines_is_kept_whole(tmp_path: Path) -> None:
    # A short lead line and a date line look like page chrome on a scraped page;
    # in a record whose producer supplied the body text they are the article.
    text = (
        "DECEMBER 16, 2008\n"
        "Michael Silverman reports that the Red Sox\n"
        "have made an offer for Mark Teixeira, the biggest yet for this ownership group.\n"
        "The offer is believed to be for at least eight years."
    )
    source = tmp_path / "records.jsonl"
    source.write_text(json.dumps({"id": "r1", "text": text}) + "\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    assert run_cli("extract", str(source), "-o", str(output))[0] == EXIT_OK
    (record,) = read_records(output)
    assert record["text"] == text.replace("\n", "\n\n")
    assert record["removed"] == []


# --- brief and timeline ---

LEAD_004 = (
    "The U.S. military’s decade-long mission to fight the Islamic State group in Iraq will wind down over the "
    "next year and transition from an international coalition to a bilateral defense partnership between "
    "Washington and Baghdad, Biden administration officials confirmed Friday."
)


def _small_run(reports: list[InputReport]) -> BriefRun:
    """A brief of the example page 004's first paragraph, one cited claim and one dated event."""
    source = Source(SEED_IDS[4], "004.txt", None, None, None, 0.0, LEAD_004, independent_source=SEED_IDS[4])
    passage = "will wind down over the next year"
    start = LEAD_004.index(passage)
    evidence = Evidence(source.id, start, start + len(passage), passage)
    brief = Brief(
        sources=(source,),
        claims=(Claim("c1", passage, "single-source", (source.id,), 1, (evidence,)),),
        timeline=(TimelineEntry("2025", "planned", passage, (source.id,), (evidence,)),),
        inputs=tuple(reports),
    )
    return BriefRun(brief, reports)


@pytest.fixture
def fake_brief_inputs(monkeypatch: pytest.MonkeyPatch) -> dict:
    """Replaces the pipeline behind `brief` and `timeline`; records what the CLI asked for."""
    calls: dict = {}

    def fake(inputs, **options):
        calls.update(options, inputs=list(inputs))
        return _small_run([InputReport(path, "processed", "", 1) for path in inputs])

    monkeypatch.setattr(corroborate.cli, "brief_inputs", fake)
    return calls


def test_brief_of_the_example_is_markdown_on_stdout_with_a_report_per_input() -> None:
    status, stdout, stderr = run_cli("brief", str(EXAMPLE))
    assert status == EXIT_OK
    assert stdout.startswith("# Brief\n\n5 source(s), ")
    assert [line for line in stdout.splitlines() if line.startswith("## ")] == [
        "## Summary", "## Claims", "## Conflicts", "## Timeline", "## Who said what", "## Coverage",
        "## Sources", "## Citations",
    ]
    assert stderr.count("processed ") == 5
    assert stderr.endswith("brief of 5 article(s) written; 0 input(s) skipped or partial\n")


def test_brief_options_reach_the_library(fake_brief_inputs: dict) -> None:
    status, stdout, _ = run_cli("brief", "a.txt", "b.txt", "--summary-words", "60", "--reference-date", "2024-09-27",
                                "--max-bytes", "5000", "--time-limit", "2.5", "-q")
    assert status == EXIT_OK
    assert fake_brief_inputs == {
        "inputs": ["a.txt", "b.txt"], "max_bytes": 5000, "time_limit": 2.5, "reference_date": date(2024, 9, 27),
        "summary_words": 60,
    }
    assert "1. **single-source**, 1 independent source(s) (c1): will wind down over the next year" in stdout


def test_brief_html_is_written_to_the_output_file(fake_brief_inputs: dict, tmp_path: Path) -> None:
    output = tmp_path / "out" / "brief.html"
    status, stdout, stderr = run_cli("brief", "a.txt", "--format", "html", "-o", str(output))
    assert status == EXIT_OK
    assert stdout == ""
    page = output.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    assert '<mark id="cite-1" title="[1]">will wind down over the next year</mark>' in page
    assert stderr == f"processed a.txt: 1 document(s)\nbrief of 1 article(s) written to {output}; 0 input(s) skipped or partial\n"


def test_brief_json_is_the_brief_document(fake_brief_inputs: dict) -> None:
    status, stdout, _ = run_cli("brief", "a.txt", "--format", "json")
    assert status == EXIT_OK
    document = json.loads(stdout)
    assert document["claims"][0]["evidence"] == [
        {"source": SEED_IDS[4], "start": LEAD_004.index("will wind"), "end": LEAD_004.index(" and transition"),
         "text": "will wind down over the next year"}
    ]


def test_timeline_options_reach_the_library(fake_brief_inputs: dict) -> None:
    status, stdout, _ = run_cli("timeline", "a.txt", "--dates", "3", "--per-date", "2", "--format", "json")
    assert status == EXIT_OK
    assert fake_brief_inputs == {
        "inputs": ["a.txt"], "max_bytes": DEFAULT_MAX_BYTES, "time_limit": DEFAULT_TIME_LIMIT, "reference_date": None,
        "max_dates": 3, "per_date": 2,
    }
    document = json.loads(stdout)
    assert list(document) == ["sources", "timeline", "inputs"]
    assert [entry["date"] for entry in document["timeline"]] == ["2025"]


def test_timeline_markdown_lists_dates_with_cited_sentences(fake_brief_inputs: dict) -> None:
    status, stdout, stderr = run_cli("timeline", "a.txt", "-q")
    assert status == EXIT_OK
    assert stdout.startswith("# Timeline\n\n1 date(s), 1 cited sentence(s) from 1 source(s).\n\n## 2025\n\n"
                             f"- *planned*: will wind down over the next year — {SEED_IDS[4]} [1]\n")
    assert stderr == "timeline of 1 article(s) written; 0 input(s) skipped or partial\n"


def test_timeline_of_the_example_runs_end_to_end() -> None:
    status, stdout, stderr = run_cli("timeline", str(EXAMPLE), "--dates", "2", "--per-date", "1", "--format", "json", "-q")
    assert status == EXIT_OK
    document = json.loads(stdout)
    assert len({entry["date"] for entry in document["timeline"]}) <= 2
    assert [source["id"] for source in document["sources"]] == SEED_IDS
    assert stderr == "timeline of 5 article(s) written; 0 input(s) skipped or partial\n"


def test_brief_with_a_skipped_input_exits_1_and_still_writes(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.html"
    status, stdout, stderr = run_cli("brief", str(missing), str(EXAMPLE / "004_90e9e459c6bffa9d.txt"), "-q")
    assert status == EXIT_INPUT_PROBLEMS
    assert stdout.startswith("# Brief\n\n1 source(s), 1 independent;")
    assert stderr.splitlines() == [
        f"skipped   {missing}: no such file or directory",
        "brief of 1 article(s) written; 1 input(s) skipped or partial",
    ]


def test_brief_without_any_usable_article_is_a_one_line_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.html"
    status, stdout, stderr = run_cli("brief", str(missing))
    assert status == EXIT_USAGE
    assert stdout == ""
    assert stderr.splitlines() == [
        f"skipped   {missing}: no such file or directory",
        f"error: no article to brief: every input was skipped; {missing}: no such file or directory",
    ]


def test_a_failed_citation_check_is_an_error_not_a_brief(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def failing(inputs, **options):
        raise CitationError("the brief failed its citation check (1 problem(s)): claims[0]: cites no passage")

    monkeypatch.setattr(corroborate.cli, "brief_inputs", failing)
    output = tmp_path / "brief.md"
    status, _, stderr = run_cli("brief", "a.txt", "-o", str(output))
    assert status == EXIT_USAGE
    assert stderr == "error: the brief failed its citation check (1 problem(s)): claims[0]: cites no passage\n"
    assert not output.exists()


def test_bad_brief_and_timeline_options_are_usage_errors() -> None:
    for argv, message in [
        (["brief", "a.txt", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["brief", "a.txt", "--summary-words", "0"], "expected a number above 0, got 0"),
        (["brief", "a.txt", "--reference-date", "Friday"], "expected a date like 2024-09-27, got 'Friday'"),
        (["timeline", "a.txt", "--format", "html"], "invalid choice: 'html'"),
        (["timeline", "a.txt", "--dates", "none"], "expected a whole number, got 'none'"),
        (["timeline", "a.txt", "--per-date", "-1"], "expected a number above 0, got -1"),
    ]:
        status, _, stderr = run_cli(*argv)
        assert status == EXIT_USAGE, argv
        assert message in stderr and "Traceback" not in stderr, argv
