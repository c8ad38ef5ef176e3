"""Quality gates: each pinned score measured on its subset, the gate itself, and floors that only go up.

The floors are in ``quality/floors.toml`` (docs/quality-gates.md). The default
run measures the fast subsets (about 20 s); the full-size gates are marked
``slow``. The extraction gate on all pages lives in test_extraction_gate.py and
the stories gate in tests/cluster/test_stories_bench.py; both read their floors
from the same file.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from corroborate.bench import default_data_root
from corroborate.bench.attribution import DATA_DIR as ATTRIBUTION_DIR
from corroborate.bench.attribution import run_attribution_benchmark
from corroborate.bench.extraction import DATA_DIR as EXTRACTION_DIR
from corroborate.bench.extraction import aggregate, corroborate_body, load_pages, score_page
from corroborate.bench.gates import (
    REPOSITORY,
    SEED_EXAMPLE_CHECKS,
    Floor,
    check_gate,
    committed_floors,
    floor_history,
    gate,
    load_floors,
    lowered_floors,
    parse_floors,
    repository_root,
    run_seed_example_checks,
)
from corroborate.bench.timex import DATA_DIR as TIMEX_DIR
from corroborate.bench.timex import run_timex_benchmark
from corroborate.brief import make_brief
from corroborate.errors import UsageError
from corroborate.model import Brief

DATA_ROOT = default_data_root()


def needs_data(folder: str) -> None:
    """Skip, saying what is missing, when a benchmark's shared data is not on this machine."""
    if not (DATA_ROOT / folder).is_dir():
        pytest.skip(f"benchmark data {folder}/ not found under {DATA_ROOT} (set CORROBORATE_BENCH_DATA)")


def assert_gate(name: str, measured: float) -> None:
    result = check_gate(name, measured)
    assert result.passed, result.message


# --- The gated scores, each on its subset -------------------------------------


@pytest.fixture(scope="module")
def first_pages() -> tuple[list, list[str]]:
    """The extraction gate's pages and our bodies for them."""
    needs_data(EXTRACTION_DIR)
    pages = load_pages(DATA_ROOT, gate("extraction_f1_first_60").limit)
    return pages, [corroborate_body(page) for page in pages]


def extraction_f1(pages: list, bodies: list[str]) -> float:
    return aggregate([score_page(page.truth, body) for page, body in zip(pages, bodies)])[2]


def test_extraction_f1_on_the_first_pages(first_pages) -> None:
    pages, bodies = first_pages
    assert len(pages) == gate("extraction_f1_first_60").limit
    assert_gate("extraction_f1_first_60", extraction_f1(pages, bodies))


def test_timex_value_f1() -> None:
    needs_data(TIMEX_DIR)
    report = run_timex_benchmark(DATA_ROOT, gate("timex_value_f1").limit)
    both = report.rows[-1]
    assert both["corpus"] == "both"
    assert_gate("timex_value_f1", float(both["value F1"]))


def check_attribution(all_gate: str, direct_gate: str) -> None:
    needs_data(ATTRIBUTION_DIR)
    limit = gate(all_gate).limit
    assert gate(direct_gate).limit == limit  # one run serves both gates
    rows = {row["scope"]: row for row in run_attribution_benchmark(DATA_ROOT, limit).rows}
    assert_gate(all_gate, rows["all attributions"]["content F1"])
    assert_gate(direct_gate, rows["direct quotes"]["content F1"])


def test_attribution_content_f1_on_the_first_articles() -> None:
    check_attribution("attribution_content_f1_first_20", "attribution_direct_f1_first_20")


@pytest.mark.slow
def test_attribution_content_f1_on_all_articles() -> None:
    check_attribution("attribution_content_f1", "attribution_direct_f1")


@pytest.fixture(scope="module")
def example_brief(example_annotated) -> Brief:
    return make_brief(example_annotated)


def test_seed_example_checks(example_brief: Brief) -> None:
    results = run_seed_example_checks(example_brief)
    failed = [name for name, passed in results.items() if not passed]
    result = check_gate("seed_example_checks", sum(results.values()))
    assert result.passed, f"{result.message}; failed: {'; '.join(failed)}"


def test_the_seed_example_floor_is_every_check() -> None:
    # A new check raises the floor with it; a check cannot be dropped (the floor would go down).
    assert gate("seed_example_checks").floor == len(SEED_EXAMPLE_CHECKS)


# --- The gate itself ----------------------------------------------------------


def test_a_score_lowered_past_the_tolerance_fails_every_gate_with_a_clear_message() -> None:
    for name, pinned in load_floors().items():
        assert check_gate(name, pinned.measured).passed
        assert check_gate(name, pinned.floor - pinned.tolerance).passed  # within noise
        lowered = pinned.floor - pinned.tolerance - (1 if pinned.benchmark == "seed example" else 0.002)
        result = check_gate(name, lowered)
        assert not result.passed
        assert result.message.startswith(f"{name} dropped to ")
        assert "under its floor" in result.message and pinned.subset in result.message


def test_the_messages_name_score_floor_tolerance_and_origin() -> None:
    floors = parse_floors(
        '[gates.demo]\nbenchmark = "extraction"\nscore = "F1"\nsubset = "first 3 pages"\nlimit = 3\n'
        'suite = "default"\ntest = "tests/x.py::t"\nfloor = 0.95\ntolerance = 0.005\n'
        'measured = 0.961\nmeasured_on = "2026-11-23"\n'
    )
    assert check_gate("demo", 0.946, floors).message == "demo: 0.946 holds its floor 0.95 (tolerance 0.005) on first 3 pages"
    failing = check_gate("demo", 0.9, floors)
    assert (failing.passed, failing.floor, failing.tolerance) == (False, 0.95, 0.005)
    assert failing.message == (
        "demo dropped to 0.9, 0.05 under its floor 0.95 (tolerance 0.005) on first 3 pages; "
        "the floor was set from 0.961 measured 2026-11-23"
    )


