"""The scale benchmark's synthetic stream and its measurement, on a small stream."""

from __future__ import annotations

import json
from pathlib import Path

from corroborate.bench.scale import measure_ingest, synthetic_stream, write_stream_files

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "iraq-coalition-2024"

TEXTS = [
    ("rehab", "Tara Reid checked into Promises Treatment Center on Tuesday. Her representative confirmed it."),
    ("quake", "A strong earthquake struck northern Chile on Sunday. Officials in Santiago reported damage."),
    ("escape", "Two inmates escaped from the Harris County jail in Baytown. Police searched the area."),
]


def test_the_stream_is_the_same_for_the_same_seed_and_dated_in_order():
    first = list(synthetic_stream(TEXTS, 200, seed=7))
    assert first == list(synthetic_stream(TEXTS, 200, seed=7))
    assert first != list(synthetic_stream(TEXTS, 200, seed=8))
    assert [record["id"] for record in first] == [f"s{number:06d}" for number in range(200)]
    dates = [record["published"] for record in first]
    assert dates == sorted(dates) and dates[0] == "2024-01-01T00:00:00"
    texts = [record["text"] for record in first]
    # Exact copies under new ids exist, and renamed variants differ from their source text.
    assert len(set(texts)) < len(texts)
    assert all(text not in {original for _, original in TEXTS} for text in texts)


def test_stream_files_hold_a_thousand_records_each(tmp_path: Path):
    folder = write_stream_files(tmp_path / "stream", synthetic_stream(TEXTS, 2500, seed=1))
    parts = sorted(folder.iterdir())
    assert [part.name for part in parts] == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    counts = [len(part.read_text(encoding="utf-8").splitlines()) for part in parts]
    assert counts == [1000, 1000, 500]
    assert json.loads(parts[2].read_text(encoding="utf-8").splitlines()[-1])["id"] == "s002499"


def test_measuring_a_stream_stores_every_article_and_links_copies(tmp_path: Path):
    # Whole pages: near-copy detection needs more words than the snippets above.
    pages = [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(EXAMPLE.glob("*.txt"))]
    folder = write_stream_files(tmp_path / "stream", synthetic_stream(pages, 150, seed=3))
    result = measure_ingest(folder, tmp_path / "store.db")
    assert result["articles"] == 150
    assert 0 < result["stories"] < 150
    assert result["derived"] > 0
    assert result["seconds"] > 0 and result["peak_rss_mb"] > 0 and result["database_mb"] > 0
