"""The ``corroborate`` command end to end, on the bundled example and on bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from corroborate.cli import EXIT_INPUT_PROBLEMS, EXIT_OK, EXIT_USAGE, main

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
    assert stderr.startswith("error: unknown benchmark 'nonsense'; known: extraction, attribution, timex, annotate-speed")


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
