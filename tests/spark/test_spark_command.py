"""User mistakes around the Spark job are one-line errors, found before Spark starts."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest

from corroborate.errors import SparkUnavailableError, UsageError
from corroborate.spark import __main__ as entry
from corroborate.spark import command, start_session
from corroborate.spark.job import _story_partitions, _Placed
from corroborate.spark.session import java_available


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    return parser.parse_args(list(argv))


def test_an_existing_output_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"output folder .* already exists; remove it or choose another"):
        command.run(_args("examples/iraq-coalition-2024", "-o", str(tmp_path)), io.StringIO(), io.StringIO())


def test_the_submit_entry_prints_one_line_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert entry.main(["examples/iraq-coalition-2024", "-o", str(tmp_path)]) == command.EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("error: output folder ") and err.count("\n") == 1


def test_options_and_defaults() -> None:
    args = _args("a.jsonl", "crawl/*.warc.gz", "-o", "out", "--partitions", "8", "--reference-date", "2024-09-27")
    assert (args.inputs, args.output, args.partitions, args.master) == (["a.jsonl", "crawl/*.warc.gz"], "out", 8, None)
    assert args.reference_date.isoformat() == "2024-09-27"
    with pytest.raises(SystemExit):
        _args("a.jsonl", "-o", "out", "--partitions", "0")


def test_missing_java_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert not java_available()
    with pytest.raises(SparkUnavailableError, match=r"^Spark needs a Java runtime \(17 or later\): none found"):
        start_session("local[2]")


def test_stories_are_spread_largest_first_onto_the_least_loaded_partition() -> None:
    sizes = {0: 5, 1: 1, 2: 3, 3: 3, 4: 1}
    placed = [_Placed(0, "", _assignment(story)) for story, size in sizes.items() for _ in range(size)]
    assert _story_partitions(placed, 2) == {0: 0, 2: 1, 3: 1, 1: 0, 4: 0}


def _assignment(story: int):  # type: ignore[no-untyped-def]
    from corroborate.cluster import Assignment

    return Assignment(key="", story=story, new_story=False, similarity=0.0, derived_from=None)


def test_the_speedup_benchmark_is_skipped_without_its_data(tmp_path: Path) -> None:
    from corroborate.bench.spark_speedup import run
    from corroborate.errors import BenchmarkDataMissing

    with pytest.raises(BenchmarkDataMissing, match="spark-speedup needs the ECB\\+ texts in"):
        run(tmp_path)