def test_a_real_extraction_regression_fails_its_gate(first_pages) -> None:
    # Keep only the first half of every body we extracted: the subset's F1 falls and the gate says so.
    pages, bodies = first_pages
    halved = [body[: len(body) // 2] for body in bodies]
    result = check_gate("extraction_f1_first_60", extraction_f1(pages, halved))
    assert not result.passed
    assert "extraction_f1_first_60 dropped to" in result.message


def test_a_brief_without_its_timeline_fails_the_seed_example_gate(example_brief: Brief) -> None:
    results = run_seed_example_checks(dataclasses.replace(example_brief, timeline=()))
    assert [name for name, passed in results.items() if not passed] == [
        "the announcement is dated Friday 2024-09-27 by pages 000, 001, 002 and 004",
        "the first phase ends by 2025-09 on all five pages",
        "operations from Syria continue until 2026-09, by three independent sources",
    ]
    assert not check_gate("seed_example_checks", sum(results.values())).passed


def test_unknown_gates_and_malformed_files_are_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no quality gate named 'nope'; known gates: .*timex_value_f1"):
        check_gate("nope", 1.0)
    with pytest.raises(UsageError, match="gate 'demo' lacks subset, suite, test, floor"):
        parse_floors('[gates.demo]\nbenchmark = "x"\nscore = "y"\n')
    entry = (
        '[gates.demo]\nbenchmark = "x"\nscore = "y"\nsubset = "z"\nsuite = "default"\ntest = "t"\n'
        'floor = 0.9\ntolerance = 0.001\nmeasured = 0.91\nmeasured_on = "2026-11-23"\n'
    )
    with pytest.raises(UsageError, match="positive whole number as limit, not 0"):
        parse_floors(entry + "limit = 0\n")
    with pytest.raises(UsageError, match="negative tolerance"):
        parse_floors(entry.replace("tolerance = 0.001", "tolerance = -0.1"))
    with pytest.raises(UsageError, match="suite 'nightly'"):
        parse_floors(entry.replace('suite = "default"', 'suite = "nightly"'))
    with pytest.raises(UsageError, match="no \\[gates.NAME\\] tables"):
        parse_floors("")
    with pytest.raises(UsageError, match="not valid TOML"):
        parse_floors("[gates")
    with pytest.raises(UsageError, match="cannot read the quality floors"):
        load_floors(tmp_path / "absent.toml")


# --- The floors file ----------------------------------------------------------


def test_every_floor_sits_at_or_under_its_measurement_and_names_its_test() -> None:
    for name, pinned in load_floors().items():
        assert pinned.floor <= pinned.measured, name
        path, _, function = pinned.test.partition("::")
        source = REPOSITORY / path
        assert source.is_file(), f"{name}: {path} does not exist"
        assert f"def {function}(" in source.read_text(encoding="utf-8"), f"{name}: no test {function} in {path}"


def weakened(floors: dict[str, Floor], name: str, **changes: object) -> dict[str, Floor]:
    return {**floors, name: dataclasses.replace(floors[name], **changes)}


def test_lowering_widening_moving_or_removing_a_gate_is_detected() -> None:
    floors = load_floors()
    assert lowered_floors(floors, floors) == []
    assert lowered_floors(floors, weakened(floors, "timex_value_f1", floor=0.9)) == []  # raising is fine

    (lowered,) = lowered_floors(floors, weakened(floors, "timex_value_f1", floor=0.5))
    assert lowered.name == "timex_value_f1"
    assert lowered.reason == "floor of timex_value_f1 lowered from 0.798 to 0.5"
    (wider,) = lowered_floors(floors, weakened(floors, "timex_value_f1", tolerance=0.05))
    assert wider.reason == "tolerance of timex_value_f1 widened from 0.001 to 0.05"
    (moved,) = lowered_floors(floors, weakened(floors, "extraction_f1_first_60", limit=10))
    assert "give the new measurement a new gate" in moved.reason

    without = {name: pinned for name, pinned in floors.items() if name != "seed_example_checks"}
    (removed,) = lowered_floors(floors, without)
    assert removed.reason == "gate seed_example_checks was removed (its floor was 8)"
    assert lowered_floors(floors, without, include_removed=False) == []


def committed_or_skip(revision: str = "HEAD") -> dict[str, Floor]:
    if repository_root() is None:
        pytest.skip(f"{REPOSITORY} is not a git checkout (or git is missing): cannot compare with committed floors")
    committed = committed_floors(revision)
    if committed is None:
        pytest.skip(f"quality/floors.toml is not committed at {revision} yet: nothing to compare with")
    return committed


def test_no_floor_is_lowered_against_the_last_commit() -> None:
    lowered = lowered_floors(committed_or_skip("HEAD"), load_floors())
    assert not lowered, "floors may only go up: " + "; ".join(item.reason for item in lowered)


def test_no_floor_is_under_any_floor_ever_committed() -> None:
    committed_or_skip("HEAD")
    current = load_floors()
    for commit, floors in floor_history():
        lowered = lowered_floors(floors, current, include_removed=False)
        assert not lowered, f"floors may only go up (against {commit[:12]}): " + "; ".join(
            item.reason for item in lowered
        )
