"""The story-clustering benchmark: B-cubed scoring, data loading, and a quality gate on held-out topics."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.bench.gates import check_gate
from corroborate.bench.stories import b_cubed, load_story_data, score_ours
from corroborate.cluster import story_features
from corroborate.errors import BenchmarkDataMissing

DATA_ROOT = Path(__file__).resolve().parents[3] / "shared" / "bench"

#: The floor is the ``stories_held_out_f1_seed_1`` gate of quality/floors.toml
#: (docs/quality-gates.md): pinned under the measured 0.907 (held-out even
#: topics, order seed 1); the run is deterministic, so only a change of method
#: moves it, and a drop of two points is a regression.
HELD_OUT_GATE = "stories_held_out_f1_seed_1"


def test_b_cubed_of_a_perfect_clustering_is_one() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    assert b_cubed({"a": 1, "b": 1, "c": 2}, gold) == (1.0, 1.0, 1.0)


def test_b_cubed_of_one_merged_cluster() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    precision, recall, f1 = b_cubed({"a": 1, "b": 1, "c": 1}, gold)
    assert (round(precision, 4), recall, round(f1, 4)) == (0.5556, 1.0, 0.7143)


def test_b_cubed_of_all_singletons_and_missing_items() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    assert b_cubed({"a": 1, "b": 2, "c": 3}, gold) == (1.0, 2 / 3, 0.8)
    assert b_cubed({}, gold) == (1.0, 2 / 3, 0.8)  # missing items are singletons
    assert b_cubed({}, {}) == (0.0, 0.0, 0.0)


def test_missing_data_is_reported(tmp_path: Path) -> None:
    with pytest.raises(BenchmarkDataMissing, match="stories needs the ECB\\+ texts"):
        load_story_data(tmp_path)


def test_held_out_topics_stay_above_their_floor() -> None:
    if not (DATA_ROOT / "stories-ecbplus" / "stories.tsv").is_file():
        pytest.skip(f"ECB+ story data not found under {DATA_ROOT}")
    held_out = load_story_data(DATA_ROOT).half(0)
    assert (len(held_out.articles), len(set(held_out.gold.values()))) == (385, 34)
    features = {article.id: story_features(article) for article in held_out.articles}
    result = check_gate(HELD_OUT_GATE, score_ours(features, held_out, seed=1)[2])
    assert result.passed, result.message
