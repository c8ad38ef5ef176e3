"""The fuzz benchmark: real short libFuzzer runs (a few hundred executions) and what is read from them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from corroborate.bench import BENCHMARKS
from corroborate.bench.fuzz import (
    RSS_LIMIT_MB,
    campaign_row,
    forget_input,
    fuzz_target,
    libfuzzer_arguments,
    parse_libfuzzer_output,
    reduce_finding,
    write_seeds,
)
from corroborate.bench.fuzz_targets import TARGETS, FuzzTarget, date_seeds
from corroborate.errors import UsageError

pytest.importorskip("atheris", reason="the fuzz benchmark needs atheris (test extra)")

#: A fuzz target outside the project: a crash on inputs starting with "a", a hang on "b".
FAILING_TARGET = '''
import sys, time
import atheris

def target(data):
    if data[:1] == b"a":
        raise ValueError("found the a")
    if data[:1] == b"b":
        time.sleep(30)

atheris.Setup(sys.argv, target)
atheris.Fuzz()
'''


def run_failing_target(tmp_path: Path, seed: bytes, *extra: str) -> str:
    """libFuzzer's output of FAILING_TARGET started on one seed."""
    script = tmp_path / "failing_target.py"
    script.write_text(FAILING_TARGET, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "seed").write_bytes(seed)
    (tmp_path / "findings").mkdir()
    command = [sys.executable, str(script), str(corpus), f"-artifact_prefix={tmp_path / 'findings'}/",
               "-print_final_stats=1", *extra]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    return done.stdout + done.stderr


def test_fuzz_is_a_registered_benchmark() -> None:
    assert "fuzz" in BENCHMARKS


def test_a_short_real_run_of_the_date_target_is_counted(tmp_path: Path) -> None:
    campaign = fuzz_target("dates", seconds=60, runs=300, output_root=tmp_path)
    # -runs=300 stops libFuzzer after exactly 300 executions; nothing failed, so one session.
    assert (campaign.executions, campaign.sessions, campaign.findings) == (300, 1, [])
    assert campaign.coverage > 0 and campaign.features >= campaign.coverage
    # Every seed is a distinct input the instrumented parser handles differently, so all are kept.
    assert campaign.corpus >= len(date_seeds(None))
    assert 0 < campaign.peak_rss_mb < RSS_LIMIT_MB
    log = (tmp_path / "dates" / "session-1.log").read_text(encoding="utf-8")
    assert parse_libfuzzer_output(log).executions == 300
    row = campaign_row(campaign)
    assert (row["target"], row["executions"], row["crashes"], row["timeouts"], row["out of memory"]) == (
        "dates", 300, 0, 0, 0,
    )


def test_a_real_crash_is_read_with_its_exception_and_input(tmp_path: Path) -> None:
    output = parse_libfuzzer_output(run_failing_target(tmp_path, b"a"))
    assert output.finding_kind == "crash"
    assert output.summary == "ValueError: found the a at failing_target.py:7 (target)"
    assert output.artifact is not None and output.artifact.parent == tmp_path / "findings"
    assert output.artifact.read_bytes() == b"a"


def test_a_real_hang_is_read_as_a_timeout(tmp_path: Path) -> None:
    output = parse_libfuzzer_output(run_failing_target(tmp_path, b"b", "-timeout=1"))
    assert output.finding_kind == "timeout"
    assert output.summary.startswith("over ")
    assert output.summary.endswith(" at failing_target.py:9 (target)")
    assert output.artifact is not None and output.artifact.read_bytes() == b"b"


def test_output_without_a_run_reads_as_nothing_done() -> None:
    output = parse_libfuzzer_output("Traceback (most recent call last):\nImportError: no atheris\n")
    assert (output.executions, output.coverage, output.finding_kind, output.artifact) == (0, 0, None, None)


def test_arguments_put_new_inputs_in_the_corpus_and_failures_in_findings(tmp_path: Path) -> None:
    arguments = libfuzzer_arguments(tmp_path / "c", tmp_path / "s", tmp_path / "f", 42, None)
    assert arguments[:3] == [str(tmp_path / "c"), str(tmp_path / "s"), "-max_total_time=42"]
    assert f"-artifact_prefix={tmp_path / 'f'}/" in arguments
    assert not any(argument.startswith("-runs=") for argument in arguments)
    assert libfuzzer_arguments(tmp_path, tmp_path, tmp_path, 0, 7)[2:3] == ["-max_total_time=1"]
    assert libfuzzer_arguments(tmp_path, tmp_path, tmp_path, 5, 7)[-1] == "-runs=7"


def test_a_failing_input_is_forgotten_so_the_next_session_gets_past_it(tmp_path: Path) -> None:
    assert write_seeds(tmp_path / "seeds", [b"good", b"bad", b"bad"]) == 2
    forget_input(b"bad", [tmp_path / "seeds"])
    assert sorted(path.read_bytes() for path in (tmp_path / "seeds").iterdir()) == [b"good"]


def fails_on_xyz(data: bytes) -> None:
    """A target failing on any input that holds "xyz"."""
    if b"xyz" in data:
        raise ValueError("xyz inside")


def test_a_finding_is_reduced_to_what_makes_it_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(TARGETS, "xyz", FuzzTarget(fails_on_xyz, lambda root: [], (), "test target"))
    assert reduce_finding("xyz", b"<rss>aaa xyz bbb</rss>") == b"xyz"
    with pytest.raises(UsageError, match="the input does not fail the 'xyz' target"):
        reduce_finding("xyz", b"<rss>aaa</rss>")


def test_unknown_target_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown fuzz target 'pdf'; known targets: html, "):
        fuzz_target("pdf", output_root=tmp_path)


def test_every_target_handles_its_own_seeds() -> None:
    for name, target in TARGETS.items():
        for seed in target.seeds(None):
            target.function(seed)  # raises on a finding
