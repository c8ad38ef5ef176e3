"""Quality gate for HTML extraction: fails when the benchmark F1 drops below its floor.

Marked ``slow`` (about half a minute; run with ``pytest -m slow``). Only quality
is gated, never speed, which depends on the machine and its load. The floor is
the ``extraction_f1`` gate of ``quality/floors.toml`` (docs/quality-gates.md);
the default run gates the first pages (tests/bench/test_quality_gates.py).
"""

from __future__ import annotations

import pytest

from corroborate.bench import default_data_root, run_benchmark
from corroborate.bench.gates import check_gate


@pytest.mark.slow
def test_extraction_f1_stays_above_its_floor_and_above_trafilatura() -> None:
    root = default_data_root()
    if not (root / "extraction-scrapinghub" / "ground-truth.json").is_file():
        pytest.skip(f"extraction benchmark data not found under {root}")
    rows = {row["extractor"]: row for row in run_benchmark("extraction", root).rows}
    ours = rows["corroborate"]["F1"]
    result = check_gate("extraction_f1", ours)
    assert result.passed, result.message
    assert ours >= rows["trafilatura 2.3.1 (plain)"]["F1"]
